package threshold

import "slices"

// Run with -small=3: a literal of three elements is no longer small, one
// of two still is.
func literals(roles []string) (n int) {
	three := []string{"a", "b", "c"}
	two := []string{"a", "b"}
	for _, r := range roles {
		if slices.Contains(three, r) { // want `slices.Contains\(three, r\) scans three`
			n++
		}
		if slices.Contains(two, r) {
			n++
		}
	}
	return n
}
