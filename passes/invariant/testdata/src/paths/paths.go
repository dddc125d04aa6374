package paths

import (
	"io"
	"iter"
	"strconv"
	"sync"
	"unsafe"
)

type S struct {
	items []int
	n     int
	cfg   *Cfg
	arr   [4]int
	inner Inner
}

type Cfg struct{ limit, scale int }

type Inner struct{ k int }

// Twin has the underlying type of Cfg: a *Twin may point to a Cfg.
type Twin struct{ limit, scale int }

func readOnly(s *S) (t int) {
	for i := 0; i < len(s.items); i++ { // want `s.items: invariant`
		t += s.items[i] * s.cfg.limit // want `s.items: invariant` `s.cfg.limit: invariant`
	}
	return
}

func derefs(p *[]int, n *int) (t int) {
	for i := 0; i < *n; i++ { // want `n: invariant`
		t += (*p)[i] // want `p: invariant`
	}
	return
}

func sameFieldOtherPointer(s, other *S) (t int) {
	for range s.n {
		other.items = nil
		t += len(s.items) // want `s.items: varies`
	}
	return
}

func otherField(s *S) {
	for i := 0; i < len(s.items); i++ { // want `s.items: invariant`
		s.n += s.items[i] // want `s.items: invariant` `s.n: varies`
	}
}

func appendToPath(s *S, xs []int) {
	for _, x := range xs {
		s.items = append(s.items, x) // want `s.items: varies`
	}
}

func (s *S) touch() {}

func callReceivesBase(s *S) (t int) {
	for i := 0; i < len(s.items); i++ { // want `s.items: varies`
		s.touch()
		t += s.cfg.limit // want `s.cfg.limit: varies`
	}
	return
}

func callReceivesIntermediate(s *S, xs []int) (t int) {
	for range xs {
		useCfg(s.cfg)    // want `s.cfg: invariant`
		t += s.cfg.limit // want `s.cfg.limit: varies`
	}
	return
}

func useCfg(c *Cfg) { _ = c.limit }

func count(n int) int { return n + 1 }

func unrelatedCall(s *S, xs []int) (t int) {
	for _, x := range xs {
		t += count(x) * s.cfg.scale // want `s.cfg.scale: invariant`
	}
	return
}

var global *S

func resetGlobal() { global.items = nil }

func calleeWritesThroughGlobal(s *S) (t int) {
	for i := 0; i < len(s.items); i++ { // want `s.items: varies`
		resetGlobal()
	}
	return
}

func calleeWritesOtherField(s *S, xs []int) (t int) {
	for range xs {
		bump(global)     // want `global: invariant`
		t += s.cfg.limit // want `s.cfg.limit: invariant`
	}
	return
}

func bump(s *S) { s.n++ }

func interfaceCall(s *S, w io.Writer, xs []int) (t int) {
	for range xs {
		w.Write(nil)
		t += s.cfg.limit // want `s.cfg.limit: varies`
	}
	return
}

func funcValueCall(s *S, f func(int), xs []int) (t int) {
	for _, x := range xs {
		f(x)
		t += s.cfg.limit // want `s.cfg.limit: varies`
	}
	return
}

func externalCalls(s *S, xs []int) (t int) {
	for _, x := range xs {
		t += len(strconv.Itoa(x)) * s.cfg.limit // want `s.cfg.limit: invariant`
	}
	return
}

func externalCallReceivingAny(s *S, w io.Writer, xs []int) (t int) {
	for range xs {
		io.WriteString(w, "x")
		t += s.cfg.limit // want `s.cfg.limit: varies`
	}
	return
}

func convertedPointer(s *S, tw *Twin, xs []int) (t int) {
	for range xs {
		tw.limit++       // want `tw.limit: varies`
		t += s.cfg.limit // want `s.cfg.limit: varies`
	}
	return
}

func elementStores(s *S, out []int) {
	for i := range out {
		out[i] = s.n // want `s.n: invariant`
		a := s.arr   // want `s.arr: varies`
		out[i] += a[i%4]
	}
}

func pointerStore(s *S, p *int, xs []int) (t int) {
	for range xs {
		*p = 1
		t += s.n // want `s.n: varies`
	}
	return
}

func freshObjects(s *S, xs []*Cfg) (t int) {
	for i := range xs {
		c := &Cfg{limit: i}
		xs[i] = c
		t += s.cfg.limit // want `s.cfg.limit: invariant`
	}
	return
}

func wholeStructStore(s *S, other *Cfg, xs []int) (t int) {
	for range xs {
		*other = Cfg{}
		t += s.cfg.limit // want `s.cfg.limit: varies`
	}
	return
}

func innerValue(s *S, other *Inner, xs []int) (t int) {
	for range xs {
		t += s.inner.k // want `s.inner.k: varies`
		other.k++      // want `other.k: varies`
	}
	return
}

func addressTaken(s *S, xs []int) (t int) {
	for range xs {
		p := &s.n             // want `s.n: varies`
		t += *p + s.cfg.limit // want `s.cfg.limit: invariant`
		sink = p
	}
	return
}

func storedBase(s *S, xs []*S) (t int) {
	for i := range xs {
		xs[i] = s
		t += s.cfg.limit // want `s.cfg.limit: varies`
	}
	return
}

var sink *int

func nested(ss []*S) (t int) {
	for _, s := range ss {
		for i := 0; i < len(s.items); i++ { // want `t\d+.items: varies, invariant`
			t += s.items[i] // want `t\d+.items: varies, invariant`
		}
	}
	return
}

func nestedOuter(s *S, n int) (t int) {
	for j := range n {
		for i := 0; i < len(s.items); i++ { // want `s.items: invariant, invariant`
			t += s.items[i] * j // want `s.items: invariant, invariant`
		}
	}
	return
}

func closure(s *S) func() int {
	return func() (t int) {
		for i := 0; i < len(s.items); i++ { // want `s.items: invariant`
			t += s.items[i] // want `s.items: invariant`
		}
		return
	}
}

func closureWrites(s *S, xs []int) (t int) {
	add := func(x int) { s.items = append(s.items, x) }
	for _, x := range xs {
		add(x)
		t += len(s.items) // want `s.items: varies`
	}
	return
}

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Len() (n int) {
	for i := 0; i < len(s.items); i++ { // want `s.items: invariant`
		n++
	}
	return
}

func (s *Stack[T]) Fill(v T) {
	for i := 0; i < len(s.items); i++ { // want `s.items: varies`
		s.items[i] = v // want `s.items: varies`
	}
}

func channel(s *S, ch chan int) (t int) {
	for range s.n {
		t += <-ch * s.cfg.limit // want `s.cfg.limit: varies`
	}
	return
}

func locked(s *S, mu *sync.Mutex, xs []int) (t int) {
	for range xs {
		mu.Lock()
		t += s.cfg.limit // want `s.cfg.limit: varies`
		mu.Unlock()
	}
	return
}

func globalRoot(xs []int) (t int) {
	for range xs {
		t += global.cfg.limit // want `global.cfg.limit: invariant`
	}
	return
}

func globalReassigned(xs []int) (t int) {
	for range xs {
		t += global.n // want `global.n: varies`
		setGlobal()
	}
	return
}

func setGlobal() { global = &S{} }

func copies(s *S, dst, src []Cfg) (t int) {
	for range 10 {
		copy(dst, src)
		t += s.cfg.limit // want `s.cfg.limit: varies`
	}
	return
}

func unsafeStore(s *S, base unsafe.Pointer, xs []int) (t int) {
	for i := range xs {
		*(*int)(unsafe.Add(base, i)) = 0
		t += s.cfg.limit // want `s.cfg.limit: varies`
	}
	return
}

func pokeUnsafe(p unsafe.Pointer) { *(*uintptr)(p) = 0 }

func calleeUnsafe(s *S, p unsafe.Pointer, xs []int) (t int) {
	for range xs {
		pokeUnsafe(p)
		t += len(s.items) // want `s.items: varies`
	}
	return
}

func writtenOnExit(s *S, limit int) {
	for i := 0; i < len(s.items); i++ { // want `s.items: invariant \(written on exit\)`
		if s.items[i] > limit { // want `s.items: invariant \(written on exit\)`
			s.items = nil
			break
		}
	}
}

func otherFieldOnExit(s *S, limit int) {
	for i := 0; i < len(s.items); i++ { // want `s.items: invariant$`
		if s.items[i] > limit { // want `s.items: invariant$`
			s.n = i
			return
		}
	}
}

func yieldElements(seq iter.Seq[*S]) (t int) {
	for s := range seq {
		t += s.cfg.limit                    // want `t: varies`
		for i := 0; i < len(s.items); i++ { // want `arg0.items: varies, invariant`
			t += s.items[i] // want `t: varies, varies` `arg0.items: varies, invariant`
		}
	}
	return
}

// Appending writes past dst's length, into an array no other slice
// reads (see effects.appendedArraysUnshared), whatever E is.
func appendGeneric[S ~[]E, E any](s *Stack[E], dst S, x E) S {
	for i := 0; i < len(s.items); i++ { // want `s.items: invariant`
		dst = append(dst, x)
	}
	return dst
}
