package collect

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
)

func keyLengths(m map[string]int) (n int) {
	for _, k := range slices.Collect(maps.Keys(m)) { // want `slices.Collect\(maps.Keys\(m\)\) builds a slice of every element only for this range loop to walk it once \(an allocation of the whole slice and a second pass\); range over maps.Keys\(m\) directly`
		n += len(k)
	}
	return n
}

// Calls that cannot reach the map do not disturb it.
func printValues(m map[string]int) {
	for _, v := range slices.Collect(maps.Values(m)) { // want `slices.Collect\(maps.Values\(m\)\) builds a slice`
		fmt.Println(v)
	}
}

// A generic iterator, with a body that calls only pure functions and
// assigns only locals.
func upper(seq iter.Seq[string]) (out []string) {
	for _, s := range slices.Collect(seq) { // want `slices.Collect\(seq\) builds a slice`
		out = append(out, strings.ToUpper(s))
	}
	return out
}

// Without a loop variable.
func count(seq iter.Seq[int]) (n int) {
	for range slices.Collect(seq) { // want `slices.Collect\(seq\) builds a slice`
		n++
	}
	return n
}

// Another use of slices keeps the import.
func sortedCopy(xs []int) []int { return slices.Sorted(slices.Values(xs)) }

func process(k string) {}

// A map that only this function can reach: calling other code with the
// keys cannot change it.
func owned(xs []string) {
	local := make(map[string]bool)
	for _, x := range xs {
		local[x] = true
	}
	for _, k := range slices.Collect(maps.Keys(local)) { // want `slices.Collect\(maps.Keys\(local\)\) builds a slice`
		process(k)
	}
}
