package prealloc_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"
)

// sizes are the element counts the benchmarks fill.
var sizes = []int{100, 10_000, 1_000_000}

// BenchmarkSlice compares appending n elements to a slice without
// capacity (what the analyzer reports) with the two fixes it suggests:
// make with the capacity, and slices.Grow on the nil slice.
func BenchmarkSlice(b *testing.B) {
	for _, n := range sizes {
		src := source(n)
		b.Run(fmt.Sprintf("append/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sliceSink = appendGrowing(src)
			}
		})
		b.Run(fmt.Sprintf("make/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sliceSink = appendPreallocated(src)
			}
		})
		b.Run(fmt.Sprintf("grow/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sliceSink = appendGrown(src)
			}
		})
	}
}

// BenchmarkMap compares filling a map made without a size hint with one
// made with make(map[K]V, n).
func BenchmarkMap(b *testing.B) {
	for _, n := range sizes {
		src := source(n)
		b.Run(fmt.Sprintf("nohint/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				mapSink = fillGrowing(src)
			}
		})
		b.Run(fmt.Sprintf("hint/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				mapSink = fillPreallocated(src)
			}
		})
	}
}

var (
	sliceSink []int
	mapSink   map[int]int
)

func source(n int) []int {
	xs := make([]int, n)
	for i := range xs {
		xs[i] = i * 7
	}
	return xs
}

func appendGrowing(xs []int) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x+1) //perfvet:ignore prealloc the benchmark measures growth without capacity
	}
	return out
}

func appendPreallocated(xs []int) []int {
	out := make([]int, 0, len(xs))
	for _, x := range xs {
		out = append(out, x+1)
	}
	return out
}

func appendGrown(xs []int) []int {
	var out []int
	out = slices.Grow(out, len(xs))
	for _, x := range xs {
		out = append(out, x+1)
	}
	return out
}

func fillGrowing(xs []int) map[int]int {
	m := map[int]int{}
	for i, x := range xs {
		m[x] = i //perfvet:ignore prealloc the benchmark measures growth without a size hint
	}
	return m
}

func fillPreallocated(xs []int) map[int]int {
	m := make(map[int]int, len(xs))
	for i, x := range xs {
		m[x] = i
	}
	return m
}

// TestCostVariantsAgree keeps the benchmarks honest: each fix computes
// what the code it replaces computes, nil included.
func TestCostVariantsAgree(t *testing.T) {
	for _, n := range []int{0, 1, 100, 1000} {
		src := source(n)
		want := appendGrowing(src)
		for name, got := range map[string][]int{"make": appendPreallocated(src), "grow": appendGrown(src)} {
			if !slices.Equal(got, want) {
				t.Errorf("n=%d: %s differs from append", n, name)
			}
		}
		if (appendGrown(src) == nil) != (want == nil) {
			t.Errorf("n=%d: slices.Grow changed whether the result is nil", n)
		}
		if !maps.Equal(fillGrowing(src), fillPreallocated(src)) {
			t.Errorf("n=%d: the map variants differ", n)
		}
	}
}
