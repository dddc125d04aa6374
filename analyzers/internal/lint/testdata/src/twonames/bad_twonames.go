package twonames

// join's directive names two analyzers and gives no reason: one finding,
// not one per analyzer it names.
func join(parts []string) (s string) {
	for _, p := range parts {
		/* want `perfvet:ignore directive needs a reason after the analyzer names; it suppresses nothing without one` */ //perfvet:ignore concatloop prealloc
		s += p
	}
	return s
}

// count's directive names two analyzers, neither of which finds
// anything: unused, said once.
func count(xs []int) (n int) {
	//perfvet:ignore concatloop prealloc nothing grows here // want `unused perfvet:ignore directive: no concatloop or prealloc finding on this line or the next; remove it`
	for range xs {
		n++
	}
	return n
}

// keep's directive names two analyzers; one of them has a finding, so
// it is used.
func keep(parts []string) (s string) {
	for _, p := range parts {
		//perfvet:ignore concatloop prealloc parts holds a handful of words
		s += p
	}
	return s
}
