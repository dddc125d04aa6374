// Package concat builds a string by concatenation in a loop, which
// perfvet's concatloop analyzer reports.
package concat

// Join concatenates xs: each += copies everything built so far.
func Join(xs []string) string {
	out := ""
	for _, x := range xs {
		out += x
	}
	return out
}
