package dedup

import "slices"

type User struct {
	ID   int
	Role string
}

func unique(in []string) []string {
	var out []string
	for _, v := range in {
		if !slices.Contains(out, v) { // want `slices.Contains\(out, v\) scans out on every iteration of the loop over in, and out grows as the loop appends to it \(O\(n²\)\); track seen elements in a map\[string\]struct\{\}`
			out = append(out, v)
		}
	}
	return out
}

func uniqueIndex(in []int) (out []int) {
	for _, v := range in {
		if slices.Index(out, v) < 0 { // want `slices.Index\(out, v\) scans out on every iteration of the loop over in, and out grows`
			out = append(out, v)
		}
	}
	return out
}

// The tested value is read twice from the element: still the same key.
func uniqueRoles(users []User) (roles []string) {
	for _, u := range users {
		if !slices.Contains(roles, u.Role) { // want `slices.Contains\(roles, u.Role\) scans roles on every iteration of the loop over users, and roles grows`
			roles = append(roles, u.Role)
		}
	}
	return roles
}

// De-duplication by one field, keeping the first element with each ID.
func uniqueByID(users []User) (out []User) {
	for _, u := range users {
		if !slices.ContainsFunc(out, func(o User) bool { return o.ID == u.ID }) { // want `slices.ContainsFunc\(out, ...\) scans out on every iteration of the loop over users, and out grows as the loop appends to it \(O\(n²\)\); track the ID of seen elements in a map\[int\]struct\{\}`
			out = append(out, u)
		}
	}
	return out
}

// The hand-written form.
func uniqueByHand(in []string) []string {
	var out []string
	for _, v := range in {
		found := false
		for _, o := range out {
			if o == v { // want `o == v scans out on every iteration of the loop over in, and out grows as the loop appends to it \(O\(n²\)\); track seen elements in a map\[string\]struct\{\}`
				found = true
				break
			}
		}
		if !found {
			out = append(out, v)
		}
	}
	return out
}

// Merging several lists: the inner loop is the one that grows out.
func merge(lists [][]string) (out []string) {
	for _, list := range lists {
		for _, v := range list {
			if !slices.Contains(out, v) { // want `scans out on every iteration of the loop over list, and out grows`
				out = append(out, v)
			}
		}
	}
	return out
}

// Generic de-duplication.
func Uniq[T comparable](in []T) (out []T) {
	for _, v := range in {
		if !slices.Contains(out, v) { // want `track seen elements in a map\[T\]struct\{\}`
			out = append(out, v)
		}
	}
	return out
}
