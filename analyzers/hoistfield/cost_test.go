package hoistfield_test

import (
	"fmt"
	"testing"
)

// The shapes the analyzer reports, each against its hoisted version:
// slices reached through a pointer, summed (a read-only loop), summed
// while a counter in the same struct is updated (the store makes the
// compiler reload the slice and keep the bounds check), and scaled in
// place; and field chains of depth 1 to 3 read in a loop that stores its
// results.

type vector struct {
	items  []int64
	visits int64
	scale  int64
	l1     *level1
}

type level1 struct {
	k  int64
	l2 *level2
}

type level2 struct {
	k  int64
	l3 *level3
}

type level3 struct{ k int64 }

func newVector(n int) *vector {
	v := &vector{items: make([]int64, n), scale: 3, l1: &level1{k: 3, l2: &level2{k: 3, l3: &level3{k: 3}}}}
	for i := range v.items {
		v.items[i] = int64(i % 7)
	}
	return v
}

func sumReload(v *vector) (t int64) {
	//perfvet:ignore hoistfield the benchmark measures this reload
	for i := 0; i < len(v.items); i++ {
		t += v.items[i]
	}
	return t
}

func sumHoisted(v *vector) (t int64) {
	items := v.items
	for i := 0; i < len(items); i++ {
		t += items[i]
	}
	return t
}

func countReload(v *vector) (t int64) {
	for i := range v.items {
		v.visits++
		t += v.items[i] //perfvet:ignore hoistfield the benchmark measures this reload
	}
	return t
}

func countHoisted(v *vector) (t int64) {
	items := v.items
	for i := range items {
		v.visits++
		t += items[i]
	}
	return t
}

func scaleReload(v *vector) {
	//perfvet:ignore hoistfield the benchmark measures this reload
	for i := 0; i < len(v.items); i++ {
		v.items[i] = v.items[i] * 3 % 7
	}
}

func scaleHoisted(v *vector) {
	items := v.items
	for i := 0; i < len(items); i++ {
		items[i] = items[i] * 3 % 7
	}
}

func depth1Reload(v *vector, out []int64) {
	for i := range out {
		out[i] = int64(i) * v.scale
	}
}

func depth1Hoisted(v *vector, out []int64) {
	scale := v.scale
	for i := range out {
		out[i] = int64(i) * scale
	}
}

func depth2Reload(v *vector, out []int64) {
	for i := range out {
		out[i] = int64(i) * v.l1.k //perfvet:ignore hoistfield the benchmark measures this reload
	}
}

func depth2Hoisted(v *vector, out []int64) {
	k := v.l1.k
	for i := range out {
		out[i] = int64(i) * k
	}
}

func depth3Reload(v *vector, out []int64) {
	for i := range out {
		out[i] = int64(i) * v.l1.l2.l3.k //perfvet:ignore hoistfield the benchmark measures this reload
	}
}

func depth3Hoisted(v *vector, out []int64) {
	k := v.l1.l2.l3.k
	for i := range out {
		out[i] = int64(i) * k
	}
}

var sink int64

// BenchmarkHoist compares each reloading loop with its hoisted version.
func BenchmarkHoist(b *testing.B) {
	type variant struct {
		name            string
		reload, hoisted func(v *vector, out []int64)
	}
	variants := []variant{
		{"sum", func(v *vector, _ []int64) { sink = sumReload(v) }, func(v *vector, _ []int64) { sink = sumHoisted(v) }},
		{"count", func(v *vector, _ []int64) { sink = countReload(v) }, func(v *vector, _ []int64) { sink = countHoisted(v) }},
		{"scale", func(v *vector, _ []int64) { scaleReload(v) }, func(v *vector, _ []int64) { scaleHoisted(v) }},
		{"depth1", depth1Reload, depth1Hoisted},
		{"depth2", depth2Reload, depth2Hoisted},
		{"depth3", depth3Reload, depth3Hoisted},
	}
	for _, n := range []int{1_000, 1_000_000} {
		v := newVector(n)
		out := make([]int64, n)
		for _, vr := range variants {
			b.Run(fmt.Sprintf("%s/reload/n=%d", vr.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					vr.reload(v, out)
				}
			})
			b.Run(fmt.Sprintf("%s/hoisted/n=%d", vr.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					vr.hoisted(v, out)
				}
			})
		}
	}
}

// TestCostVariantsAgree keeps the benchmark honest: each pair computes
// the same thing.
func TestCostVariantsAgree(t *testing.T) {
	for _, n := range []int{0, 1, 1000} {
		a, b := newVector(n), newVector(n)
		if sumReload(a) != sumHoisted(b) || countReload(a) != countHoisted(b) || a.visits != b.visits {
			t.Fatalf("n=%d: sums differ", n)
		}
		scaleReload(a)
		scaleHoisted(b)
		if sumReload(a) != sumReload(b) {
			t.Fatalf("n=%d: scaled vectors differ", n)
		}
		pairs := [][2]func(*vector, []int64){
			{depth1Reload, depth1Hoisted}, {depth2Reload, depth2Hoisted}, {depth3Reload, depth3Hoisted},
		}
		for d, pair := range pairs {
			x, y := make([]int64, n), make([]int64, n)
			pair[0](a, x)
			pair[1](a, y)
			for i := range x {
				if x[i] != y[i] {
					t.Fatalf("n=%d depth %d: outputs differ at %d", n, d+1, i)
				}
			}
		}
	}
}
