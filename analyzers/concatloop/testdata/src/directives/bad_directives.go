package directives

func unused(names []string) (n int) {
	//perfvet:ignore concatloop nothing to suppress here // want `unused perfvet:ignore directive: no concatloop finding on this line or the next; remove it`
	for range names {
		n++
	}
	return
}

func noReason(names []string) (s string) {
	for _, name := range names {
		/* want `perfvet:ignore directive needs a reason` */ //perfvet:ignore concatloop
		s += name                                            // want `s grows by \+= on every iteration`
	}
	return
}

func misspelt(names []string) (s string) {
	for _, name := range names {
		/* want `perfvet:ignore directive names no analyzer concatlop; did you mean concatloop\? it suppresses nothing as written` */ //perfvet:ignore concatlop small input
		s += name                                                                                                                     // want `s grows by \+= on every iteration`
	}
	return
}
