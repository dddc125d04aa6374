package shapes

import "iter"

func three(n int) (s int) {
	for i := 0; i < n; i++ { // want `for loop depth 1 exits 1`
		s += i
	}
	return s
}

func nested(xs [][]int) (s int) {
	for _, row := range xs { // want `range loop depth 1 exits 1`
		for _, v := range row { // want `range loop depth 2 exits 1`
			s += v
		}
	}
	return s
}

func infinite(ch chan int) int {
	for { // want `for loop depth 1 exits 1`
		v := <-ch
		if v > 10 {
			return v
		}
	}
}

func emptyBody(n int) {
	for range n { // want `range loop depth 1 exits 1`
	}
}

func withGoto(n int) int {
	i := 0
retry: // want `goto loop depth 1 exits 1`
	i++
	if i < n {
		goto retry
	}
	return i
}

func labelled(xs, ys []int) int {
	c := 0
outer:
	for _, x := range xs { // want `range loop depth 1 exits 1`
		for _, y := range ys { // want `range loop depth 2 exits 2`
			if x == y {
				continue outer
			}
			c++
		}
	}
	return c
}

func overFunc(seq iter.Seq[int]) int {
	s := 0
	for v := range seq { // want `range-over-func loop depth 1 exits 0`
		for i := 0; i < v; i++ { // want `for loop depth 2 exits 1`
			s += i
		}
	}
	return s
}

func overMapAndString(m map[string]int, str string) int {
	s := 0
	for k := range m { // want `range loop depth 1 exits 1`
		s += len(k)
	}
	for _, r := range str { // want `range loop depth 1 exits 1`
		s += int(r)
	}
	return s
}

func closure(xs []int) func() int {
	return func() int {
		s := 0
		for _, x := range xs { // want `range loop depth 1 exits 1`
			s += x
		}
		return s
	}
}

func overChan(ch <-chan int) (s int) {
	for v := range ch { // want `range loop depth 1 exits 1`
		s += v
	}
	return s
}

type reader interface {
	ReadRune() (rune, int, error)
	UnreadRune() error
}

func readAll(rs []reader, fail func(string)) (n int) {
	for _, r := range rs { // want `range loop depth 1 exits 1`
		if e := r.UnreadRune(); e == nil {
			fail("unread at start")
		}
		res := ""
		for { // want `for loop depth 2 exits 2`
			c, _, e := r.ReadRune()
			if e != nil {
				break
			}
			res += string(c)
			if e = r.UnreadRune(); e != nil {
				fail("unread")
				break
			}
		}
		n += len(res)
	}
	return n
}
