package intermediate_test

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"testing"
)

// The two shapes the analyzer reports, each against its streaming fix,
// at n = 100, 10 000 and 1 000 000 elements: ranging over
// slices.Collect(maps.Keys(m)) against ranging over maps.Keys(m), and a
// slice filled by one loop and ranged over by the next against the
// fused loop and against a producer turned into an iter.Seq.

func collectKeys(m map[int]int) (t int) {
	for _, k := range slices.Collect(maps.Keys(m)) {
		t += k
	}
	return t
}

func rangeKeys(m map[int]int) (t int) {
	for k := range maps.Keys(m) {
		t += k
	}
	return t
}

func fillThenRange(xs []int) (t int) {
	var sq []int
	for _, x := range xs {
		if x%3 != 0 {
			sq = append(sq, x*x)
		}
	}
	for _, s := range sq {
		t += s >> 1
	}
	return t
}

func fused(xs []int) (t int) {
	for _, x := range xs {
		if x%3 != 0 {
			t += (x * x) >> 1
		}
	}
	return t
}

func squares(xs []int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for _, x := range xs {
			if x%3 != 0 && !yield(x*x) {
				return
			}
		}
	}
}

func viaSeq(xs []int) (t int) {
	for s := range squares(xs) {
		t += s >> 1
	}
	return t
}

var sink int

var sizes = []int{100, 10_000, 1_000_000}

func input(n int) ([]int, map[int]int) {
	xs := make([]int, n)
	m := make(map[int]int, n)
	for i := range xs {
		xs[i] = i
		m[i] = i
	}
	return xs, m
}

// BenchmarkCollect compares ranging over slices.Collect of an iterator
// with ranging over the iterator.
func BenchmarkCollect(b *testing.B) {
	for _, n := range sizes {
		_, m := input(n)
		b.Run(fmt.Sprintf("collect/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink += collectKeys(m)
			}
		})
		b.Run(fmt.Sprintf("iterator/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink += rangeKeys(m)
			}
		})
	}
}

// BenchmarkFill compares a slice filled by one loop and ranged over by
// the next with the fused loop and with the producer as an iter.Seq.
func BenchmarkFill(b *testing.B) {
	for _, n := range sizes {
		xs, _ := input(n)
		b.Run(fmt.Sprintf("fill/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink += fillThenRange(xs)
			}
		})
		b.Run(fmt.Sprintf("fused/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink += fused(xs)
			}
		})
		b.Run(fmt.Sprintf("seq/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink += viaSeq(xs)
			}
		})
	}
}

// TestCostVariantsAgree keeps the benchmarks honest: the variants
// compute the same result.
func TestCostVariantsAgree(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		xs, m := input(n)
		if a, b := collectKeys(m), rangeKeys(m); a != b {
			t.Errorf("n=%d: collect %d, iterator %d", n, a, b)
		}
		if a, b, c := fillThenRange(xs), fused(xs), viaSeq(xs); a != b || a != c {
			t.Errorf("n=%d: fill %d, fused %d, seq %d", n, a, b, c)
		}
	}
}
