package grow

import (
	"slices"
	"sort"
	"strings"
)

func insertSorted(xs []int) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x)
		sort.Ints(out) // want `sort.Ints\(out\) sorts out again after it grows on every iteration of the loop over xs: at least a pass over the whole slice each time, quadratic or worse in all; insert each element at the position slices.BinarySearch gives, keep a heap \(container/heap\), or sort once after the loop`
	}
	return out
}

// Sorting before the append is the same: the slice is carried to the
// next iteration larger.
func sortThenAppend(xs []string) []string {
	var out []string
	for _, x := range xs {
		slices.Sort(out) // want `slices.Sort\(out\) sorts out again after it grows on every iteration of the loop over xs`
		out = append(out, strings.ToLower(x))
	}
	return out
}

// Appending under a condition, several elements, or with slices.Insert.
func conditional(xs []float64) []float64 {
	var out []float64
	for _, x := range xs {
		if x > 0 {
			out = append(out, x, -x)
		}
		sort.Float64s(out) // want `sort.Float64s\(out\) sorts out again after it grows`
	}
	return out
}

func inserted(xs []int) []int {
	out := make([]int, 0, len(xs))
	for i, x := range xs {
		out = slices.Insert(out, i, x)
		slices.SortFunc(out, func(a, b int) int { return a - b }) // want `slices.SortFunc\(out, \.\.\.\) sorts out again after it grows on every iteration of the loop over xs`
	}
	return out
}

type byLen []string

func (b byLen) Len() int           { return len(b) }
func (b byLen) Less(i, j int) bool { return len(b[i]) < len(b[j]) }
func (b byLen) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

// sort.Sort of a slice converted to a sort.Interface type, reversed or not.
func interfaces(xs []string) []string {
	var out []string
	for _, x := range xs {
		out = append(out, x)
		sort.Sort(byLen(out))                       // want `sort.Sort\(byLen\(out\)\) sorts byLen\(out\) again after it grows`
		sort.Stable(sort.Reverse(byLen(out)))       // want `sort.Stable\(sort.Reverse\(byLen\(out\)\)\) sorts sort.Reverse\(byLen\(out\)\) again`
		sort.Sort(sort.Reverse(sort.IntSlice(nil))) // a nil slice is no slice the loop grows
	}
	return out
}

// The less function captures the slice, which moves it to memory.
func captured(xs []int) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x)
		sort.Slice(out, func(i, j int) bool { return out[i] < out[j] }) // want `sort.Slice\(out, \.\.\.\) sorts out again after it grows on every iteration of the loop over xs`
	}
	return out
}

type index struct {
	keys []string
}

// A slice in a field grows through the pointer.
func (ix *index) addAll(keys []string) {
	for _, k := range keys {
		ix.keys = append(ix.keys, k)
		sort.SliceStable(ix.keys, func(i, j int) bool { return ix.keys[i] < ix.keys[j] }) // want `sort.SliceStable\(ix.keys, \.\.\.\) sorts ix.keys again after it grows on every iteration of the loop over keys`
	}
}

// An event loop: unknown trip count.
func events(ch <-chan int) []int {
	var seen []int
	for v := range ch {
		seen = append(seen, v)
		slices.Sort(seen) // want `slices.Sort\(seen\) sorts seen again after it grows on every iteration of the loop over ch`
	}
	return seen
}

// A sort in a cold inner loop repeats in the hot outer loop.
func coldInner(xs []int) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x)
		for i := 0; i < 2; i++ {
			sort.Ints(out) // want `sort.Ints\(out\) sorts out again after it grows on every iteration of the loop over xs`
		}
	}
	return out
}

// Generic slices.
func generic[S ~[]E, E interface{ ~int | ~string }](xs S) S {
	var out S
	for _, x := range xs {
		out = append(out, x)
		slices.Sort(out) // want `slices.Sort\(out\) sorts out again after it grows`
	}
	return out
}

// Grown by an inner loop, sorted once per outer iteration: the sort
// repeats over a slice that keeps growing.
func batches(bs [][]int) []int {
	var out []int
	for _, b := range bs {
		for _, x := range b {
			out = append(out, x)
		}
		sort.Ints(out) // want `sort.Ints\(out\) sorts out again after it grows on every iteration of the loop over bs`
	}
	return out
}
