package counts

var keep = []string{"a", "b", "c"}

var workers = 4

func either(b bool) []string {
	if b {
		return []string{"a", "b"}
	}
	return keep
}

// A package-level literal never assigned again counts like the same
// literal declared locally, and so do re-slices with constant bounds.
func literalSizes(b bool, n int, xs []string) (t int) {
	for _, s := range keep { // want `trip const\(3\) cold`
		t += len(s)
	}
	local := []string{"a", "b", "c"}
	for _, s := range local { // want `trip const\(3\) cold`
		t += len(s)
	}
	for _, s := range keep[:2] { // want `trip const\(2\) cold`
		t += len(s)
	}
	for i := range workers { // want `trip const\(4\) cold`
		t += i
	}
	for _, s := range either(b) { // want `trip len\(either\(b\)\) cold`
		t += len(s)
	}
	for i := range min(n, 4) { // want `trip int\(min\(n, 4\)\) cold`
		t += i
	}
	for _, s := range xs[:n] { // want `trip len\(xs\[:n\]\) hot`
		t += len(s)
	}
	return t
}

// A counter stepped by a variable has no count.
func variableStep(n, step int) (t int) {
	for i := 0; i < n; i += step { // want `trip unknown hot`
		t += i
	}
	return t
}
