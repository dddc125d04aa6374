package nested

import "bufio"

// The inner count changes with the outer iteration: the total is a sum,
// not a product of counts.
func ragged(rows [][]int) []int {
	var flat []int
	for _, r := range rows {
		for _, x := range r {
			flat = append(flat, x)
		}
	}
	return flat
}

// The outer count is unknown.
func scanned(sc *bufio.Scanner, fields []string) []string {
	var out []string
	for sc.Scan() {
		for _, f := range fields {
			out = append(out, sc.Text()+f)
		}
	}
	return out
}

// The inner loop stops early: its count is only a bound.
func innerBreak(rows, cols []int) []int {
	var out []int
	for _, r := range rows {
		for _, c := range cols {
			if c > r {
				break
			}
			out = append(out, c)
		}
	}
	return out
}

// continue outer skips the rest of the inner loop.
func continueOuter(rows, cols []int) []int {
	var out []int
outer:
	for _, r := range rows {
		for _, c := range cols {
			if c == r {
				continue outer
			}
			out = append(out, c)
		}
	}
	return out
}

// break outer stops both loops.
func breakOuter(rows, cols []int) []int {
	var out []int
outer:
	for _, r := range rows {
		for _, c := range cols {
			if c == r {
				break outer
			}
			out = append(out, c)
		}
	}
	return out
}

// The inner bound changes with the outer variable: a triangle.
func triangle(n int) [][2]int {
	var pairs [][2]int
	for i := 0; i < n; i++ {
		for j := 0; j < i; j++ {
			pairs = append(pairs, [2]int{i, j})
		}
	}
	return pairs
}

// The inner loop runs only on some outer iterations.
func sometimesInner(rows, cols []int) []int {
	var out []int
	for _, r := range rows {
		if r < 0 {
			continue
		}
		for _, c := range cols {
			out = append(out, c)
		}
	}
	return out
}
