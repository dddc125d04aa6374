package directives

import "regexp"

func suppressed(lines []string) (n int) {
	for _, line := range lines {
		//perfvet:ignore recompile runs on at most three lines, read once at start-up
		if regexp.MustCompile(`^a`).MatchString(line) {
			n++
		}
	}
	return n
}

func unused(lines []string) (n int) {
	//perfvet:ignore recompile nothing to suppress here // want `unused perfvet:ignore directive: no recompile finding on this line or the next; remove it`
	for range lines {
		n++
	}
	return n
}
