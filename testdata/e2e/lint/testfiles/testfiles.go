// Package testfiles concatenates in a loop only in its test file, which
// perfvet analyses unless -test=false.
package testfiles

// Double returns s twice.
func Double(s string) string { return s + s }
