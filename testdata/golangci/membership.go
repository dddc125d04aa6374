package fixture

import "slices"

// common searches bs linearly for every element of as.
func common(as, bs []string) int {
	n := 0
	for _, a := range as {
		if slices.Contains(bs, a) { // want membership
			n++
		}
	}
	return n
}
