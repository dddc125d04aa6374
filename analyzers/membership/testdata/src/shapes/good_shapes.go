package shapes

import (
	"iter"
	"slices"
)

// Unusual shapes the analyzer must survive; none of them is a membership
// test it can vouch for.

// A method value as the predicate.
type matcher struct{ id int }

func (m matcher) match(id int) bool { return m.id == id }

func methodValue(ms []matcher, ids []int) (n int) {
	for _, m := range ms {
		if slices.ContainsFunc(ids, m.match) {
			n++
		}
	}
	return n
}

// A predicate with more than one path.
func branchyPredicate(ids, known []int) (n int) {
	for _, id := range ids {
		if slices.ContainsFunc(known, func(k int) bool {
			if k < 0 {
				return false
			}
			return k == id
		}) {
			n++
		}
	}
	return n
}

// An iterator of iterators.
func nestedRangeFunc(seqs iter.Seq[iter.Seq[int]]) (n int) {
	for seq := range seqs {
		for v := range seq {
			n += v
		}
	}
	return n
}

// Loops with no exit, labels, goto and defer.
func odd(ch chan int, xs []int) int {
	i := 0
again:
	if i < len(xs) {
		i++
		goto again
	}
	for {
		select {
		case v := <-ch:
			if v == 0 {
				return i
			}
		default:
			return -1
		}
		defer func() {}()
	}
}

// A recursive closure.
func recursive(xs []int) int {
	var walk func(i int) int
	walk = func(i int) int {
		if i >= len(xs) {
			return 0
		}
		return xs[i] + walk(i+1)
	}
	return walk(0)
}
