package fixture

import "sort"

// ranked sorts the scores again after every append.
func ranked(scores []int) []int {
	var out []int
	for _, s := range scores {
		out = append(out, s)
		sort.Ints(out) // want sortloop
	}
	return out
}
