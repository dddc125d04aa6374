package funcs

import (
	"iter"
	"os"
)

func noLoop(x int) int { return x + 1 } // want `bodiless`

func helper(x int) int { return x * 2 } // want `built`

func withLoop(xs []int) (s int) { // want `built`
	for _, x := range xs {
		s += helper(x)
	}
	return s
}

func withLiteral() func(int) int { // want `built`
	return func(n int) (s int) { // want `listed `
		for i := range n {
			s += i
		}
		return s
	}
}

func withRangeFunc(seq iter.Seq[int]) (s int) { // want `built`
	for v := range seq { // want `listed range-over-func yield`
		s += v
	}
	return s
}

func exits(xs []int) { // want `built`
	for _, x := range xs {
		if x < 0 {
			os.Exit(2)
		}
	}
}

var initLoop = func(xs []int) (s int) { // want `listed `
	for _, x := range xs {
		s += x
	}
	return s
}
