// Package oldgo is a module whose go version, 1.20, has neither the
// slices package nor the builtin max: messages suggest make alone, and
// say to clamp a count that may be negative.
package oldgo

func counted(n int) []int {
	var sq []int
	for i := 0; i < n; i++ {
		sq = append(sq, i*i) // want `create it with make\(\[\]int, 0, n\) if an empty result need not be nil, first clamping a negative count at 0 \(make panics on it\)$`
	}
	return sq
}

func ranged(xs []string) []string {
	var out []string
	for _, x := range xs {
		out = append(out, x) // want `create it with make\(\[\]string, 0, len\(xs\)\) if an empty result need not be nil$`
	}
	return out
}

func filled(n int) map[int]bool {
	seen := map[int]bool{}
	for i := 0; i < n; i++ {
		seen[i] = true // want `create it with make\(map\[int\]bool, n\), first clamping a negative count at 0 \(make panics on it\)$`
	}
	return seen
}
