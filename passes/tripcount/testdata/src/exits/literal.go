package exits

// A slice literal has a constant length.
func literals(extra string) (t int) {
	for _, s := range []string{"a", "b", extra} { // want `const\(3\) expr none early 0 exit header`
		t += len(s)
	}
	names := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"}
	for i := 0; i < len(names); i++ { // want `const\(9\) expr none early 0 exit header`
		t += len(names[i])
	}
	// Part of a literal cut with constant bounds has a constant length.
	for _, s := range []string{"a", "b", "c"}[1:] { // want `const\(2\) expr none early 0 exit header`
		t += len(s)
	}
	return t
}

// A slice of unknown origin keeps its len count.
func notLiterals(xs []string) (t int) {
	for _, s := range xs { // want `len\(xs\) expr xs early 0 exit header`
		t += len(s)
	}
	return t
}

func formatters() []string { return []string{"gofmt", "goimports", "gci"} }

func pick(all bool) []string {
	if all {
		return []string{"a", "b"}
	}
	return []string{"c", "d"}
}

func uneven(all bool) []string {
	if all {
		return []string{"a", "b", "c"}
	}
	return []string{"c"}
}

// A same-package function that always returns a literal of the same
// length has a constant-length result; one whose literals differ does
// not.
func returnedLiterals(all bool) (t int) {
	for _, s := range formatters() { // want `const\(3\) expr none early 0 exit header`
		t += len(s)
	}
	for _, s := range pick(all) { // want `const\(2\) expr none early 0 exit header`
		t += len(s)
	}
	for _, s := range uneven(all) { // want `len\(uneven\(all\)\) expr uneven\(all\) early 0 exit header`
		t += len(s)
	}
	return t
}
