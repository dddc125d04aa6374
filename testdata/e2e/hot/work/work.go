// Package work holds the hot path of the workload.
package work

// Join runs on every round of the workload: its concatenation is hot.
func Join(words []string) string {
	s := ""
	for _, w := range words {
		s += w
	}
	return s
}
