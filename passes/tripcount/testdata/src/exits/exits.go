package exits

import (
	"iter"
	"log"
)

func plain(xs []int, m map[string]int, s string, n int) (t int) {
	for _, x := range xs { // want `len\(xs\) expr xs early 0 exit header`
		t += x
	}
	for k := range m { // want `len\(m\) expr m early 0 exit header`
		t += len(k)
	}
	for _, r := range s { // want `len\(s\) expr s early 0 exit header`
		t += int(r)
	}
	for i := range n { // want `int\(n\) expr n early 0 exit header`
		t += i
	}
	for i := 0; i < n; i++ { // want `int\(n\) expr n early 0 exit header`
		if i == 3 {
			continue
		}
		t += i
	}
	return t
}

func exitsEarly(xs []int, n int) (t int) {
	for _, x := range xs { // want `len\(xs\) expr xs early 1 exit header`
		if x < 0 {
			break
		}
		t += x
	}
	for _, x := range xs { // want `len\(xs\) expr xs early 1 exit header`
		if x < 0 {
			return -1
		}
		t += x
	}
	for i := 0; i < n; i++ { // want `int\(n\) expr n early 1 exit header`
		if i == t {
			goto out
		}
		t++
	}
out:
	return t
}

func panicsAside(xs []int) (t int) {
	for _, x := range xs { // want `len\(xs\) expr xs early 0 exit header`
		if x < 0 {
			panic("negative")
		}
		if x > 100 {
			log.Fatalf("too big: %d", x)
		}
		t += x
	}
	return t
}

func labelled(rows, cols []int) (t int) {
outer:
	for _, r := range rows { // want `len\(rows\) expr rows early 0 exit header`
		for _, c := range cols { // want `len\(cols\) expr cols early 1 exit header`
			if c == r {
				continue outer
			}
			t += c
		}
	}
search:
	for _, r := range rows { // want `len\(rows\) expr rows early 1 exit header`
		for _, c := range cols { // want `len\(cols\) expr cols early 1 exit header`
			if c == r {
				break search
			}
		}
	}
	return t
}

func gotoLoops(xs []int, n int) (t int) {
	i := 0
loop: // want `int\(n\) expr n early 0 exit header`
	if i < n {
		t += i
		i++
		goto loop
	}
	j := 0
again: // want `len\(xs\) expr xs early 0 exit header`
	if j < len(xs) {
		t += xs[j]
		j++
		goto again
	}
	return t
}

func unknown(ch chan int, seq iter.Seq[int]) (t int) {
	for v := range ch { // want `unknown expr none early 1 exit none`
		t += v
	}
	for v := range seq { // want `unknown expr none early 0 exit none`
		t += v
	}
	for { // want `unknown expr none early 1 exit none`
		if t > 10 {
			break
		}
		t++
	}
	return t
}

// A single-block loop: its header is also its latch and the exit test.
func bottomTested(xs []int, n int) (t int) {
	i := 0
body: // want `int\(n\) expr n early 0 exit header`
	t += i
	i++
	if i < n {
		goto body
	}
	return t
}
