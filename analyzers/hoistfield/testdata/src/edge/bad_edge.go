package edge

import "iter"

// Shapes the analyzer must handle without failing: embedded fields,
// pointers to arrays, strings, generics, labels, deep nesting, closures
// in package variables, range-over-func statements around loops.

type Inner struct{ items []int }

type ByPointer struct{ *Inner }

type ByValue struct{ Inner }

// A field promoted through an embedded pointer costs two loads.
func (b *ByPointer) Sum() (t int) {
	for i := 0; i < len(b.items); i++ { // want `b.items is reloaded through memory on every iteration of the for loop \(4 loads per iteration\)`
		t += b.items[i]
	}
	return t
}

// Through an embedded value, one.
func (b *ByValue) Sum() (t int) {
	for i := 0; i < len(b.items); i++ { // want `b.items is reloaded through memory on every iteration of the for loop \(2 loads per iteration\)`
		t += b.items[i]
	}
	return t
}

type Name struct{ s string }

// Strings are indexed like slices.
func (n *Name) Hash() (h int) {
	for i := 0; i < len(n.s); i++ { // want `n.s is reloaded`
		h = h*31 + int(n.s[i])
	}
	return h
}

// A pointer to an array is indexed directly: nothing to hoist.
func arrays(pa *[64]int) (t int) {
	for i := range pa {
		t += pa[i] * pa[63-i]
	}
	return t
}

type Box[T any] struct {
	vals []T
	n    int
}

func (b *Box[T]) Count(keep func(T) bool) (c int) {
	for i := 0; i < len(b.vals); i++ {
		if keep(b.vals[i]) {
			c++
		}
	}
	return c
}

func (b *Box[T]) Last() (t T) {
	for i := 0; i < len(b.vals); i++ { // want `b.vals is reloaded`
		t = b.vals[i]
	}
	return t
}

type Grid struct {
	w, h  int
	cells []int
}

// Labels, continue and four levels of nesting. The loads are in cold
// loops, whose work is not reported even inside a hot loop.
func (g *Grid) Find(x int) (int, int) {
rows:
	for i := 0; i < g.h; i++ {
		for j := 0; j < g.w; j++ {
			for k := 0; k < 4; k++ {
				for l := 0; l < 2; l++ {
					if g.cells[i*g.w+j]+k+l == x {
						return i, j
					}
					if g.cells[i*g.w+j] < 0 {
						continue rows
					}
				}
			}
		}
	}
	return -1, -1
}

// A function literal in a package variable.
var sumAll = func(b *Box[int]) (t int) {
	for i := 0; i < len(b.vals); i++ { // want `b.vals is reloaded`
		t += b.vals[i]
	}
	return t
}

// A plain loop inside a range-over-func body is an ordinary loop.
func (g *Grid) Rows(seq iter.Seq[int]) (t int) {
	for r := range seq {
		for j := 0; j < len(g.cells); j++ { // want `g.cells is reloaded`
			t += g.cells[j] * r
		}
	}
	return t
}

// A loop whose body is empty.
func (g *Grid) Spin() {
	for i := 0; i < len(g.cells); i++ {
	}
}
