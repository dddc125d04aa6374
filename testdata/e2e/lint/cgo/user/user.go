// Package user imports a package that uses C.
package user

import "example.com/lint/cgo"

// Joined builds a string from the cgo package's results.
func Joined(groups [][]string) string {
	out := ""
	for _, g := range groups {
		out += cgo.Join(g)
	}
	return out
}

// Sized holds C values from the cgo package: where cgo cannot run, their
// type is unknown here too, and the function is not analysed.
func Sized(groups [][]string) int {
	n := 0
	for range groups {
		n += int(cgo.Size())
	}
	return n
}
