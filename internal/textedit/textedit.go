// Package textedit applies the edits of suggested fixes to source text,
// as perfvet -fix does, for the tests that check what fixes produce.
package textedit

import (
	"fmt"
	"slices"
)

// Edit replaces the bytes [Start, End) of a file with New.
type Edit struct {
	Start, End int
	New        string
}

// Overlaps reports whether a and b touch the same bytes, or one inserts
// inside the other or where the other inserts too: with both applied,
// the order of the result would be a guess.
func Overlaps(a, b Edit) bool {
	aInserts, bInserts := a.Start == a.End, b.Start == b.End
	switch {
	case aInserts && bInserts:
		return a.Start == b.Start
	case aInserts:
		return b.Start < a.Start && a.Start < b.End
	case bInserts:
		return a.Start < b.Start && b.Start < a.End
	}
	return max(a.Start, b.Start) < min(a.End, b.End)
}

// Apply returns src with edits applied. The edits must not overlap.
func Apply(src []byte, edits []Edit) ([]byte, error) {
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, func(a, b Edit) int { return a.Start - b.Start })
	var out []byte
	last := 0
	for _, e := range sorted {
		if e.Start < last || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("edit [%d,%d) out of order or out of range (file size %d)", e.Start, e.End, len(src))
		}
		out = append(append(out, src[last:e.Start]...), e.New...)
		last = e.End
	}
	return append(out, src[last:]...), nil
}
