package fix

import (
	"slices"
	"time"
)

func negatives(s []int) []int {
	for i := 0; i < len(s); i++ {
		if s[i] < 0 {
			s = append(s[:i], s[i+1:]...) // want `deleting from s inside the for loop`
			i--
		}
	}
	return s
}

func empties(names []string, keep func(string) bool) []string {
	for i := 0; i < len(names); i++ {
		if names[i] == "" || !keep(names[i]) {
			names = slices.Delete(names, i, i+1) // want `deleting from names inside the for loop`
			i--
		}
	}
	return names
}

func backwards(s []time.Duration, limit time.Duration) []time.Duration {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] > limit {
			s = append(s[:i], s[i+1:]...) // want `deleting from s inside the for loop`
		}
	}
	return s
}

// The parameter gets a name the condition does not use.
func named(s []int, x int) []int {
	for i := 0; i < len(s); i++ {
		if s[i] == x {
			s = append(s[:i], s[i+1:]...) // want `deleting from s inside the for loop`
			i--
		}
	}
	return s
}

// No fix: the backward loop would test the elements in the other order.
func backwardsCalls(s []int, bad func(int) bool) []int {
	for i := len(s) - 1; i >= 0; i-- {
		if bad(s[i]) {
			s = append(s[:i], s[i+1:]...) // want `deleting from s inside the for loop`
		}
	}
	return s
}

// No fix: ranging skips the element after each deletion, DeleteFunc
// does not.
func ranged(s []int) []int {
	for i, x := range s {
		if x < 0 {
			s = append(s[:i], s[i+1:]...) // want `deleting from s inside the loop over s .* also skips the element after each one deleted`
		}
	}
	return s
}

// No fix: the condition reads the slice's length, which changes.
func lengthAware(s []int) []int {
	for i := 0; i < len(s); i++ {
		if s[i] < 0 && len(s) > 1 {
			s = append(s[:i], s[i+1:]...) // want `deleting from s inside the for loop`
			i--
		}
	}
	return s
}

// No fix: the condition uses the index itself.
func evenPositions(s []int) []int {
	for i := 0; i < len(s); i++ {
		if i%2 == 0 && s[i] == 0 {
			s = append(s[:i], s[i+1:]...) // want `deleting from s inside the for loop`
			i--
		}
	}
	return s
}

// No fix: the loop does something else too.
func counting(s []int) ([]int, int) {
	n := 0
	for i := 0; i < len(s); i++ {
		n++
		if s[i] < 0 {
			s = append(s[:i], s[i+1:]...) // want `deleting from s inside the for loop`
			i--
		}
	}
	return s, n
}

// No fix: the label would be left unused.
func labelledLoop(s []int, retry bool) []int {
	if retry {
		goto again
	}
again:
	for i := 0; i < len(s); i++ {
		if s[i] < 0 {
			s = append(s[:i], s[i+1:]...) // want `deleting from s inside the for loop`
			i--
		}
	}
	return s
}

// No fix: the condition calls a closure that reads s, which sees s
// shrink as the loop deletes but would not inside DeleteFunc.
func sharedWithClosure(s []int) []int {
	seenBefore := func(x int) bool { return len(s) > 0 && s[0] == x }
	for i := 0; i < len(s); i++ {
		if seenBefore(s[i]) {
			s = append(s[:i], s[i+1:]...) // want `deleting from s inside the for loop`
			i--
		}
	}
	return s
}

var global []int

// No fix: any function could read a package-level slice.
func packageLevel(bad func(int) bool) {
	for i := 0; i < len(global); i++ {
		if bad(global[i]) {
			global = append(global[:i], global[i+1:]...) // want `deleting from global inside the for loop`
			i--
		}
	}
}
