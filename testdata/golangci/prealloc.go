package fixture

// squares appends once per element to a slice declared without capacity.
func squares(xs []int) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x*x) // want prealloc
	}
	return out
}
