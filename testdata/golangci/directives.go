package fixture

// tally counts xs; its directive, left from when it built a string,
// suppresses nothing.
func tally(xs []int) (n int) {
	//perfvet:ignore concatloop n was a string once // want directives
	for range xs {
		n++
	}
	return n
}
