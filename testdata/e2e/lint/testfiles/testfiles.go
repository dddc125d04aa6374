// Package testfiles concatenates in a loop only in its test file, which
// perfvet reports on only with -testfiles, and never with -test=false.
package testfiles

// Double returns s twice.
func Double(s string) string { return s + s }
