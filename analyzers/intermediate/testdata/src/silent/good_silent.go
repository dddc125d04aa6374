package silent

import (
	"fmt"
	"iter"
	"maps"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Collecting the keys before deleting from the map is the correct idiom.
func prune(m map[string]int) {
	for _, k := range slices.Collect(maps.Keys(m)) {
		if m[k] == 0 {
			delete(m, k)
		}
	}
}

type cache struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *cache) drop(k string) { delete(c.m, k) }

// A method that may reach the map.
func (c *cache) clean() {
	for _, k := range slices.Collect(maps.Keys(c.m)) {
		c.drop(k)
	}
}

// A generic iterator may hold a lock or read a source the body changes.
func (c *cache) all() iter.Seq[string] {
	return func(yield func(string) bool) {
		c.mu.Lock()
		defer c.mu.Unlock()
		for k := range c.m {
			if !yield(k) {
				return
			}
		}
	}
}

func (c *cache) evictAll() {
	for _, k := range slices.Collect(c.all()) {
		c.mu.Lock()
		delete(c.m, k)
		c.mu.Unlock()
	}
}

// The body writes files an iterator over a directory may read.
func removeAll(files iter.Seq[string]) {
	for _, f := range slices.Collect(files) {
		os.Remove(f)
	}
}

// The index is used.
func indexed(seq iter.Seq[string]) {
	for i, s := range slices.Collect(seq) {
		fmt.Println(i, s)
	}
}

// strings.Split and Fields ranged once are the stringsseq modernizer's.
func fields(s string) (n int) {
	for _, f := range strings.Fields(s) {
		n += len(f)
	}
	parts := strings.Split(s, ",")
	for _, p := range parts {
		n += len(p)
	}
	return n
}

// Ranged twice.
func twice(xs []int) (a, b int) {
	var sq []int
	for _, x := range xs {
		sq = append(sq, x*x)
	}
	for _, s := range sq {
		a += s
	}
	for _, s := range sq {
		b -= s
	}
	return a, b
}

// Sorted, counted, indexed, returned, passed on.
func sorted(xs []int) (t int) {
	var sq []int
	for _, x := range xs {
		sq = append(sq, x*x)
	}
	sort.Ints(sq)
	for _, s := range sq {
		t += s
	}
	return t
}

func counted(xs []int) (t int) {
	var sq []int
	for _, x := range xs {
		sq = append(sq, x*x)
	}
	for _, s := range sq {
		t += s * len(sq)
	}
	return t
}

func indexedSlice(xs []int) (t int) {
	var sq []int
	for _, x := range xs {
		sq = append(sq, x*x)
	}
	for i, s := range sq {
		t += s * i
	}
	return t
}

func returned(xs []int) []int {
	var sq []int
	for _, x := range xs {
		sq = append(sq, x*x)
	}
	for _, s := range sq {
		fmt.Println(s)
	}
	return sq
}

func passedOn(xs []int, keep func([]int)) {
	var sq []int
	for _, x := range xs {
		sq = append(sq, x*x)
	}
	keep(sq)
	for _, s := range sq {
		fmt.Println(s)
	}
}

// Validate all, then apply: the consumer must not run unless every
// element is valid.
func applyAll(xs []string) error {
	var valid []string
	for _, x := range xs {
		if x == "" {
			return fmt.Errorf("empty entry")
		}
		valid = append(valid, x)
	}
	for _, v := range valid {
		fmt.Println(v)
	}
	return nil
}

// A total: the consumer needs the producer to have finished.
func shares(xs []int) {
	var kept []int
	total := 0
	for _, x := range xs {
		total += x
		kept = append(kept, x)
	}
	for _, k := range kept {
		fmt.Println(k * 100 / total)
	}
}

// The producer calls code that is not known to be pure.
func impure(xs []string, load func(string) string) {
	var vals []string
	for _, x := range xs {
		vals = append(vals, load(x))
	}
	for _, v := range vals {
		fmt.Println(v)
	}
}

// The consumer writes what the producer reads.
func rewrites(xs []int) {
	var doubled []int
	for _, x := range xs {
		doubled = append(doubled, 2*x)
	}
	for _, d := range doubled {
		xs[0] = d
	}
}

// A cold producer.
func cold(a [4]int) (t int) {
	var sq []int
	for _, x := range a {
		sq = append(sq, x*x)
	}
	for _, s := range sq {
		t += s
	}
	return t
}

// Only the count is used.
func onlyCount(xs []int) (n int) {
	var pos []int
	for _, x := range xs {
		if x > 0 {
			pos = append(pos, x)
		}
	}
	for range pos {
		n++
	}
	return n
}

var registry = map[string]int{}

func unregister(k string) { delete(registry, k) }

// A package-level map and a call to this package's code, which may
// delete from it.
func unregisterAll() {
	for _, k := range slices.Collect(maps.Keys(registry)) {
		unregister(k)
	}
}

// The append reads the slice's length: the slice is counted.
func numbered(xs []string) {
	var out []string
	for _, x := range xs {
		out = append(out, fmt.Sprint(len(out))+x)
	}
	for _, o := range out {
		fmt.Println(o)
	}
}

type guarded struct {
	mu    sync.Mutex
	items map[string]int
}

func (g *guarded) load(k string) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.items[k]
}

// Collect under the lock, then act outside it: a call between the loops
// is the point of the intermediate.
func (g *guarded) each(f func(string, int)) {
	g.mu.Lock()
	keys := make([]string, 0, len(g.items))
	for k := range g.items {
		keys = append(keys, k)
	}
	g.mu.Unlock()
	for _, k := range keys {
		f(k, g.load(k))
	}
}

// The consumer passes what the producer reads to code that may change
// it.
func consumerMutates(xs []int, grow func([]int)) {
	var out []int
	for _, x := range xs {
		out = append(out, x+1)
	}
	for _, o := range out {
		fmt.Println(o)
		grow(xs)
	}
}
