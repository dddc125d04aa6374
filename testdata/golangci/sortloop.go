package fixture

import "sort"

// ranked sorts the scores again after every append.
func ranked(scores []int) []int {
	out := make([]int, 0, len(scores))
	for _, s := range scores {
		out = append(out, s)
		sort.Ints(out) // want sortloop
	}
	return out
}
