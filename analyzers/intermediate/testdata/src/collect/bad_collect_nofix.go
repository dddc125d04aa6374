package collect

import (
	"iter"
	"slices"
)

// Two findings and no other use of slices in the file: applied alone,
// either fix would break the import, so neither is offered.
func twoUses(a, b iter.Seq[int]) (n int) {
	for _, x := range slices.Collect(a) { // want `slices.Collect\(a\) builds a slice`
		n += x
	}
	for _, y := range slices.Collect(b) { // want `slices.Collect\(b\) builds a slice`
		n -= y
	}
	return n
}
