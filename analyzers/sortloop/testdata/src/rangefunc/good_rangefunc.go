package rangefunc

import (
	"iter"
	"slices"
)

// A body that sorts and stops the range statement.
func firstBig(seq iter.Seq[int]) []int {
	var out []int
	for v := range seq {
		out = append(out, v)
		if v > 100 {
			slices.Sort(out)
			return out
		}
	}
	return out
}

func sortAndBreak(seq iter.Seq[int]) []int {
	var out []int
	for v := range seq {
		out = append(out, v)
		if len(out) > 10 {
			slices.Sort(out)
			break
		}
	}
	return out
}
