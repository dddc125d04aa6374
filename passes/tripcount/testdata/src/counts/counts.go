package counts

import (
	"bufio"
	"iter"
)

type T struct{ items []int }

func ranges(xs []int, arr [4]int, parr *[16]int, m map[string]int, s string, n int, ch chan int, seq iter.Seq[int]) (t int) {
	for _, x := range xs { // want `trip len\(xs\) hot`
		t += x
	}
	for _, x := range arr { // want `trip const\(4\) cold`
		t += x
	}
	for _, x := range parr { // want `trip const\(16\) hot`
		t += x
	}
	for k := range m { // want `trip len\(m\) hot`
		t += len(k)
	}
	for _, r := range s { // want `trip len\(s\) bound hot`
		t += int(r)
	}
	for i := range n { // want `trip int\(n\) hot`
		t += i
	}
	for i := range 3 { // want `trip const\(3\) cold`
		t += i
	}
	for i := range 100 { // want `trip const\(100\) hot`
		t += i
	}
	for v := range ch { // want `trip unknown hot`
		t += v
	}
	for v := range seq { // want `trip unknown hot`
		t += v
	}
	return t
}

func counted(xs []int, n, lo int, p *T) (t int) {
	for i := 0; i < len(xs); i++ { // want `trip len\(xs\) hot`
		t += xs[i]
	}
	for i := 0; i < n; i++ { // want `trip int\(n\) hot`
		t += i
	}
	for i := 0; i < 5; i++ { // want `trip const\(5\) cold`
		t += i
	}
	for i := 2; i <= 10; i += 2 { // want `trip const\(5\) cold`
		t += i
	}
	for i := 0; i < 64; i++ { // want `trip const\(64\) hot`
		t += i
	}
	for i := lo; i < n; i++ { // want `trip int\(n\) bound hot`
		t += i
	}
	for i := len(xs) - 1; i >= 0; i-- { // want `trip len\(xs\) hot`
		t += xs[i]
	}
	for i := n; i > 0; i-- { // want `trip int\(n\) hot`
		t += i
	}
	for i := 0; i < len(p.items); i++ { // want `trip len\(p.items\) hot`
		t += p.items[i]
	}
	return t
}

func notCounted(xs []int, n int, sc *bufio.Scanner, p *T) (t int) {
	for { // want `trip unknown hot`
		if xs[t%len(xs)] > n {
			break
		}
		t++
	}
	for { // want `trip int\(n\) bound hot`
		if t > n {
			break
		}
		t++
	}
	for sc.Scan() { // want `trip unknown hot`
		t++
	}
	for i := 0; i < n; i++ { // want `trip unknown hot`
		n--
	}
	for i := 0; i < len(xs); i++ { // want `trip unknown hot`
		xs = append(xs, i)
	}
	for i := 0; i < len(p.items); i++ { // want `trip unknown hot`
		p.items = p.items[1:]
	}
	for i := 0; i < n; i++ { // want `trip unknown hot`
		i += t
	}
	return t
}

func gotoCounted(n int) (t int) {
	i := 0
loop: // want `trip int\(n\) hot`
	if i < n {
		t += i
		i++
		goto loop
	}
	return t
}
