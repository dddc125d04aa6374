package except

func skipped(xs []int) {}

func other(xs []int) { xs[0] = 0 }

func onlySkipped(xs []int, n int) {
	for range n { // want "xs unchanged"
		skipped(xs)
	}
}

func skippedAndOther(xs []int, n int) {
	for range n { // want "xs changes"
		skipped(xs)
		other(xs)
	}
}

func skippedAndStore(xs []int, n int) {
	for i := range n { // want "xs changes"
		skipped(xs)
		xs[0] = i
	}
}
