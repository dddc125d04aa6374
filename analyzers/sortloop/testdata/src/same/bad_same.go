package same

import (
	"slices"
	"sort"
)

func repeated(names []string, queries []string) (n int) {
	for _, q := range queries {
		sort.Strings(names) // want `sort.Strings\(names\) sorts the same names on every iteration of the loop over queries: after the first, each sort changes nothing yet costs at least a pass over the whole slice; sort it once before the loop`
		if _, ok := slices.BinarySearch(names, q); ok {
			n++
		}
	}
	return n
}

type table struct {
	rows []int
}

// A slice in a field the loop does not write.
func (t *table) count(qs []int) (n int) {
	for _, q := range qs {
		slices.SortFunc(t.rows, func(a, b int) int { return a - b }) // want `slices.SortFunc\(t.rows, \.\.\.\) sorts the same t.rows on every iteration of the loop over qs`
		if _, ok := slices.BinarySearch(t.rows, q); ok {
			n++
		}
	}
	return n
}

// Under a condition, the sort still repeats whenever it holds.
func conditional(xs []int, qs []int, limit int) (n int) {
	for _, q := range qs {
		if q > limit {
			sort.Ints(xs) // want `sort.Ints\(xs\) sorts the same xs on every iteration of the loop over qs`
		}
		n += xs[0]
	}
	return n
}

// A condition calling a function value may change xs itself (fresh may
// be a closure writing its elements): each sort may have new work.
func conditionalCall(xs []int, qs []int, fresh func(int) bool) (n int) {
	for _, q := range qs {
		if fresh(q) {
			sort.Ints(xs)
		}
		n += xs[0]
	}
	return n
}

// The less function captures the slice.
func captured(xs []int, qs []int) (n int) {
	for range qs {
		sort.Slice(xs, func(i, j int) bool { return xs[i] < xs[j] }) // want `sort.Slice\(xs, \.\.\.\) sorts the same xs on every iteration of the loop over qs`
		n += xs[0]
	}
	return n
}

// An inner loop that only reads the slice.
func nested(groups [][]int, xs []int) (n int) {
	for _, g := range groups {
		slices.Sort(xs) // want `slices.Sort\(xs\) sorts the same xs on every iteration of the loop over groups`
		for _, v := range g {
			if _, ok := slices.BinarySearch(xs, v); ok {
				n++
			}
		}
	}
	return n
}
