package stops

import "iter"

func mark() {}

func rangeFunc(seq iter.Seq[int]) int {
	for v := range seq {
		mark() // want "stops false after 0 returns"
		if v > 0 {
			break
		}
	}
	for v := range seq {
		mark() // want "stops true after 2 returns"
		if v > 0 {
			return v
		}
		break
	}
	for v := range seq {
		if v < 0 {
			mark() // want "stops true after 0 returns"
			panic("negative")
		}
		mark() // want "stops true after 1 returns"
		return v
	}
	return 0
}

// Ordinary loops stop by leaving the natural loop.
func ordinary(xs []int) {
	for range xs {
		mark() // want "stops false after 0 returns"
	}
}
