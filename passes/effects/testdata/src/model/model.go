package model

import (
	"sort"
	"sync"

	"model/other"
)

type S struct {
	n     int
	f     float64
	list  []string
	inner *T
	mu    sync.Mutex
}

type T struct{ n int }

type U struct{ n int }

func storeSameField(s, o *S, n int) (t int) {
	for i := range n {
		o.n = i
		t += s.n // want `n written`
	}
	return t
}

func storeOtherField(s, o *S, n int) (t int) {
	for i := range n {
		o.f = float64(i)
		t += s.n // want `n kept`
	}
	return t
}

// Fields alias only the same field of the same struct type.
func storeOtherStruct(s *S, u *T, n int) (t int) {
	for i := range n {
		u.n = i
		t += s.n // want `n kept`
	}
	return t
}

// *p may be any int, s.n among them.
func storeThroughPointer(s *S, p *int, n int) (t int) {
	for i := range n {
		*p = i
		t += s.n // want `n written`
	}
	return t
}

func bump(x *int) { *x++ }

func bumpFloat(x *float64) { *x++ }

// Calls are followed through their bodies.
func callWritesInt(s *S, x *int, n int) (t int) {
	for range n {
		bump(x)
		t += s.n // want `n written`
	}
	return t
}

func callWritesFloat(s *S, x *float64, n int) (t int) {
	for range n {
		bumpFloat(x)
		t += s.n // want `n kept`
	}
	return t
}

// A function value may be a closure writing anything.
func callsFuncValue(s *S, f func(), n int) (t int) {
	for range n { // want `unknown`
		f()
		t += s.n // want `n written`
	}
	return t
}

type runner interface{ Run() }

func callsInterface(s *S, r runner, n int) (t int) {
	for range n { // want `unknown`
		r.Run()
		t += s.n // want `n written`
	}
	return t
}

// A closure called in the loop writes the variable it captures.
func closureWrites(n int) (t int) {
	c := 0
	inc := func() { c++ }
	for range n {
		inc()
		t += c // want `variable written`
	}
	return t
}

// A variable that closures only read is confined: no unknown call can
// write it.
func closureReads(f func(func() int), n int) (t int) {
	c := n * 2
	get := func() int { return c }
	for range n { // want `unknown`
		f(get)
		t += c // want `variable kept`
	}
	return t
}

// Another package's function writes what its arguments reach and its
// own variables: not s.n, but other.Reg.List.
func foreign(s *S, n int) (t int) {
	for range n {
		other.Register(other.Upper("k"))
		t += s.n                 // want `n kept`
		t += len(other.Reg.List) // want `List written`
		t += len(s.list)         // want `list kept`
	}
	return t
}

// A method of another package's struct writes memory of that package.
func foreignMethod(s *S, b *other.Box, n int) (t int) {
	for range n {
		b.Put("k")
		t += len(s.list) // want `list kept`
	}
	return t
}

// sort.Ints writes what its argument reaches: the elements of ints.
func sortsInts(s *S, ints []int, n int) (t int) {
	for range n {
		sort.Ints(ints)
		t += ints[0] // want `element written`
		t += s.n     // want `n kept`
	}
	return t
}

// A type parameter may stand for S: *p = v may replace s.n.
func storeGeneric[P any](s *S, p *P, v P, n int) (t int) {
	for range n {
		*p = v
		t += s.n // want `n written`
	}
	return t
}

func storeConcrete(s *S, p *float64, v float64, n int) (t int) {
	for range n {
		*p = v
		t += s.n // want `n kept`
	}
	return t
}

// Locking synchronises; the mutex's own fields are all it writes.
func locked(s *S, n int) (t int) {
	for range n { // want `synchronises`
		s.mu.Lock()
		t += s.n // want `n kept`
		s.mu.Unlock()
	}
	return t
}

// Each level of this chain contains a loop, so every body is built.
// Calls are followed maxCallDepth (6) deep: a loop calling d1 reaches
// d6's store, and d0's reaches beyond the limit.
func d0(p *float64) {
	for range 1 {
	}
	d1(p)
}

func d1(p *float64) {
	for range 1 {
	}
	d2(p)
}

func d2(p *float64) {
	for range 1 {
	}
	d3(p)
}

func d3(p *float64) {
	for range 1 {
	}
	d4(p)
}

func d4(p *float64) {
	for range 1 {
	}
	d5(p)
}

func d5(p *float64) {
	for range 1 {
	}
	d6(p)
}

func d6(p *float64) { *p = 1 }

func withinDepth(s *S, p *float64, n int) (t int) {
	for range n {
		d1(p)
		t += s.n // want `n kept`
	}
	return t
}

func beyondDepth(s *S, p *float64, n int) (t int) {
	for range n { // want `unknown`
		d0(p)
		t += s.n // want `n written`
	}
	return t
}

// A recursive call is unknown.
func walk(p *float64, k int) {
	if k > 0 {
		walk(p, k-1)
	}
}

func recursive(s *S, p *float64, n int) (t int) {
	for range n { // want `unknown`
		walk(p, n)
		t += s.n // want `n written`
	}
	return t
}

// A deferred call in a callee runs before the callee returns.
func defersWrite(p *int) {
	defer func() { *p = 0 }()
}

func calleeDefers(s *S, p *int, n int) (t int) {
	for range n {
		defersWrite(p)
		t += s.n // want `n written`
	}
	return t
}

// A deferred call in the loop's own function runs after the loop.
func loopDefers(s *S, p *int, n int) int {
	t := 0
	for range n {
		defer bump(p)
		t += s.n // want `n kept`
	}
	return t
}
