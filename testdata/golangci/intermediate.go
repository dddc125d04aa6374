package fixture

import (
	"maps"
	"slices"
)

// keyLengths collects the keys of m only to range over them once.
func keyLengths(m map[string]int) int {
	n := 0
	for _, k := range slices.Collect(maps.Keys(m)) { // want intermediate
		n += len(k)
	}
	return n
}
