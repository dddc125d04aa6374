package directives

import "slices"

func suppressed(roles, allowed []string) (n int) {
	for _, r := range roles {
		//perfvet:ignore membership allowed holds at most three roles in practice
		if slices.Contains(allowed, r) {
			n++
		}
	}
	return n
}

func unused(roles []string) (n int) {
	//perfvet:ignore membership nothing to suppress here // want `unused perfvet:ignore directive: no membership finding on this line or the next; remove it`
	for range roles {
		n++
	}
	return n
}

func noReason(roles, allowed []string) (n int) {
	for _, r := range roles {
		/* want `perfvet:ignore directive needs a reason` */ //perfvet:ignore membership
		if slices.Contains(allowed, r) {                     // want `slices.Contains\(allowed, r\) scans allowed`
			n++
		}
	}
	return n
}
