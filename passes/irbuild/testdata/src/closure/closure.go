package closure

import "strings"

// A chain of callees from a loop is built to its end, each callee being
// a call the analyzers can follow.

func root(xs []string) (n int) { // want `built`
	for _, x := range xs {
		n += first(x) // want `calls first: built`
	}
	return n
}

func first(x string) int { return second(x) + 1 } // want `built` `calls second: built`

func second(x string) int { return third(x) * 2 } // want `built` `calls third: built`

func third(x string) int { return len(strings.TrimSpace(x)) } // want `built` `calls strings.TrimSpace: foreign`

// unreached is called by no built body: it is out of scope.
func unreached(x string) int { return third(x) } // want `bodiless`

// A function passed as a value is built: a consumer may follow the value.
func apply(xs []string, f func(string) int) (n int) { // want `built`
	for _, x := range xs {
		n += f(x)
	}
	return n
}

func byValue(xs []string) int { // want `built`
	for range 2 {
		_ = apply(xs, valued) // want `calls apply: built`
	}
	return 0
}

func valued(x string) int { return len(x) } // want `built`

// A method of a generic type, called through an instance.
type box[T any] struct{ v T }

func (b *box[T]) get() T { return b.v } // want `built`

func generic(bs []*box[int]) (n int) { // want `built`
	for _, b := range bs {
		n += b.get() // want `calls \(\*box\[int\]\).get: built`
	}
	return n
}

// A holder: a field on whose value a built body calls a method. Every
// function mentioning it is built (the constructor sets what it holds);
// a function mentioning only another field is not.
type server struct {
	b    *strings.Builder
	name string
}

func newServer() *server { return &server{b: new(strings.Builder)} } // want `built`

func (s *server) rename(n string) { s.name = n } // want `bodiless`

func (s *server) write(xs []string) { // want `built`
	for _, x := range xs {
		s.b.WriteString(x) // want `calls \(\*strings.Builder\).WriteString: foreign`
	}
}

// An assembly function has no Go body: never built.
func asm(x int) int // want `bodiless`

func callsAsm(xs []int) (n int) { // want `built`
	for _, x := range xs {
		n += asm(x) // want `calls asm: foreign`
	}
	return n + unreachedLater() // want `calls unreachedLater: built`
}

func unreachedLater() int { return 0 } // want `built`
