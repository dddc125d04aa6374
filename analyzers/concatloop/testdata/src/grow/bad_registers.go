package grow

import (
	"fmt"
	"iter"
)

// Strings carried in registers (SSA phis) across iterations.

func plusAssignNamedResult(xs []string) (out string) {
	for _, x := range xs {
		out += x // want `out grows by \+= on every iteration of the loop over xs, copying the whole string each time \(O\(n²\) bytes\); build it with a strings.Builder`
	}
	return out
}

func assignPlus(xs []string) (s string) {
	for _, x := range xs {
		s = s + x // want `s grows by \+ on every iteration of the loop over xs`
	}
	return
}

func prepend(xs []string) (s string) {
	for _, x := range xs {
		s = x + s // want `s grows by \+ on every iteration`
	}
	return
}

func chain(xs []string) (s string) {
	for i, x := range xs {
		s += x + fmt.Sprint(i) + "," // want `s grows by \+= on every iteration`
	}
	return
}

func chainLeft(xs []string) (s string) {
	for _, x := range xs {
		s = s + x + "," // want `s grows by \+ on every iteration`
	}
	return
}

func sprintf(n int) (s string) {
	for i := 0; i < n; i++ {
		s = fmt.Sprintf("%s%d,", s, i) // want `s is rebuilt by fmt.Sprintf from itself on every iteration of the for loop, copying the whole string each time \(O\(n²\) bytes\); write to a strings.Builder with fmt.Fprint instead`
	}
	return
}

func sprint(xs []int) (s string) {
	for _, x := range xs {
		s = fmt.Sprint(s, x) // want `s is rebuilt by fmt.Sprint from itself`
	}
	return
}

func conditional(xs []string) (s string) {
	for _, x := range xs {
		if x != "" {
			s += x // want `s grows by \+= on every iteration`
		}
	}
	return
}

func nested(rows [][]string) (s string) {
	for _, row := range rows {
		for _, c := range row {
			s += c // want `s grows by \+= on every iteration of the loop over row`
		}
	}
	return
}

func coldInsideHot(rows [][3]string) (s string) {
	for _, row := range rows {
		for _, c := range row {
			s += c // want `s grows by \+= on every iteration of the loop over rows`
		}
	}
	return
}

func infinite(next func() (string, bool)) (s string) {
	for {
		x, ok := next()
		if !ok {
			return s
		}
		s += x // want `s grows by \+= on every iteration of the for loop`
	}
}

func withGoto(xs []string) (s string) {
	i := 0
again:
	if i < len(xs) {
		s += xs[i] // want `s grows by \+= on every iteration of the goto loop at label again`
		i++
		goto again
	}
	return
}

func labelled(rows [][]string) (s string) {
outer:
	for _, row := range rows {
		for _, c := range row {
			if c == "" {
				continue outer
			}
			s += c // want `s grows by \+= on every iteration`
		}
	}
	return
}

func rangeInt(n int) (s string) {
	for i := range n {
		s += fmt.Sprint(i) // want `s grows by \+= on every iteration of the loop over n`
	}
	return
}

func generic[T fmt.Stringer](xs []T) (s string) {
	for _, x := range xs {
		s += x.String() // want `s grows by \+= on every iteration`
	}
	return
}

type name string

func namedStringType(xs []name) (s name) {
	for _, x := range xs {
		s += x // want `s grows by \+= on every iteration`
	}
	return
}

func inClosure(xs []string) func() string {
	return func() (s string) {
		for _, x := range xs {
			s += x // want `s grows by \+= on every iteration`
		}
		return
	}
}

func overFunc(seq iter.Seq[string]) (s string) {
	for x := range seq {
		s += x // want `s grows by \+= on every iteration of the loop over seq`
	}
	return
}

func multiAssign(xs []string) (n int, t string) {
	for _, x := range xs {
		n, t = n+1, t+x // want `t grows by \+ on every iteration`
	}
	return
}
