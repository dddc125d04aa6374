package exits

type S struct{ items []int }

func trim(s *S, limit int) {
	for i := 0; i < len(s.items); i++ { // want `exit paths at lines \[8\]`
		if s.items[i] > limit {
			s.items = s.items[:i]
			break
		}
	}
	s.items = append(s.items, limit)
}

func find(xs []int, x int) int {
	for i, y := range xs { // want `exit paths at lines \[18\]`
		if y == x {
			return i
		}
	}
	return -1
}

func plain(xs []int) (t int) {
	for _, x := range xs { // want `exit paths at lines \[\]`
		t += x
	}
	return t
}

func nested(xss [][]int) int {
	for i, xs := range xss { // want `exit paths at lines \[35\]`
		for _, x := range xs { // want `exit paths at lines \[35\]`
			if x < 0 {
				return i
			}
		}
	}
	return 0
}

func gotoLoop(n int) (t int) {
	i := 0
loop: // want `exit paths at lines \[\]`
	if i < n {
		t += i
		i++
		goto loop
	}
	return t
}
