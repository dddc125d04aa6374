package unnamed

// count's directive names no analyzer, and no analyzer finds anything
// there: unused.
func count(xs []int) (n int) {
	//perfvet:ignore nothing here is slow // want `unused perfvet:ignore directive: no finding on this line or the next; remove it`
	for range xs {
		n++
	}
	return n
}

// join's directive names no analyzer and suppresses concatloop's
// finding: used.
func join(parts []string) (s string) {
	for _, p := range parts {
		s += p //perfvet:ignore parts holds a handful of words
	}
	return s
}

// A directive with neither names nor a reason.
func bare(parts []string) (s string) {
	for _, p := range parts {
		/* want `perfvet:ignore directive needs a reason; it suppresses nothing without one` */ //perfvet:ignore
		s += p
	}
	return s
}
