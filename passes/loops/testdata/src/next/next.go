package next

func steps(xs []int) (n int) {
	for _, x := range xs { // want `n: n n\+1 n\+2`
		if x == 0 {
			continue
		}
		if x > 0 {
			n += 2
		} else {
			n++
		}
		use(n)
	}
	return n
}

func use(int) {}
