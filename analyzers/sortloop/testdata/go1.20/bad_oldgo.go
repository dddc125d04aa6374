// Package oldgo is a module whose go version, 1.20, has no slices
// package: the remedy names sort.Search instead of slices.BinarySearch.
package oldgo

import "sort"

func sortedAsItGrows(xs []int) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x)
		sort.Ints(out) // want `sort.Ints\(out\) sorts out again after it grows on every iteration of the loop over xs: at least a pass over the whole slice each time, quadratic or worse in all; insert each element at the position sort.Search gives, keep a heap \(container/heap\), or sort once after the loop`
	}
	return out
}
