// Package directives has perfvet:ignore directives that perfvet reports:
// one without a reason, which suppresses nothing, and one that no longer
// matches a finding.
package directives

// Join concatenates xs.
func Join(xs []string) string {
	out := ""
	for _, x := range xs {
		//perfvet:ignore concatloop
		out += x
	}
	return out
}

// Sum adds xs.
func Sum(xs []int) int {
	total := 0
	for _, x := range xs {
		//perfvet:ignore concatloop this loop used to build a string
		total += x
	}
	return total
}
