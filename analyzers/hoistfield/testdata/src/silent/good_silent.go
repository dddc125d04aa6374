package silent

import (
	"fmt"
	"io"
	"iter"
	"strconv"
	"sync"
	"sync/atomic"
	"unsafe"
)

type Stack struct {
	items []int
	cfg   *Config
	n     int
	mu    sync.Mutex
	hits  atomic.Int64
	flag  int32
	done  bool
	next  *Stack
}

type Config struct{ scale int }

func (s *Stack) touch() {}

// Fields of a local struct value that is not addressed live in registers.
func local(xs []int) (t int) {
	var st Stack
	st.items = xs
	for i := 0; i < len(st.items); i++ {
		t += st.items[i]
	}
	return t
}

// A value receiver is a local struct value.
func (s Stack) Sum() (t int) {
	for i := 0; i < len(s.items); i++ {
		t += s.items[i]
	}
	return t
}

// Even when addressed, it is read as a variable, not through a pointer.
func (s Stack) Addressed() (t int) {
	s.touch()
	for i := 0; i < len(s.items); i++ {
		t += s.items[i]
	}
	return t
}

// The path is written in the loop.
func (s *Stack) Grow(xs []int) {
	for i := 0; i < len(xs); i++ {
		s.items = append(s.items, xs[i]*len(s.items))
	}
}

// A method receiving the base may write the path.
func (s *Stack) Calls() (t int) {
	for i := 0; i < len(s.items); i++ {
		s.touch()
		t += s.items[i]
	}
	return t
}

// So may a function receiving a pointer loaded on the way; the pointer
// itself is loaded once per iteration, which is too little to report.
func (s *Stack) PassesConfig(xs []int) (t int) {
	for _, x := range xs {
		c := s.cfg
		t += x * c.scale
		reset(c)
	}
	return t
}

func reset(c *Config) { c.scale = 0 }

// A store to the same field through another pointer of the same type
// may write it.
func (s *Stack) Other(other *Stack) (t int) {
	for i := 0; i < len(s.items); i++ {
		t += s.items[i]
		other.items = nil
	}
	return t
}

// Bases that are loop variables, or derived from one, change with the
// iteration.
func lists(head *Stack, ss []Stack) (t int) {
	for p := head; p != nil; p = p.next {
		t += p.n * p.cfg.scale
	}
	for i := range ss {
		t += ss[i].n * ss[i].cfg.scale
	}
	return t
}

// Atomic loads, values of sync/atomic types, and fields updated with
// sync/atomic elsewhere are shared with other goroutines.
func (s *Stack) Atomics(xs []int) (t int) {
	for _, x := range xs {
		t += x * int(atomic.LoadInt32(&s.flag)) * s.cfg.scale
	}
	for _, x := range xs {
		t += x * int(s.hits.Load())
	}
	for _, x := range xs {
		t += x * int(s.flag) * int(s.flag)
	}
	return t
}

func (s *Stack) raise() { atomic.StoreInt32(&s.flag, 1) }

// A mutex locked in the loop guards what the loop reads.
func (s *Stack) Locked(xs []int) (t int) {
	for _, x := range xs {
		s.mu.Lock()
		t += x * s.cfg.scale
		s.mu.Unlock()
	}
	return t
}

// Loops that synchronise with other goroutines.
func sync1(s *Stack, ch chan int, out chan<- int, mu *sync.Mutex, c *sync.Cond, wg *sync.WaitGroup, xs []int) (t int) {
	for range xs {
		t += <-ch * s.cfg.scale
	}
	for _, x := range xs {
		out <- x * s.cfg.scale
		t += s.cfg.scale
	}
	for range xs {
		select {
		case v := <-ch:
			t += v * s.cfg.scale
		default:
		}
	}
	for _, x := range xs {
		mu.Lock()
		t += x * s.cfg.scale
		mu.Unlock()
	}
	for _, x := range xs {
		c.Wait()
		t += x * s.cfg.scale
	}
	for _, x := range xs {
		wg.Wait()
		t += x * s.cfg.scale
	}
	var n atomic.Int32
	for _, x := range xs {
		n.Add(1)
		t += x * s.cfg.scale
	}
	return t
}

// The iterator runs arbitrary code between the bodies of a
// range-over-func loop.
func (s *Stack) Seq(seq iter.Seq[int]) (t int) {
	for x := range seq {
		t += x * s.cfg.scale
	}
	return t
}

// Cold loops run a handful of times.
func (s *Stack) Cold() (t int) {
	for i := 0; i < 4; i++ {
		t += s.items[i] * s.cfg.scale
	}
	return t
}

func process(x int) { sinkInt += x }

var sinkInt int

// A body that is one call has nothing to gain.
func (s *Stack) OneCall() {
	for i := 0; i < len(s.items); i++ {
		process(s.items[i] * s.cfg.scale)
	}
}

// One load of a scalar per iteration costs about nothing.
func (s *Stack) Scalar(xs []int) {
	for i := range xs {
		xs[i] *= s.n
	}
}

// Loops that allocate, convert, look up maps or call functions that are
// not cheap: a load or two is noise there.
func (s *Stack) Heavy(m map[int]int, w io.Writer) (out []string) {
	for i := 0; i < len(s.items); i++ {
		out = append(out, strconv.Itoa(s.items[i]*s.cfg.scale))
	}
	for i := 0; i < len(s.items); i++ {
		m[s.items[i]] += s.cfg.scale
	}
	for i := 0; i < len(s.items); i++ {
		out = append(out, fmt.Sprint(s.items[i]))
	}
	for i := 0; i < len(s.items); i++ {
		s.n += slowSum(s.items[:i]) * s.cfg.scale
	}
	return out
}

func slowSum(xs []int) (t int) {
	for _, x := range xs {
		t += x
	}
	return t
}

// The path is read once per iteration of a loop whose inner loop does
// the work.
func (s *Stack) Outer(xs []int) (t int) {
	for i := 0; i < s.n; i++ {
		t += s.cfg.scale
		for _, x := range xs {
			t += x
		}
	}
	return t
}

// A loop waiting for the path to change would spin forever if the load
// were hoisted.
func (s *Stack) Wait() (spins int) {
	for !s.done {
		spins++
	}
	for s.cfg.scale == 0 {
		spins++
	}
	return spins
}

// Calls through interfaces and function values may write anything.
func (s *Stack) Dynamic(w io.Writer, f func(int) int, xs []int) (t int) {
	for _, x := range xs {
		w.Write(nil)
		t += x * s.cfg.scale
	}
	for _, x := range xs {
		t += f(x) * s.cfg.scale
	}
	return t
}

// A closure capturing the base, called in the loop.
func (s *Stack) Closure(xs []int) (t int) {
	add := func(x int) { s.items = append(s.items, x) }
	for i := 0; i < len(s.items) && i < len(xs); i++ {
		add(xs[i])
		t += s.items[i]
	}
	return t
}

// Unsafe conversions defeat the type-based alias model.
func (s *Stack) Unsafe(xs []int) (t int) {
	for _, x := range xs {
		p := (*int)(unsafe.Pointer(uintptr(unsafe.Pointer(s)) + unsafe.Offsetof(s.n)))
		*p = x
		t += s.cfg.scale * s.cfg.scale
	}
	return t
}

type Ring[T any] struct{ buf []T }

// A store of a type parameter may write anything of that type.
func (r *Ring[T]) Fill(v T) {
	for i := 0; i < len(r.buf); i++ {
		r.buf[i] = v
	}
}

type Twin struct{ scale int }

// *Twin and *Config may point to the same memory.
func (s *Stack) Converted(tw *Twin, xs []int) (t int) {
	for _, x := range xs {
		tw.scale = x
		t += x * s.cfg.scale
	}
	return t
}

// One load in the loop condition costs about nothing.
func (s *Stack) Bound() (t int) {
	for i := 0; i < s.n; i++ {
		t += i * i
	}
	for _, x := range s.items {
		if x >= len(s.items) {
			return -1
		}
	}
	return t
}

type list []int

// The index is not the one the loop bounds by the length: its bounds
// check stays after hoisting too, and one load is all the hoist saves.
func (p *list) Compact() {
	i := 0
	for _, x := range *p {
		if x != 0 {
			(*p)[i] = x
			i++
		}
	}
	*p = (*p)[:i]
}

// Read through a local copy made in the loop, the path is not what the
// source shows; the copy itself is one load.
func (s *Stack) LocalCopy(xs []int) (t int) {
	for _, x := range xs {
		c := s.cfg
		t += x*c.scale + c.scale
	}
	return t
}

// A path written on the way out of the loop is still written in it.
func (s *Stack) Trim(limit int) {
	for i := 0; i < len(s.items); i++ {
		if s.items[i] > limit {
			s.items = s.items[:i]
			break
		}
	}
}

// A load on some paths through the body only counts for less than one.
func (s *Stack) Sometimes(xs []int) (t int) {
	for _, x := range xs {
		if x > 0 {
			t += x * s.cfg.scale
		}
	}
	for i := 0; i < len(s.items); i++ {
		if i%2 == 0 {
			continue
		}
		t += s.items[i]
	}
	return t
}
