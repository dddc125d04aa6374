package malformed

// A //perfvet: comment with a keyword perfvet does not know suppresses
// nothing, and is reported so the typo is fixed.
func join(parts []string) (s string) {
	for _, p := range parts {
		/* want `perfvet:ignore-line is not a perfvet directive \(perfvet:ignore or perfvet:file-ignore\); it suppresses nothing as written` */ //perfvet:ignore-line concatloop parts is short
		s += p
	}
	return s
}

// A comment that only mentions a directive is not one.
// perfvet:ignore concatloop is written without a blank after the slashes.
func Double(x int) int { return 2 * x }
