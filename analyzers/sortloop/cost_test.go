package sortloop_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomInts returns n pseudo-random ints, the same for every call.
func randomInts(n int) []int {
	r := rand.New(rand.NewPCG(1, 2))
	xs := make([]int, n)
	for i := range xs {
		xs[i] = r.IntN(1 << 30)
	}
	return xs
}

// BenchmarkSortGrows compares sorting a slice again after each append
// (what the analyzer reports) with inserting each element at the
// position slices.BinarySearch gives and with sorting once after the
// loop. At a million elements the re-sort (and the insertion, O(n) each)
// would run for hours; only sizes that fit are measured.
func BenchmarkSortGrows(b *testing.B) {
	variants := []struct {
		name string
		run  func([]int) []int
	}{
		{"resort", resortEach},
		{"insert", insertSorted},
		{"once", sortOnce},
	}
	for _, n := range []int{100, 10_000} {
		xs := randomInts(n)
		for _, v := range variants {
			b.Run(fmt.Sprintf("%s/n=%d", v.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					sinkInts = v.run(xs)
				}
			})
		}
	}
	xs := randomInts(1_000_000)
	b.Run("once/n=1000000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkInts = sortOnce(xs)
		}
	})
}

var sinkInts []int

func resortEach(xs []int) []int {
	out := make([]int, 0, len(xs))
	for _, x := range xs {
		out = append(out, x)
		slices.Sort(out) //perfvet:ignore sortloop the benchmark measures this re-sort after each append
	}
	return out
}

func insertSorted(xs []int) []int {
	out := make([]int, 0, len(xs))
	for _, x := range xs {
		i, _ := slices.BinarySearch(out, x)
		out = slices.Insert(out, i, x)
	}
	return out
}

func sortOnce(xs []int) []int {
	out := slices.Clone(xs)
	slices.Sort(out)
	return out
}

// queries is how many lookups the loop of BenchmarkSortSame makes.
const queries = 100

// BenchmarkSortSame compares sorting the same slice on every iteration
// of a loop of 100 lookups (what the analyzer reports) with sorting it
// once before the loop. Both start from the same unsorted copy.
func BenchmarkSortSame(b *testing.B) {
	for _, n := range []int{100, 10_000, 1_000_000} {
		xs := randomInts(n)
		qs := randomInts(queries)
		buf := make([]int, n)
		for _, v := range []struct {
			name string
			run  func(xs, qs []int) int
		}{
			{"inloop", sortInLoop},
			{"hoisted", sortHoisted},
		} {
			b.Run(fmt.Sprintf("%s/n=%d", v.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					copy(buf, xs)
					sinkInt = v.run(buf, qs)
				}
			})
		}
	}
}

var sinkInt int

func sortInLoop(xs, qs []int) (found int) {
	for _, q := range qs {
		slices.Sort(xs) //perfvet:ignore sortloop the benchmark measures this repeated sort
		if i, _ := slices.BinarySearch(xs, q); i < len(xs) {
			found += xs[i]
		}
	}
	return found
}

func sortHoisted(xs, qs []int) (found int) {
	slices.Sort(xs)
	for _, q := range qs {
		if i, _ := slices.BinarySearch(xs, q); i < len(xs) {
			found += xs[i]
		}
	}
	return found
}

// TestCostVariantsAgree keeps the benchmarks honest: the variants of
// each compute the same result.
func TestCostVariantsAgree(t *testing.T) {
	for _, n := range []int{0, 1, 10, 1000} {
		xs := randomInts(n)
		want := resortEach(xs)
		if got := insertSorted(xs); !slices.Equal(got, want) {
			t.Errorf("n=%d: insertSorted differs from resortEach", n)
		}
		if got := sortOnce(xs); !slices.Equal(got, want) {
			t.Errorf("n=%d: sortOnce differs from resortEach", n)
		}
		qs := randomInts(queries)
		if a, b := sortInLoop(slices.Clone(xs), qs), sortHoisted(slices.Clone(xs), qs); a != b {
			t.Errorf("n=%d: sortInLoop %d, sortHoisted %d", n, a, b)
		}
	}
}
