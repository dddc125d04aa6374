// Package typeerr parses but does not type-check.
package typeerr

// F returns a string where it promises an int.
func F() int {
	return "one"
}
