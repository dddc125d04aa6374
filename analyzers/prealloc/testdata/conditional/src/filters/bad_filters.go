package filters

type User struct {
	Name   string
	Active bool
}

// A nil result must stay nil when no element passes the filter, so
// these get no fix.
func filterNil(users []User) []string {
	var names []string
	for _, u := range users {
		if u.Active {
			names = append(names, u.Name) // want `names grows by append in the loop over users without capacity, reallocating and copying its elements O\(log n\) times; it gets at most len\(users\) elements: create it with make\(\[\]string, 0, len\(users\)\) if an empty result need not be nil`
		}
	}
	return names
}

func continueFilter(xs []int) (out []int) {
	for _, x := range xs {
		if x < 0 {
			continue
		}
		out = append(out, x) // want `it gets at most len\(xs\) elements: create it with make\(\[\]int, 0, len\(xs\)\) if an empty result need not be nil`
	}
	return out
}

// An empty slice or a map can take the upper bound.
func filterEmpty(users []User) []string {
	names := []string{}
	for _, u := range users {
		if u.Active {
			names = append(names, u.Name) // want `it gets at most len\(users\) elements: create it with make\(\[\]string, 0, len\(users\)\)$`
		}
	}
	return names
}

func zeroOrTwo(xs []int) []int {
	out := make([]int, 0)
	for _, x := range xs {
		if x > 0 {
			out = append(out, x, -x) // want `it gets at most 2\*len\(xs\) elements: create it with make\(\[\]int, 0, 2\*len\(xs\)\)`
		}
	}
	return out
}

func filterMap(users []User) map[string]bool {
	active := map[string]bool{}
	for _, u := range users {
		if u.Active {
			active[u.Name] = true // want `active is filled in the loop over users without a size hint.*it gets at most len\(users\) entries: create it with make\(map\[string\]bool, len\(users\)\)`
		}
	}
	return active
}

// A range over a string runs once per rune, at most len(s) times; a
// non-empty string has a rune, so slices.Grow keeps nil for nil.
func runes(s string) []rune {
	var rs []rune
	for _, r := range s {
		rs = append(rs, r) // want `rs grows by append in the loop over s.*it gets at most len\(s\) elements: reserve the capacity first with rs = slices.Grow\(rs, len\(s\)\)`
	}
	return rs
}

func upperRunes(s string) []rune {
	var rs []rune
	for _, r := range s {
		if r >= 'A' && r <= 'Z' {
			rs = append(rs, r) // want `it gets at most len\(s\) elements: create it with make\(\[\]rune, 0, len\(s\)\) if an empty result need not be nil`
		}
	}
	return rs
}

// Exact loops are reported as without the flag.
func exact(users []User) []string {
	var names []string
	for _, u := range users {
		names = append(names, u.Name) // want `names grows by append in the loop over users without capacity, reallocating and copying its elements O\(log n\) times; reserve the capacity first with names = slices.Grow\(names, len\(users\)\)`
	}
	return names
}
