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
			use(u.id)  // want `plain invariant, through locals invariant`
			use(o.id)  // want `plain varies, through locals varies`
			useUser(u) // want `plain invariant, through locals invariant`
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

type order struct {
	userID   int
	userName string
}

// The copy of each user into a local variable does not write the
// orders, though they hold fields of the same type.
func join(orders []order, users []user) {
	for i := range orders {
		for _, u := range users {
			use(orders[i].userID) // want `plain invariant, through locals invariant`
			use(u.id)             // want `plain varies, through locals varies`
		}
	}
}

// A store into the same local variable still counts.
func sameLocal(us []user, n int) {
	for _, u := range us {
		v := user{}
		for range n {
			use(v.id) // want `plain varies, through locals varies`
			v = u
		}
	}
}

type holder struct{ u *user }

// A store through a pointer held in a local variable writes what it
// points to, not the variable.
func throughLocalPointer(us []user, p *user) {
	for range us {
		h := holder{u: p}
		for range us {
			use(p.id) // want `plain varies, through locals varies`
			h.u.id++
		}
	}
}

type pair struct{ a, b int }

func usePair(pair) {}

// A composite literal rebuilt on every iteration from invariant values is
// the same value each time.
func literals(us []user, n int) {
	for i := range us {
		usePair(pair{1, n})    // want `plain varies, through locals invariant`
		usePair(pair{i, n})    // want `plain varies, through locals varies`
		use([4]int{1, 2}[n%4]) // want `plain varies, through locals invariant`
		use([4]int{1, 2}[i%4]) // want `plain varies, through locals varies`
	}
}
