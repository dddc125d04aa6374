package fresh

type S struct{ n int }

// Appending stores each int into a fresh variadic array, which no
// pointer from before the loop reaches.
func appendInts(s *S) (out []int, t int) {
	for i := range 100 {
		out = append(out, i)
		t += s.n // want `load n invariant`
	}
	return out, t
}

// A new S escapes each iteration; writing its field does not write s.n.
func newStructs(s *S) (ps []*S, t int) {
	for i := range 100 {
		ps = append(ps, &S{n: i})
		t += s.n // want `load n invariant`
	}
	return ps, t
}

// A store through a pointer from outside the loop still may.
func storeThrough(s *S, p *int) (t int) {
	for i := range 100 {
		*p = i
		t += s.n // want `load n varies`
	}
	return t
}

// A variable allocated before the loop is not fresh: once its address
// escapes (here, returned), s may point to it.
func allocatedBefore(s *S) (t int, q *S) {
	q = &S{}
	for i := range 100 {
		q.n = i
		t += s.n // want `load n varies`
	}
	return t, q
}

// An object whose address goes nowhere but into its own loads and
// stores is confined: s cannot point to it.
func confinedBefore(s *S) (t int) {
	q := &S{}
	for i := range 100 {
		q.n = i
		t += s.n // want `load n invariant`
	}
	return t + q.n
}
