package silent

import (
	"maps"
	"slices"
	"sort"
)

// Sorting a slice built fresh in each iteration is the work itself.
func keysPerMap(ms []map[string]int) (out [][]string) {
	for _, m := range ms {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		out = append(out, keys)
	}
	return out
}

func collected(ms []map[string]int) (n int) {
	for _, m := range ms {
		keys := slices.Sorted(maps.Keys(m))
		ks := slices.Collect(maps.Keys(m))
		slices.Sort(ks)
		n += len(keys) + len(ks)
	}
	return n
}

// A buffer reused and refilled in each iteration.
func reused(groups [][]int) (n int) {
	var buf []int
	for _, g := range groups {
		buf = append(buf[:0], g...)
		slices.Sort(buf)
		n += buf[0]
	}
	return n
}

// A fixed buffer whose elements the loop rewrites before sorting.
func refilled(groups [][4]int) (n int) {
	buf := make([]int, 4)
	for _, g := range groups {
		copy(buf, g[:])
		sort.Ints(buf)
		n += buf[0]
	}
	for _, g := range groups {
		for i := range buf {
			buf[i] = g[i]
		}
		sort.Ints(buf)
		n += buf[0]
	}
	return n
}

type state struct{ items []int }

func (s *state) refill(i int) {}

// A call that receives the slice or its holder may change the elements.
func changed(s *state, xs []int, fill func([]int)) (n int) {
	for i := range xs {
		fill(xs)
		sort.Ints(xs)
		s.refill(i)
		sort.Ints(s.items)
		n += xs[0] + s.items[0]
	}
	return n
}

// Each iteration sorts a different slice: an element of the outer one,
// or a window of a larger one.
func different(groups [][]string, all []int, k int) {
	for _, g := range groups {
		sort.Strings(g)
	}
	for i := 0; i+k <= len(all); i += k {
		sort.Ints(all[i : i+k])
	}
}

// Sorting after the loop.
func after(xs []int) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x)
	}
	sort.Ints(out)
	return out
}

// A loop that sorts and exits.
func sortAndExit(xs []int, ready func() bool) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x)
		if ready() {
			sort.Ints(out)
			return out
		}
	}
	return out
}

func sortAndBreak(xs []int, done func() bool) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x)
		if done() {
			sort.Ints(out)
			break
		}
	}
	return out
}

// Cold loops.
func cold(xs []int) []int {
	var out []int
	for i := 0; i < 4; i++ {
		out = append(out, xs[i])
		sort.Ints(out)
	}
	for _, x := range [3]int{3, 1, 2} {
		out = append(out, x)
		sort.Ints(out)
	}
	return out
}

// Keeping the k smallest: truncated each time, the slice stays small.
func topK(xs []int, k int) []int {
	var top []int
	for _, x := range xs {
		top = append(top, x)
		sort.Ints(top)
		if len(top) > k {
			top = top[:k]
		}
	}
	return top
}

// A sort.Interface that is not a slice.
type pairs struct{ a, b []int }

func (p pairs) Len() int           { return len(p.a) }
func (p pairs) Less(i, j int) bool { return p.a[i] < p.a[j] }
func (p pairs) Swap(i, j int) {
	p.a[i], p.a[j] = p.a[j], p.a[i]
	p.b[i], p.b[j] = p.b[j], p.b[i]
}

func notASlice(a, b []int, qs []int) {
	for range qs {
		sort.Sort(pairs{a, b})
	}
}

// A sort in a function literal the loop calls.
func inLiteral(xs []int, qs []int) {
	for range qs {
		func() {
			sort.Ints(xs)
		}()
	}
}

// A slice another goroutine may change between iterations.
type shared struct {
	mu    chan struct{}
	items []int
}

func (s *shared) watch(ticks <-chan int) {
	for range ticks {
		<-s.mu
		sort.Ints(s.items)
		s.mu <- struct{}{}
	}
}

// A slice reset under a condition is rebuilt, not grown.
func resetSometimes(xs []int) []int {
	var out []int
	for _, x := range xs {
		if x == 0 {
			out = nil
		}
		out = append(out, x)
		sort.Ints(out)
	}
	return out
}

// Two sorts of the same slice in different orders each change what the
// other sorts.
func twoOrders(xs []int, n int) {
	for range n {
		slices.SortFunc(xs, func(a, b int) int { return b - a })
		slices.SortFunc(xs, func(a, b int) int { return a - b })
	}
}
