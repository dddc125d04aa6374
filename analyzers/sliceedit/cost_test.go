package sliceedit_test

import (
	"fmt"
	"slices"
	"testing"
)

// sizes are the slice lengths measured. The quadratic variants stop at
// 10 000: at 1 000 000 one run would move 5·10¹¹ elements (minutes);
// the linear fixes run at every size.
var sizes = []int{100, 10_000, 1_000_000}

const quadraticLimit = 10_000

// BenchmarkPrepend compares prepending each element (what the analyzer
// reports) with appending and reversing once.
func BenchmarkPrepend(b *testing.B) {
	xs := input(sizes[len(sizes)-1])
	for _, n := range sizes {
		if n <= quadraticLimit {
			b.Run(fmt.Sprintf("prepend/n=%d", n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					sinkInts = prependEach(xs[:n])
				}
			})
		}
		b.Run(fmt.Sprintf("reverse/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkInts = appendReverse(xs[:n])
			}
		})
	}
}

// BenchmarkPopFront compares draining a queue by copying the rest down
// after each element with re-slicing the front away.
func BenchmarkPopFront(b *testing.B) {
	xs := input(sizes[len(sizes)-1])
	for _, n := range sizes {
		if n <= quadraticLimit {
			b.Run(fmt.Sprintf("copy/n=%d", n), func(b *testing.B) {
				b.ReportAllocs()
				q := make([]int, n)
				for b.Loop() {
					copy(q, xs[:n])
					sinkInt = drainCopy(q)
				}
			})
		}
		b.Run(fmt.Sprintf("reslice/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			q := make([]int, n)
			for b.Loop() {
				copy(q, xs[:n])
				sinkInt = drainReslice(q)
			}
		})
	}
}

// BenchmarkDeleteWhileWalking compares deleting every other element
// from the slice a loop walks with one slices.DeleteFunc.
func BenchmarkDeleteWhileWalking(b *testing.B) {
	xs := input(sizes[len(sizes)-1])
	for _, n := range sizes {
		if n <= quadraticLimit {
			b.Run(fmt.Sprintf("append/n=%d", n), func(b *testing.B) {
				b.ReportAllocs()
				s := make([]int, n)
				for b.Loop() {
					copy(s, xs[:n])
					sinkInts = deleteWalking(s)
				}
			})
		}
		b.Run(fmt.Sprintf("deletefunc/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			s := make([]int, n)
			for b.Loop() {
				copy(s, xs[:n])
				sinkInts = deleteFunc(s)
			}
		})
	}
}

var (
	sinkInts []int
	sinkInt  int
)

func input(n int) []int {
	xs := make([]int, n)
	for i := range xs {
		xs[i] = i
	}
	return xs
}

func prependEach(xs []int) []int {
	var s []int
	for _, x := range xs {
		s = append([]int{x}, s...) //perfvet:ignore sliceedit the benchmark measures this quadratic prepend
	}
	return s
}

func appendReverse(xs []int) []int {
	s := make([]int, 0, len(xs))
	//lint:ignore S1011 one append per element, as the loop being measured does
	for _, x := range xs {
		s = append(s, x)
	}
	slices.Reverse(s)
	return s
}

func drainCopy(q []int) int {
	sum := 0
	for len(q) > 0 {
		sum += q[0]
		q = append(q[:0], q[1:]...) //perfvet:ignore sliceedit the benchmark measures this quadratic pop-front
	}
	return sum
}

func drainReslice(q []int) int {
	sum := 0
	for len(q) > 0 {
		sum += q[0]
		q = q[1:]
	}
	return sum
}

func deleteWalking(s []int) []int {
	for i := 0; i < len(s); i++ {
		if s[i]%2 == 0 {
			s = append(s[:i], s[i+1:]...) //perfvet:ignore sliceedit the benchmark measures this quadratic delete
			i--
		}
	}
	return s
}

func deleteFunc(s []int) []int {
	return slices.DeleteFunc(s, func(x int) bool { return x%2 == 0 })
}

// TestCostVariantsAgree keeps the benchmark honest: each pair computes
// the same result.
func TestCostVariantsAgree(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		xs := input(n)
		if got, want := prependEach(xs), appendReverse(xs); !slices.Equal(got, want) {
			t.Fatalf("n=%d: prepend %v, append and reverse %v", n, got, want)
		}
		if got, want := drainCopy(slices.Clone(xs)), drainReslice(slices.Clone(xs)); got != want {
			t.Fatalf("n=%d: pop-front by copy %d, by re-slicing %d", n, got, want)
		}
		if got, want := deleteWalking(slices.Clone(xs)), deleteFunc(slices.Clone(xs)); !slices.Equal(got, want) {
			t.Fatalf("n=%d: delete while walking %v, DeleteFunc %v", n, got, want)
		}
	}
}
