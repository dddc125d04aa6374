// Package work holds the hot path of the workload.
package work

import "regexp"

// Join runs on every round of the workload: its concatenation is hot.
func Join(words []string) string {
	s := ""
	for _, w := range words {
		s += w
	}
	return s
}

// Numeric runs on every round too, but nothing in this package calls it
// in a loop: only the profile shows that it runs again and again, and
// compiles its regexp each time.
func Numeric(s string) bool {
	return regexp.MustCompile(`^[0-9]+$`).MatchString(s)
}
