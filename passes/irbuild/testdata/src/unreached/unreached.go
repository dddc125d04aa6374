package unreached

type T struct{ n int }

func loop(xs []int) (n int) {
	for _, x := range xs {
		n += x
	}
	return n
}

// unreached is a method no built body refers to: it is not created with
// the package, and when a method set needs it, it is created from type
// information, without a body.
func (t *T) unreached() int { return t.n } // want `unreached: out of scope`
