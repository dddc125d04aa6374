package funcs

import "strings"

var g []string

var h int

// Each function below holds a loop, so that its body is built.

func writesGlobal() { // want `writes g`
	for range 2 {
		g = append(g, "x")
	}
}

func writesOther() { // want `keeps g`
	for range 2 {
		h++
	}
}

func writesThroughCall() { // want `writes g`
	for range 2 {
		calleeAppends("x") // want `call writes g`
	}
}

func writesViaFuncValue(f func()) { // want `writes g`
	for range 2 {
		f()
	}
}

func calleeAppends(s string) { g = append(g, s) }

func calleeCounts() { h++ }

func calls() {
	for range 2 {
		calleeCounts() // want `call keeps g`
		_ = strings.ToUpper("x")
	}
}
