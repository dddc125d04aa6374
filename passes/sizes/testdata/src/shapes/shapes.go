package shapes

import (
	"os"
	"runtime"
)

func probe[T any](T) {}

// Package-level literals never stored to again have their literal's size.
var (
	keep      = []string{"a", "b", "c"}
	sparse    = []int{5: 1}
	workers   = 4
	greeting  = "hello"
	grid      [3][4]int
	buffer    = make([]byte, 16)
	grown     = []string{"a"}
	addressed = []string{"a"}
	Exported  = []string{"a", "b"}
	table     = map[string]int{"a": 1}
	fromCall  = os.Args
)

func init() {
	grown = append(grown, "b")
	_ = &addressed
}

func globals() {
	probe(keep)      // want `size exact\(3\)`
	probe(sparse)    // want `size exact\(6\)`
	probe(workers)   // want `size exact\(4\)`
	probe(greeting)  // want `size exact\(5\)`
	probe(grid)      // want `size exact\(3\)`
	probe(buffer)    // want `size exact\(16\)`
	probe(grown)     // want `size data`
	probe(addressed) // want `size data`
	probe(Exported)  // want `size exact\(2\)`
	probe(table)     // want `size data`
	probe(fromCall)  // want `size data`
}

func locals(xs []string, n int) {
	local := []string{"a", "b", "c"}
	probe(local)                 // want `size exact\(3\)`
	probe(local[:2])             // want `size exact\(2\)`
	probe(local[1:])             // want `size exact\(2\)`
	probe(xs[:2])                // want `size exact\(2\)`
	probe(xs[1:])                // want `size data`
	probe(keep[:n])              // want `size chosen`
	probe([]byte("_-.*"))        // want `size exact\(4\)`
	probe([]rune("héllo"))       // want `size atmost\(6\)`
	probe(make([]int, 8))        // want `size exact\(8\)`
	probe(make([]int, n))        // want `size chosen`
	probe(make([]int, len(xs)))  // want `size data`
	probe(append(local, "d"))    // want `size exact\(4\)`
	probe(append(local, xs...))  // want `size data`
	probe(len(xs) / 4)           // want `size chosen`
	probe(len(local)*2 + 1)      // want `size exact\(7\)`
	probe(min(len(xs), 4))       // want `size atmost\(4\)`
	probe(max(len(local), 2))    // want `size exact\(3\)`
	probe(n % 4)                 // want `size atmost\(3\)`
	probe(xs)                    // want `size data`
	probe(n)                     // want `size chosen`
	probe(runtime.NumCPU())      // want `size cpus`
	probe(runtime.GOMAXPROCS(0)) // want `size cpus`
	probe(2 * runtime.NumCPU())  // want `size cpus`
	probe(runtime.NumCPU() + n)  // want `size chosen`
	probe(len(xs) + n)           // want `size data`
	probe(int64(len(local)))     // want `size exact\(3\)`
	probe(len(names()))          // want `size exact\(2\)`
	probe(either(n > 0))         // want `size atmost\(3\)`
	probe(names())               // want `size exact\(2\)`
	probe(os.Args)               // want `size data`
}

func names() []string { return []string{"x", "y"} }

func either(b bool) []string {
	if b {
		return []string{"a"}
	}
	return keep
}

// Phis join their edges; a comparison guarding an edge bounds it.
func phis(xs []string, limit int, b bool) {
	s := []string{"a"}
	if b {
		s = []string{"a", "b", "c"}
	}
	probe(s) // want `size atmost\(3\)`

	n := len(xs)
	if n > limit {
		n = limit
	}
	probe(n) // want `size chosen`

	m := len(xs)
	if m > 4 {
		m = 4
	}
	probe(m) // want `size atmost\(4\)`

	k := len(xs)
	if b {
		k = 4
	}
	probe(k) // want `size data`
}

// A value that grows with every iteration is never bounded, and one
// that only shrinks keeps its bound.
func loops(xs []string) {
	var out []string
	for _, x := range xs {
		out = append(out, x)
	}
	probe(out) // want `size data`

	i := 0
	for i < len(xs) {
		i++
	}
	probe(i) // want `size chosen`

	rest := []string{"a", "b", "c"}
	for len(rest) > 0 {
		rest = rest[:len(rest)-1]
	}
	probe(rest) // want `size chosen`

	tail := []string{"a", "b", "c"}
	for len(tail) > 1 {
		tail = tail[1:]
	}
	probe(tail) // want `size atmost\(3\)`
}

// Captured variables join every store, in the function and in closures.
func captured(xs []string) {
	small := []string{"a", "b"}
	read := func() { probe(small) } // want `size exact\(2\)`
	read()

	big := []string{"a"}
	grow := func() { big = xs }
	grow()
	probe(big) // want `size data`

	var zero []string
	set := func() { zero = []string{"a", "b"} }
	set()
	probe(zero) // want `size atmost\(2\)`
}

// Short variadic parameters of unexported functions are as long as the
// longest argument list.
func oneOf(c byte, set ...byte) bool {
	probe(set) // want `size atmost\(3\)`
	return false
}

func spread(set ...string) {
	probe(set) // want `size data`
}

func Exported2(set ...string) {
	probe(set) // want `size data`
}

func callers(xs []string) {
	oneOf('a', ' ', '\t')
	oneOf('a', ' ', '\t', '\n')
	spread(xs...)
	Exported2("a")
}

// A variable stored to many times, each store reading it, is one
// question: every load of it has the same answer, found once.
func manyStores(xs []string) {
	cnt := 0
	bump := func() { cnt += len(xs) }
	bump()
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	cnt += cnt
	probe(cnt) // want `size chosen`
}
