// Package layout holds one case for each assumption layout.go makes
// about how the SSA builder lays out loops.
package layout

import "iter"

func work(int) {}

// A for statement tests its condition in the header, at the top.
func forCond(n int) {
	for i := 0; i < n; i++ { // want `for tests 1 own true end false guarded false iteration false`
		work(i)
	}
}

// A range over a slice steps an index from -1 and tests it in the
// header, with a comparison that has no position.
func rangeSlice(xs []int) {
	for i := range xs { // want `range tests 1 own true end false guarded false iteration false`
		if i%2 == 0 {
			continue
		}
		work(i)
	}
}

// A range over an integer is rotated and guarded: with a plain body the
// test shares the header, which is its own latch; with a branch in the
// body the test sits in a latch of its own.
func rangeInt(n int) {
	for i := range n { // want `range tests 1 own true end true guarded true iteration false`
		work(i)
	}
	for i := range n { // want `range tests 1 own true end true guarded true iteration false`
		if i%2 == 0 {
			continue
		}
		work(i)
	}
	for i := range n { // want `range tests 1 own true end true guarded true iteration false`
		if i < 4 {
			work(0)
		}
		go work(i)
	}
}

// A range over a map or a string tests next's ok result in the header.
func rangeIter(m map[string]int, s string) {
	for k := range m { // want `range tests 1 own true end false guarded false iteration true`
		work(len(k))
	}
	for _, r := range s { // want `range tests 1 own true end false guarded false iteration true`
		work(int(r))
	}
}

// A range over a channel leaves on the receive's ok: no count.
func rangeChan(ch chan int) {
	for v := range ch { // want `range tests 1 own true end false guarded false iteration false`
		work(v)
	}
}

// A labelled continue is a back edge of the outer loop, not an exit.
func labelledContinue(rows [][]int) {
outer:
	for i := 0; i < len(rows); i++ { // want `for tests 1 own true end false guarded false iteration false`
		for _, x := range rows[i] { // want `range tests 2 own true end false guarded false iteration false`
			if x == 0 {
				continue outer
			}
		}
	}
}

// A goto loop's test is no statement's own.
func gotoLoop(n int) {
	i := 0
loop: // want `goto tests 1 own false end false guarded false iteration false`
	if i >= n {
		return
	}
	work(i)
	i++
	goto loop
}

// A break in a for loop is a test in the body, after the statement's.
func breakInBody(n int) {
	for i := 0; i < n; i++ { // want `for tests 2 own true end false guarded false iteration false`
		if i == 10 {
			break
		}
		work(i)
	}
}

// A range-over-func body is its yield function: it has no tests.
func rangeFunc(seq iter.Seq[int]) {
	for v := range seq { // want `range-over-func tests 0`
		work(v)
	}
}

// A goto loop inside a for loop starts at its label: its positions lie
// in the for loop's body, yet it is the labelled statement's loop.
func gotoInFor(n int) {
	for i := 0; i < n; i++ { // want `for tests 1 own true end false guarded false iteration false`
		j := 0
	retry: // want `goto tests 1 own false end false guarded false iteration false`
		if j < i {
			j++
			goto retry
		}
	}
}

// Loops whose bodies have no positioned instruction are matched to
// their statements in source order, by the shape of their tests.
func emptyBodies(xs []int, n int) {
	for range xs { // want `range tests 1 own true end false guarded false iteration false`
	}
	for i := 0; i < n; i++ { // want `for tests 1 own true end false guarded false iteration false`
	}
	for range n { // want `range tests 1 own true end true guarded true iteration false`
	}
}
