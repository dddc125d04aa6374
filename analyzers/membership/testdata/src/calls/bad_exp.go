package calls

import expslices "golang.org/x/exp/slices"

// The golang.org/x/exp/slices functions that package slices replaced.
func expContains(users []User, allowed []string) (n int) {
	for _, u := range users {
		if expslices.Contains(allowed, u.Role) { // want `slices.Contains\(allowed, u.Role\) scans allowed on every iteration of the loop over users`
			n++
		}
	}
	return n
}
