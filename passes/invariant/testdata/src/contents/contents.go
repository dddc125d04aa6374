package contents

import (
	"slices"
	"sort"
)

func reads(xs, ys []string) (n int) {
	for _, y := range ys { // want `xs unchanged`
		if slices.Contains(xs, y) || slices.Index(xs, y) > 0 {
			n++
		}
	}
	return n
}

func searchesWithPredicate(xs []int, ys []int) (n int) {
	for _, y := range ys { // want `xs unchanged`
		n += slices.IndexFunc(xs, func(x int) bool { return x == y })
	}
	return n
}

func appends(xs, ys []string) []string {
	for _, y := range ys { // want `xs unchanged`
		xs = append(xs, y)
	}
	return xs
}

func stores(xs, ys []string) {
	for i, y := range ys { // want `xs changes`
		xs[i] = y
	}
}

func sorts(xs, ys []string) {
	for range ys { // want `xs changes`
		sort.Strings(xs)
	}
}

func sortsWithSlices(xs, ys []string) {
	for range ys { // want `xs changes`
		slices.Sort(xs)
	}
}

func copies(xs, ys []string) {
	for range ys { // want `xs changes`
		copy(xs, ys)
	}
}

// A slice whose type is a type parameter.
func generic[S ~[]E, E comparable](xs S, ys []E) (n int) {
	for _, y := range ys { // want `xs unchanged`
		if slices.Contains(xs, y) {
			n++
		}
	}
	return n
}

func genericStores[S ~[]E, E comparable](xs S, ys []E) {
	for i, y := range ys { // want `xs changes`
		xs[i] = y
	}
}

func genericClear[S ~[]E, E comparable](xs S, ys []E) {
	for range ys { // want `xs changes`
		clear(xs)
	}
}

func clearsMap(xs []string, m map[string]int) {
	for range xs { // want `xs unchanged`
		clear(m)
	}
}
