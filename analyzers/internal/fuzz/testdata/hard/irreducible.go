package p

// Two entries into one cycle: no block dominates the other, so the
// cycle is not a natural loop.
func irreducible(c bool, n int) string {
	acc := ""
	if c {
		goto b
	}
a:
	acc += "a"
b:
	acc += "b"
	n--
	if n > 0 {
		goto a
	}
	return acc
}
