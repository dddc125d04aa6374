package elements

import (
	"fmt"
	"slices"
	"sort"
)

func reads(xs, ys []string) (n int) {
	for _, y := range ys { // want `xs unchanged`
		if slices.Contains(xs, y) {
			n++
		}
	}
	return n
}

// Appending to xs writes past its length: its elements stay.
func appends(xs, ys []string) []string {
	for _, y := range ys { // want `xs unchanged`
		xs = append(xs, y)
	}
	return xs
}

// Appending to another slice that started empty writes new arrays.
func appendsElsewhere(xs, ys []string) (out []string) {
	for _, y := range ys { // want `xs unchanged`
		out = append(out, y)
	}
	return out
}

// Appending to a slice cut from xs overwrites xs's elements.
func filtersInPlace(xs, ys []string) []string {
	out := xs[:0]
	for _, y := range ys { // want `xs changes`
		out = append(out, y)
	}
	return out
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

// The predicate passed to a read-only function runs too.
func predicateWrites(xs, ys []string) (n int) {
	for _, y := range ys { // want `xs changes`
		n += slices.IndexFunc(ys, func(s string) bool { xs[0] = s; return s == y })
	}
	return n
}

func predicateReads(xs, ys []string) (n int) {
	for _, y := range ys { // want `xs unchanged`
		n += slices.IndexFunc(xs, func(s string) bool { return s == y })
	}
	return n
}

// sort.Sort calls the methods of the value it is given, which write
// what the value reaches.
func sortsInterface(xs, ys []string) {
	for range ys { // want `xs changes`
		sort.Sort(sort.StringSlice(xs))
	}
}

// Storing ints cannot change strings.
func storesInts(xs []string, ns []int) {
	for i := range ns { // want `xs unchanged`
		ns[i] = i
	}
}

// The values passed to a variadic ...any parameter reach only what
// they hold: strings hold nothing to write.
func printsStrings(xs, ys []string) {
	for _, y := range ys { // want `xs unchanged`
		fmt.Printf("%s\n", y)
	}
}

// A pointer to xs passed the same way may be written through.
func printsPointer(xs, ys []string) {
	for range ys { // want `xs changes`
		fmt.Sscan("x", &xs[0])
	}
}
