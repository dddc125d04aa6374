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
