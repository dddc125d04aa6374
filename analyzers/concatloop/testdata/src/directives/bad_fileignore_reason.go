/* want `perfvet:file-ignore directive needs a reason after the analyzer names; it suppresses nothing without one` */ //perfvet:file-ignore concatloop

package directives

func joined(parts []string) (s string) {
	for _, p := range parts {
		s += p // want `s grows by \+= on every iteration`
	}
	return
}
