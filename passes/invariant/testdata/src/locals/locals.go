package locals

type user struct {
	id   int
	name string
}

func use(int) {}

func useUser(user) {}

// The inner range copies each element into a local user; the outer
// element's field must not look written by that copy.
func outerField(us, others []user) {
	for _, u := range us {
		for _, o := range others {
			use(u.id)  // want `plain varies, through locals invariant`
			use(o.id)  // want `plain varies, through locals varies`
			useUser(u) // want `plain varies, through locals invariant`
		}
	}
}

// A variable written again is not seen through.
func writtenTwice(us, others []user) {
	for _, u := range us {
		v := u
		for _, o := range others {
			use(v.id) // want `plain varies, through locals varies`
			v = o
		}
	}
}

// A field written through the variable's address is not seen through.
func fieldWritten(us, others []user) {
	for _, u := range us {
		for _, o := range others {
			use(u.id) // want `plain varies, through locals varies`
			u.id = o.id
		}
	}
}

// A captured variable may be written by the closure.
func captured(us, others []user) {
	for _, u := range us {
		inc := func() { u.id++ }
		for range others {
			inc()
			use(u.id) // want `plain varies, through locals varies`
		}
	}
}

// An escaping variable may be written through the pointer.
func escapes(us, others []user, sink func(*user)) {
	for _, u := range us {
		for range others {
			sink(&u)
			use(len(u.name)) // want `plain varies, through locals varies`
		}
	}
}

// The element a range-over-func body receives is a parameter of the
// body, yet it changes with every call.
func rangeFunc(seq func(func(user) bool), n []byte) {
	for u := range seq {
		use(u.id)   // want `plain varies, through locals varies`
		use(len(n)) // want `plain invariant, through locals invariant`
	}
}

func rangeFuncNested(seq func(func(user) bool), others []int) {
	for u := range seq {
		for range others {
			use(u.id) // want `plain invariant, through locals invariant`
		}
	}
}
