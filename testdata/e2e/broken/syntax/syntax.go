// Package syntax does not parse.
package syntax

func F() int {
	return 1
