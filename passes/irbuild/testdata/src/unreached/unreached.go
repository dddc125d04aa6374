package unreached

func loop(xs []int) (n int) {
	for _, x := range xs {
		n += x
	}
	return n
}

func unreached(x int) int { return x } // want `unreached: out of scope`
