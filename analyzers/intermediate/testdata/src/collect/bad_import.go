package collect

import (
	"maps"
	"slices"
)

// The fix removes the import of slices, used nowhere else in the file.
func onlyUse(m map[int]bool) (n int) {
	for _, k := range slices.Collect(maps.Keys(m)) { // want `slices.Collect\(maps.Keys\(m\)\) builds a slice`
		n += k
	}
	return n
}
