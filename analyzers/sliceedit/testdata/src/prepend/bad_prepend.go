package prepend

import "slices"

// Prepending moves every element already in the slice.

func literal(xs []int) []int {
	var s []int
	for _, x := range xs {
		s = append([]int{x}, s...) // want `s is prepended to on every iteration of the loop over xs, moving every element of s each time \(O\(n\) per iteration, O\(n²\) in all\); append at the end and reverse once after the loop \(slices.Reverse\), or keep a deque \(container/list\)`
	}
	return s
}

func twoAtATime(xs []string) []string {
	var out []string
	for i := 0; i+1 < len(xs); i += 2 {
		out = append([]string{xs[i], xs[i+1]}, out...) // want `out is prepended to on every iteration of the for loop`
	}
	return out
}

func insertAtZero(xs []int) []int {
	s := make([]int, 0, len(xs))
	for _, x := range xs {
		s = slices.Insert(s, 0, x) // want `s is prepended to on every iteration of the loop over xs`
	}
	return s
}

// shiftRight is the grow-and-copy idiom for inserting at the front.
func shiftRight(xs []byte) []byte {
	var s []byte
	for _, x := range xs {
		s = append(s, 0)
		copy(s[1:], s) // want `s is prepended to on every iteration of the loop over xs`
		s[0] = x
	}
	return s
}

// guarded prepends only some elements: quadratic whenever it does.
func guarded(xs []int) []int {
	var s []int
	for _, x := range xs {
		if x%2 == 0 {
			s = append([]int{x}, s...) // want `s is prepended to`
		}
	}
	return s
}

// pathTo walks up a tree, an unknown number of steps.
type node struct {
	name   string
	parent *node
}

func pathTo(n *node) []string {
	var path []string
	for ; n != nil; n = n.parent {
		path = append([]string{n.name}, path...) // want `path is prepended to on every iteration of the for loop`
	}
	return path
}

// A slice held in a struct field lives across iterations.
type stack struct{ items []int }

func (st *stack) pushAll(xs []int) {
	for _, x := range xs {
		st.items = append([]int{x}, st.items...) // want `st.items is prepended to on every iteration of the loop over xs`
	}
}

var history []string

func record(lines []string) {
	for _, line := range lines {
		history = slices.Insert(history, 0, line) // want `history is prepended to`
	}
}

// captured prepends to a variable a closure shares.
func captured(xs []int) []int {
	var s []int
	add := func(x int) { s = append([]int{x}, s...) }
	for _, x := range xs {
		add(x)
		s = append([]int{-x}, s...) // want `s is prepended to`
	}
	return s
}

// inColdInner prepends in a loop of two iterations, inside a hot one
// that carries the slice: reported with the hot loop.
func inColdInner(xs []int) []int {
	var s []int
	for _, x := range xs {
		for j := 0; j < 2; j++ {
			s = append([]int{x + j}, s...) // want `s is prepended to on every iteration of the loop over xs`
		}
	}
	return s
}

// rangeFunc prepends in the body of a range-over-func loop.
func rangeFunc(seq func(func(int) bool)) []int {
	var s []int
	for x := range seq {
		s = append([]int{x}, s...) // want `s is prepended to on every iteration of the loop over seq`
	}
	return s
}

// fixedIndex inserts after a header that stays put.
func fixedIndex(header []string, xs []string) []string {
	s := slices.Clone(header)
	n := len(header)
	for _, x := range xs {
		s = slices.Insert(s, n, x) // want `s gets elements inserted at a fixed index on every iteration of the loop over xs, moving every later element each time`
	}
	return s
}

func secondPlace(xs []int) []int {
	s := []int{0}
	for _, x := range xs {
		s = slices.Insert(s, 1, x) // want `s gets elements inserted at a fixed index`
	}
	return s
}

func generic[T any](xs []T) []T {
	var s []T
	for _, x := range xs {
		s = append([]T{x}, s...) // want `s is prepended to`
	}
	return s
}

// Inserting into the slice a loop walks moves every later element on
// each insertion.
func duplicateNegatives(s []int) []int {
	for i := 0; i < len(s); i++ {
		if s[i] < 0 {
			s = slices.Insert(s, i+1, s[i]) // want `inserting into s inside the for loop moves every later element of s on each insertion \(O\(n\) per iteration, O\(n²\) in all\); build the result in a new slice in one pass`
			i++
		}
	}
	return s
}

// retry is a loop built with goto.
func retry(xs []int) []int {
	var s []int
	i := 0
again:
	if i < len(xs) {
		s = append([]int{xs[i]}, s...) // want `s is prepended to on every iteration of the goto loop at label again`
		i++
		goto again
	}
	return s
}

// sliceTricks inserts with the nested append idiom.
func sliceTricks(s []string, xs []string) []string {
	for _, x := range xs {
		s = append(s[:1], append([]string{x}, s[1:]...)...) // want `s gets elements inserted at a fixed index on every iteration of the loop over xs`
	}
	for i := 0; i < len(s); i += 2 {
		s = append(s[:i], append([]string{"-"}, s[i:]...)...) // want `inserting into s inside the for loop`
	}
	return s
}

func constrained[S ~[]E, E any](s S, xs []E) S {
	for _, x := range xs {
		s = slices.Insert(s, 0, x) // want `s is prepended to`
		s = append(S{x}, s...)     // want `s is prepended to`
	}
	return s
}
