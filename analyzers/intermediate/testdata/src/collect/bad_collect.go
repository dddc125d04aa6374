package collect

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
)

func keyLengths(m map[string]int) (n int) {
	for _, k := range slices.Collect(maps.Keys(m)) { // want `slices.Collect materialises every element of maps.Keys\(m\) into a new slice only for the loop over slices.Collect\(maps.Keys\(m\)\) to walk it once; range over the iterator directly`
		n += len(k)
	}
	return n
}

// Calls that cannot reach the map do not disturb it.
func printValues(m map[string]int) {
	for _, v := range slices.Collect(maps.Values(m)) { // want `slices.Collect materialises every element of maps.Values\(m\)`
		fmt.Println(v)
	}
}

// A generic iterator, with a body that calls only pure functions and
// assigns only locals.
func upper(seq iter.Seq[string]) (out []string) {
	for _, s := range slices.Collect(seq) { // want `slices.Collect materialises every element of seq`
		out = append(out, strings.ToUpper(s))
	}
	return out
}

// Without a loop variable.
func count(seq iter.Seq[int]) (n int) {
	for range slices.Collect(seq) { // want `slices.Collect materialises every element of seq`
		n++
	}
	return n
}

// Another use of slices keeps the import.
func sortedCopy(xs []int) []int { return slices.Sorted(slices.Values(xs)) }
