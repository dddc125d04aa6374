package variant

// helper is called by a test: the test variant builds it too.
func helper(xs []int) (n int) { // want `(plain|variant): kept`
	for range xs {
		n++
	}
	return n
}

// other is code of the package only: with -dedup the test variant
// leaves it to the package itself.
func other(xs []int) (n int) { // want `plain: kept|variant: skipped`
	for range xs {
		n++
	}
	return n
}
