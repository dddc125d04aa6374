package deleting

import "slices"

// Deleting from the slice a loop walks moves every later element on
// each deletion.

func rangeAppend(s []int) []int {
	for i, x := range s {
		if x < 0 {
			s = append(s[:i], s[i+1:]...) // want `deleting from s inside the loop over s moves every later element of s on each deletion \(O\(n\) per iteration, O\(n²\) in all\); filter in place with slices.DeleteFunc \(ranging over s while deleting from it also skips the element after each one deleted\)`
		}
	}
	return s
}

func rangeDelete(s []string) []string {
	for i := range s {
		if i < len(s) && s[i] == "" {
			s = slices.Delete(s, i, i+1) // want `deleting from s inside the loop over s moves every later element`
		}
	}
	return s
}

// backwards walks from the end, so that deletions do not disturb what
// is still to visit: still quadratic.
func backwards(s []int, bad func(int) bool) []int {
	for i := len(s) - 1; i >= 0; i-- {
		if bad(s[i]) {
			s = append(s[:i], s[i+1:]...) // want `deleting from s inside the for loop moves every later element of s on each deletion`
		}
	}
	return s
}

func copyDown(s []int) []int {
	for i := 0; i < len(s); {
		if s[i] == 0 {
			copy(s[i:], s[i+1:]) // want `deleting from s inside the for loop`
			s = s[:len(s)-1]
			continue
		}
		i++
	}
	return s
}

type set struct{ members []string }

func (st *set) prune(keep func(string) bool) {
	for i := 0; i < len(st.members); i++ {
		if !keep(st.members[i]) {
			st.members = append(st.members[:i], st.members[i+1:]...) // want `deleting from st.members inside the for loop`
			i--
		}
	}
}

// rangeInt fixes the count before the first deletion, like ranging
// over s itself.
func rangeInt(s []int) []int {
	for i := range len(s) {
		if i < len(s) && s[i] == 0 {
			s = slices.Delete(s, i, i+1) // want `deleting from s inside the loop over len\(s\) .* \(ranging over s while deleting from it also skips the element after each one deleted\)`
		}
	}
	return s
}
