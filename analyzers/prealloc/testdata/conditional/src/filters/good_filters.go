package filters

// Loops that stop early, even under -conditional.
func stopsEarly(xs []int) []int {
	out := []int{}
	for _, x := range xs {
		if x == 0 {
			break
		}
		if x > 0 {
			out = append(out, x)
		}
	}
	return out
}

// Counts that do not bound the loop.
func startsAnywhere(lo, n int) []int {
	out := []int{}
	for i := lo; i < n; i++ {
		if i%2 == 0 {
			out = append(out, i)
		}
	}
	return out
}

func inclusive(n int) []int {
	out := []int{}
	for i := 0; i <= n; i++ {
		out = append(out, i)
	}
	return out
}

// Paths whose amounts do not compare: one element, or a whole inner loop.
func incomparable(rows, cols []int) []int {
	out := []int{}
	for _, r := range rows {
		if r < 0 {
			out = append(out, r)
			continue
		}
		for _, c := range cols {
			out = append(out, c)
		}
	}
	return out
}

// A filter in a nested loop: the product bounds it too loosely.
func nestedFilter(rows, cols []int) []int {
	out := []int{}
	for _, r := range rows {
		for _, c := range cols {
			if r == c {
				out = append(out, c)
			}
		}
	}
	return out
}

// Counting is not filling, with or without a condition.
func countWords(words []string) map[string]int {
	n := map[string]int{}
	for _, w := range words {
		if w != "" {
			n[w]++
		}
	}
	return n
}

func channel(ch <-chan int) []int {
	out := []int{}
	for v := range ch {
		if v > 0 {
			out = append(out, v)
		}
	}
	return out
}
