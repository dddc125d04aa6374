package concatloop_test

import (
	"fmt"
	"strings"
	"testing"
)

// piece is a typical fragment: a short word and a separator.
const piece = "element,"

// BenchmarkConcat compares building a string by += in a loop (what the
// analyzer reports) with the strings.Builder its fix writes.
func BenchmarkConcat(b *testing.B) {
	for _, n := range []int{10, 100, 1_000, 10_000} {
		b.Run(fmt.Sprintf("plus/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = concatPlus(n)
			}
		})
		b.Run(fmt.Sprintf("builder/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = concatBuilder(n)
			}
		})
	}
}

var sink string

func concatPlus(n int) string {
	s := ""
	for range n {
		s += piece //perfvet:ignore concatloop the benchmark measures this quadratic concatenation
	}
	return s
}

func concatBuilder(n int) string {
	var sb strings.Builder
	for range n {
		sb.WriteString(piece)
	}
	return sb.String()
}

// TestCostVariantsAgree keeps the benchmark honest: both variants build
// the same string.
func TestCostVariantsAgree(t *testing.T) {
	for _, n := range []int{0, 1, 10, 1000} {
		if concatPlus(n) != concatBuilder(n) {
			t.Fatalf("n=%d: variants differ", n)
		}
	}
}
