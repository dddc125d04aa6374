package robust

import (
	"iter"
	"sync"

	"golang.org/x/sync/errgroup"
)

func handle[T any](T) {}

// Generic code: the element type, the collection and the group's holder
// are type parameters or generic types.

func each[S ~[]E, E any](xs S) {
	for _, x := range xs {
		go handle(x) // want `for every element of xs`
	}
}

type batch[T any] struct {
	items []T
	group errgroup.Group
}

func (b *batch[T]) run(f func(T) error) error {
	for _, it := range b.items {
		b.group.Go(func() error { return f(it) }) // want `b.group.Go starts a goroutine for every element of b.items and b.group has no SetLimit`
	}
	return b.group.Wait()
}

// Range-over-func bodies, nested in ordinary loops and holding them.

func nestedYield(seqs []iter.Seq[int]) {
	for _, seq := range seqs {
		for v := range seq {
			go handle(v) // want `for every element yielded by seq`
		}
	}
}

func loopInYield(seq iter.Seq[[]int]) {
	for vs := range seq {
		for _, v := range vs {
			go handle(v) // want `for every element of vs`
		}
	}
}

// Labelled loops, goto and closures nested in closures.

func labelled(rows [][]int) {
rows:
	for _, row := range rows {
		for _, v := range row {
			if v < 0 {
				break rows
			}
			go handle(v) // want `for every element of row`
		}
	}
}

func nestedClosures(urls []string) {
	var wg sync.WaitGroup
	outer := func(u string) {
		inner := func() {
			wg.Add(1)
			go func() { // want `for every element of urls`
				defer wg.Done()
				handle(u)
			}()
		}
		inner()
	}
	for _, u := range urls {
		outer(u)
	}
	wg.Wait()
}

// A closure that calls itself through a variable is followed to the loop
// that calls it, and the recursion does not trap the analyzer.
func recursive(depths []int) {
	var spawn func(int)
	spawn = func(d int) {
		if d > 0 {
			go spawn(d - 1) // want `for every element of depths`
		}
	}
	for _, d := range depths {
		spawn(d)
	}
}

// Work that recurses along ever longer field paths (n.next.next...),
// each call passing the next node, and waits on no channel: fanout looks
// at the recursion under a bounded number of bindings and still reports.

type node struct {
	next *node
	wait chan struct{}
	val  int
}

func (n *node) sum() int {
	if n == nil {
		return 0
	}
	return n.val + n.next.sum()
}

func visit(n *node, depth int) {
	if n != nil && depth > 0 {
		visit(n.next, depth-1)
		visit(n.next.next, depth-2)
	}
}

func walkAll(lists []*node) {
	for _, l := range lists {
		go func() { // want `for every element of lists`
			visit(l, 64)
			_ = l.sum()
		}()
	}
}
