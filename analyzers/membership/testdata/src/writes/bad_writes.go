package writes

import (
	"slices"
	"strings"

	"writes/other"
)

// The twins of good_writes.go whose calls and stores cannot write the
// list searched: a set built before the loop answers every test.

// addSize appends to the []int l points to, not to a []string.
func addSize(l *[]int, n int) { *l = append(*l, n) }

func (h *H) growsOtherField(keys []string) (n int) {
	for _, k := range keys {
		if slices.Contains(h.list, k) { // want `slices.Contains\(h.list, k\) scans h.list on every iteration of the loop over keys`
			n++
		}
		addSize(&h.sizes, len(k))
	}
	return n
}

var calls int

// count writes a package-level int, not reg.list.
func count(string) { calls++ }

func countsCalls(keys []string) (n int) {
	for _, k := range keys {
		if slices.Contains(reg.list, k) { // want `slices.Contains\(reg.list, k\) scans reg.list on every iteration of the loop over keys`
			n++
		}
		count(k)
	}
	return n
}

// Another package's function writes its own variables, not ours.
func (h *H) registersElsewhereOwnList(keys []string) (n int) {
	for _, k := range keys {
		if slices.Contains(h.list, k) { // want `slices.Contains\(h.list, k\) scans h.list on every iteration of the loop over keys`
			n++
		}
		other.Register(strings.ToUpper(k))
	}
	return n
}

// The concrete twin of storeGeneric: an int store cannot replace h.list.
func storeInt(h *H, p *int, v int, keys []string) (n int) {
	for _, k := range keys {
		if slices.Contains(h.list, k) { // want `slices.Contains\(h.list, k\) scans h.list on every iteration of the loop over keys`
			n++
		}
		*p = v
	}
	return n
}
