package inv

import "sync"

type cfg struct{ limit, scale int }

type S struct {
	cfg   *cfg
	items []int
	n     int
	mu    sync.Mutex
}

func sum(s *S) (t int) {
	for i := range 100 {
		t += i * s.cfg.scale // want `load cfg invariant` `load scale invariant`
	}
	return t
}

func storeSameField(s, other *S) (t int) {
	for i := range 100 {
		other.n = i
		t += s.n // want `load n varies`
	}
	return t
}

func storeOtherField(s *S) (t int) {
	for i := range 100 {
		s.cfg.limit = i  // want `load cfg invariant`
		t += s.cfg.scale // want `load cfg invariant` `load scale invariant`
	}
	return t
}

func passedToCall(s *S) (t int) {
	for i := range 100 {
		mutate(s)
		t += i * s.n // want `load n varies`
	}
	return t
}

// bump writes an int through a pointer, which may point to s.n.
func unrelatedCall(s *S, x *int) (t int) {
	for i := range 100 {
		bump(x)
		t += i * s.n // want `load n varies`
	}
	return t
}

// f may be a closure writing s.n.
func throughInterface(s *S, f func()) (t int) {
	for i := range 100 {
		f()
		t += i * s.n // want `load n varies`
	}
	return t
}

func deref(p *int) (t int) {
	for i := range 100 {
		t += i * *p // want `load \* invariant`
	}
	return t
}

func derefWritten(p, q *int) (t int) {
	for i := range 100 {
		*q = i
		t += *p // want `load \* varies`
	}
	return t
}

func loopVarBase(ss []*S) (t int) {
	for _, s := range ss {
		t += s.n // want `load n varies`
	}
	return t
}

func locked(s *S) (t int) {
	for i := range 100 { // want `synchronises`
		s.mu.Lock()
		t += i * s.n // want `load n invariant`
		s.mu.Unlock()
	}
	return t
}

func receives(ch chan int, s *S) (t int) {
	for i := range 100 { // want `synchronises`
		t += <-ch * s.n * i // want `load n invariant`
	}
	return t
}

func mutate(s *S) { s.n++ }

func bump(x *int) { *x++ }
