package silent

import "slices"

// A three-element list declared at package level is as small as the
// same literal declared locally, and so is part of a longer one cut
// with constant bounds.
var builtinRoles = []string{"admin", "owner", "editor"}

var allRoles = []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}

func packageLevelLiteral(users []User) (n int) {
	for _, u := range users {
		if slices.Contains(builtinRoles, u.Role) {
			n++
		}
	}
	return n
}

func localLiteral(users []User) (n int) {
	roles := []string{"admin", "owner", "editor"}
	for _, u := range users {
		if slices.Contains(roles, u.Role) {
			n++
		}
	}
	return n
}

func constantReslice(users []User) (n int) {
	for _, u := range users {
		if slices.Contains(allRoles[:3], u.Role) {
			n++
		}
	}
	return n
}
