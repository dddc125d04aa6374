package membership_test

import (
	"fmt"
	"slices"
	"testing"
)

// sizes are the (outer, inner) loop lengths measured: the three,
// and inner lengths around the point where a set starts to pay off.
var sizes = [][2]int{
	{10, 10}, {1_000, 100}, {10_000, 10_000},
	{1_000, 2}, {1_000, 4}, {1_000, 8}, {1_000, 16}, {1_000, 32},
	{10, 2}, {10, 4}, {10, 8}, {10, 16}, {10, 32},
}

// BenchmarkMembership compares a linear search inside a loop (what the
// analyzer reports) with a map built once before the loop (its remedy),
// building the map included. Half the searched values are present,
// spread evenly over the searched slice; the other half are absent.
func BenchmarkMembership(b *testing.B) {
	for _, size := range sizes {
		outer, inner := searched(size[0], size[1]), names(size[1])
		b.Run(fmt.Sprintf("linear/outer=%d/inner=%d", size[0], size[1]), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = countLinear(outer, inner)
			}
		})
		b.Run(fmt.Sprintf("set/outer=%d/inner=%d", size[0], size[1]), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = countSet(outer, inner)
			}
		})
	}
}

var sink int

// names returns n distinct role names, the searched slice.
func names(n int) []string {
	vs := make([]string, n)
	for i := range vs {
		vs[i] = fmt.Sprintf("role-%d", i)
	}
	return vs
}

// searched returns n values to look up in names(inner): every other one
// is present, at positions spread evenly over the slice, and the rest
// are absent.
func searched(n, inner int) []string {
	hits := (n + 1) / 2
	vs := make([]string, n)
	for i := range vs {
		if i%2 == 0 && inner > 0 {
			vs[i] = fmt.Sprintf("role-%d", (i/2)*inner/hits)
		} else {
			vs[i] = fmt.Sprintf("absent-%d", i)
		}
	}
	return vs
}

func countLinear(outer, inner []string) (n int) {
	for _, v := range outer {
		if slices.Contains(inner, v) { //perfvet:ignore membership the benchmark measures this linear search
			n++
		}
	}
	return n
}

func countSet(outer, inner []string) (n int) {
	set := make(map[string]struct{}, len(inner))
	for _, v := range inner {
		set[v] = struct{}{}
	}
	for _, v := range outer {
		if _, ok := set[v]; ok {
			n++
		}
	}
	return n
}

// TestCostVariantsAgree keeps the benchmark honest: both variants count
// the same matches, half of the searched values.
func TestCostVariantsAgree(t *testing.T) {
	for _, size := range append(sizes, [2]int{0, 5}, [2]int{5, 0}, [2]int{7, 3}) {
		outer, inner := searched(size[0], size[1]), names(size[1])
		l, s := countLinear(outer, inner), countSet(outer, inner)
		if l != s {
			t.Fatalf("%v: linear counts %d, set %d", size, l, s)
		}
		if want := (size[0] + 1) / 2; size[1] > 0 && l != want {
			t.Fatalf("%v: %d of the searched values are present, want %d", size, l, want)
		}
	}
}
