package rangefunc

import (
	"iter"
	"slices"
)

// The body of a range-over-func statement runs once per element.
func collect(seq iter.Seq[int]) []int {
	var out []int
	for v := range seq {
		out = append(out, v)
		slices.Sort(out) // want `slices.Sort\(out\) sorts out again after it grows on every iteration of the loop over seq`
	}
	return out
}

func same(seq iter.Seq[int], xs []int) (n int) {
	for v := range seq {
		slices.Sort(xs) // want `slices.Sort\(xs\) sorts the same xs on every iteration of the loop over seq`
		if _, ok := slices.BinarySearch(xs, v); ok {
			n++
		}
	}
	return n
}
