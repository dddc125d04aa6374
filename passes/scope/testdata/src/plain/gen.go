// Code generated for a test of scope. DO NOT EDIT.

package plain

func generated() {} // want `(plain|variant): not reported`
