package fill

func work(int) {}

// A range over an integer with a branch in its body runs n times, as
// the same loop over a slice or written with three clauses does.
func rangeIntBranches(n int) []int {
	var sq []int
	for i := range n {
		sq = append(sq, i*i) // want `sq grows by append in the loop over n without capacity.*sq = slices.Grow\(sq, max\(n, 0\)\)`
		if i%2 == 0 {
			continue
		}
		work(i)
	}
	return sq
}

func threeClauseBranches(n int) []int {
	var sq []int
	for i := 0; i < n; i++ {
		sq = append(sq, i*i) // want `sq grows by append in the for loop without capacity.*sq = slices.Grow\(sq, max\(n, 0\)\)`
		if i%2 == 0 {
			continue
		}
		work(i)
	}
	return sq
}
