package grow

// Strings kept in memory that stays put while the loop runs.

type buf struct {
	out  string
	errs []string
}

func (b *buf) field(xs []string) {
	for _, x := range xs {
		b.out += x // want `b.out grows by \+= on every iteration of the loop over xs`
	}
}

func (b *buf) fieldAssign(xs []string) {
	for _, x := range xs {
		b.out = b.out + x + ";" // want `b.out grows by \+ on every iteration`
	}
}

type outer struct{ inner *buf }

func (o *outer) deep(xs []string) {
	for _, x := range xs {
		o.inner.out += x // want `o.inner.out grows by \+= on every iteration`
	}
}

var global string

func packageLevel(xs []string) {
	for _, x := range xs {
		global += x // want `global grows by \+= on every iteration`
	}
}

func captured(xs []string) string {
	s := ""
	add := func() { s += "!" }
	for _, x := range xs {
		s += x // want `s grows by \+= on every iteration`
	}
	add()
	return s
}

type counter struct{ n int }

func (c *counter) inc() { c.n++ }

// A call that writes only an int leaves the string growing.
func (b *buf) countedGrowth(xs []string, c *counter) {
	for _, x := range xs {
		b.out += x // want `b.out grows by \+= on every iteration`
		c.inc()
	}
}
