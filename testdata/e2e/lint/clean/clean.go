// Package clean builds strings the efficient way; perfvet reports nothing.
package clean

import "strings"

// Join concatenates xs with a strings.Builder sized up front.
func Join(xs []string) string {
	n := 0
	for _, x := range xs {
		n += len(x)
	}
	var b strings.Builder
	b.Grow(n)
	for _, x := range xs {
		b.WriteString(x)
	}
	return b.String()
}

// Quote returns each of xs in quotes, in a slice allocated once.
func Quote(xs []string) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		out = append(out, `"`+x+`"`)
	}
	return out
}
