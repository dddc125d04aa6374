package writes

import (
	"slices"
	"strings"

	"writes/other"
)

// Each loop below searches a list that the loop itself grows, through a
// call: a set built once before the loop would miss the new names.

type H struct {
	list  []string
	sizes []int
}

// add appends to the slice l points to.
func add(l *[]string, k string) { *l = append(*l, k) }

// The loop passes &h.list to a function that appends to *l.
func (h *H) growsThroughPointer(keys []string) (n int) {
	for _, k := range keys {
		if slices.Contains(h.list, k) {
			n++
		}
		add(&h.list, strings.ToUpper(k))
	}
	return n
}

// The loop calls a function value, which may append to h.list.
func (h *H) each(keys []string, f func(string)) (n int) {
	for _, k := range keys {
		if slices.Contains(h.list, k) {
			n++
		}
		f(k)
	}
	return n
}

// The function value each calls is a closure appending to h.list.
func (h *H) eachAppends(keys []string) int {
	return h.each(keys, func(s string) { h.list = append(h.list, s+"!") })
}

type registry struct{ list []string }

var reg registry

// register appends to the package-level reg.list.
func register(k string) { reg.list = append(reg.list, k) }

// enroll registers through one more call.
func enroll(k string) { register(k) }

// The loop calls a function of this package that appends to reg.list.
func registersOneLevel(keys []string) (n int) {
	for _, k := range keys {
		if slices.Contains(reg.list, k) {
			n++
		}
		register(k + "!")
	}
	return n
}

// The loop calls a helper that calls that function: two levels down.
func registersTwoLevels(keys []string) (n int) {
	for _, k := range keys {
		if slices.Contains(reg.list, k) {
			n++
		}
		enroll(k + "!")
	}
	return n
}

// The loop calls a function of another package that appends to that
// package's list, the one searched.
func registersElsewhere(keys []string) (n int) {
	for _, k := range keys {
		if slices.Contains(other.Reg.List, k) {
			n++
		}
		other.Register(k + "!")
	}
	return n
}

// Generic code stores a T through p; T may be H itself, so *p = v may
// replace h.list.
func storeGeneric[T any](h *H, p *T, v T, keys []string) (n int) {
	for _, k := range keys {
		if slices.Contains(h.list, k) {
			n++
		}
		*p = v
	}
	return n
}
