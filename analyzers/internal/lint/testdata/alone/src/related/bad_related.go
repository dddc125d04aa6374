package related

// A directive on a line the finding's related information names (the
// finding is at the first +=, the second is "also extended here")
// suppresses the finding, and is used.
func join(parts []string) (s string) {
	for _, p := range parts {
		if p == "" {
			s += "-"
			continue
		}
		n := len(p)
		_ = n
		s += p //perfvet:ignore concatloop parts holds a handful of words
	}
	return s
}

// The loop is related information of every finding in it: a directive
// above the loop suppresses them.
func concat(parts []string) (s string) {
	//perfvet:ignore concatloop the loop runs over a handful of parts
	for _, p := range parts {
		s += p
	}
	return s
}

// Without a directive on any of its lines the finding is reported.
func plain(parts []string) (s string) {
	for _, p := range parts {
		s += p // want `s grows by \+= on every iteration`
	}
	return s
}
