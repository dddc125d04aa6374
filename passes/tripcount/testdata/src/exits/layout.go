package exits

func work(int) {}

// A range over an integer is tested at the end of each iteration; a
// branch in the body keeps that test out of the header, and it is still
// the loop's normal exit.
func rangeIntBranches(n int) (t int) {
	for i := range n { // want `int\(n\) expr n early 0 exit body depth 1`
		if i%2 == 0 {
			continue
		}
		t += i
	}
	for i := range n { // want `int\(n\) expr n early 1 exit body depth 1`
		if i == t {
			break
		}
		t += i
	}
	return t
}

// A comparison in the body that does not leave the loop is not its
// test: this is n goroutines, not a pool of four.
func notAPool(n int) {
	for i := range n { // want `int\(n\) expr n early 0 exit body depth 1`
		if i < 4 {
			work(0)
		}
		go work(i)
	}
}

// A labelled continue from an inner loop starts the outer loop's next
// iteration: it is no exit of the outer loop.
func labelledContinue(rows [][]int, n int) (t int) {
outer:
	for i := 0; i < n; i++ { // want `int\(n\) expr n early 0 exit header depth 1`
		for _, x := range rows[i] { // want `len\(rows\[i\]\) expr rows\[i\] early 1 exit header depth 2`
			if x == 0 {
				continue outer
			}
			t += x
		}
	}
	return t
}

// A goto loop is counted from the comparison that leaves it.
func gotoCounted(n int) (t int) {
	i := 0
loop: // want `int\(n\) expr n early 0 exit header depth 1`
	if i >= n {
		return t
	}
	t += i
	i++
	goto loop
}

// A test in the body that could also count the loop does not displace
// the statement's own test.
func ownTestFirst(xs []int) (t int) {
	for i := 0; i < len(xs); i++ { // want `len\(xs\) expr xs early 1 exit header depth 1`
		if i >= 100 {
			break
		}
		t += xs[i]
	}
	return t
}
