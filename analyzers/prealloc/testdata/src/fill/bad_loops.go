package fill

import "strings"

func counted(n int) []int {
	var sq []int
	for i := 0; i < n; i++ {
		sq = append(sq, i*i) // want `sq grows by append in the for loop without capacity.*sq = slices.Grow\(sq, max\(n, 0\)\)`
	}
	return sq
}

func countedDown(xs []string) []string {
	var rev []string
	for i := len(xs) - 1; i >= 0; i-- {
		rev = append(rev, xs[i]) // want `rev = slices.Grow\(rev, len\(xs\)\)`
	}
	return rev
}

func unsignedBound(n uint) []uint {
	var out []uint
	for i := uint(0); i < n; i++ {
		out = append(out, i) // want `out = slices.Grow\(out, n\)`
	}
	return out
}

func rangeInt(n int64) []int64 {
	out := []int64{}
	for i := range n {
		out = append(out, i) // want `out grows by append in the loop over n without capacity.*make\(\[\]int64, 0, max\(n, 0\)\)`
	}
	return out
}

func rangeLen(xs []string) []string {
	out := []string{}
	for i := range len(xs) {
		out = append(out, strings.Repeat(xs[i], 2)) // want `make\(\[\]string, 0, len\(xs\)\)`
	}
	return out
}

func labelled(xs []int) []int {
	var out []int
outer:
	for i := range xs {
		out = append(out, xs[i]) // want `out = slices.Grow\(out, len\(xs\)\)`
		if i > 0 {
			continue outer
		}
	}
	return out
}

func gotoLoop(xs []int) []int {
	var out []int
	i := 0
loop:
	if i < len(xs) {
		out = append(out, xs[i]*2) // want `out grows by append in the goto loop at label loop without capacity.*out = slices.Grow\(out, len\(xs\)\)`
		i++
		goto loop
	}
	return out
}

func gotoLoopInt(n int) []int {
	var out []int
	i := 0
loop:
	if i < n {
		out = append(out, i) // want `out = slices.Grow\(out, max\(n, 0\)\)`
		i++
		goto loop
	}
	return out
}

func Map[T, U any](xs []T, f func(T) U) []U {
	var out []U
	for _, x := range xs {
		out = append(out, f(x)) // want `out grows by append in the loop over xs.*out = slices.Grow\(out, len\(xs\)\)`
	}
	return out
}

func Keys[M ~map[K]V, K comparable, V any](m M) []K {
	keys := make([]K, 0)
	for k := range m {
		keys = append(keys, k) // want `make\(\[\]K, 0, len\(m\)\)`
	}
	return keys
}

type Set[T comparable] map[T]struct{}

func Collect[S ~[]E, E any](xs S) S {
	var out S
	for i := 0; i < len(xs); i++ {
		out = append(out, xs[i]) // want `out = slices.Grow\(out, len\(xs\)\)`
	}
	return out
}

func inClosure(rows [][]string) func() []string {
	return func() []string {
		var out []string
		for _, r := range rows {
			out = append(out, r[0]) // want `out = slices.Grow\(out, len\(rows\)\)`
		}
		return out
	}
}

func perOuterIteration(groups [][]int) [][]int {
	var out [][]int
	for _, g := range groups {
		var doubled []int
		for _, x := range g {
			doubled = append(doubled, 2*x) // want `doubled grows by append in the loop over g.*doubled = slices.Grow\(doubled, len\(g\)\)`
		}
		out = append(out, doubled) // want `out grows by append in the loop over groups`
	}
	return out
}

func insideCase(kind int, xs []int) []int {
	switch kind {
	case 1:
		var out []int
		for _, x := range xs {
			out = append(out, x) // want `out = slices.Grow\(out, len\(xs\)\)`
		}
		return out
	}
	return nil
}
