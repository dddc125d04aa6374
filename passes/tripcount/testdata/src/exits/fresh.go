package exits

type Store struct{ n int }

// Appending i stores an int into a fresh varargs array, which cannot
// change s.n: the bound stays invariant.
func freshStores(s *Store) []int {
	var out []int
	for i := 0; i < s.n; i++ { // want `int\(s.n\) expr s.n early 0 exit header`
		out = append(out, i)
	}
	return out
}

// A store through a pointer of the same type may change it.
func aliasedStore(s *Store, p *int) (t int) {
	for i := 0; i < s.n; i++ { // want `unknown expr none early 1 exit none`
		*p = i
		t++
	}
	return t
}
