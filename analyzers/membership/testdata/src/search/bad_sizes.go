package search

import "slices"

// A package-level list that the package grows is data, however short
// its literal.
var registered = []string{"a", "b", "c"}

func Register(name string) { registered = append(registered, name) }

func registeredUsers(names []string) (n int) {
	for _, name := range names {
		if slices.Contains(registered, name) { // want `slices.Contains\(registered, name\) scans registered on every iteration of the loop over names`
			n++
		}
	}
	return n
}
