package calls

import (
	"iter"
	"slices"
)

type User struct {
	ID    int
	Role  string
	Group *Group
}

type Group struct{ Name string }

func allowedUsers(users []User, allowed []string) (n int) {
	for _, u := range users {
		if slices.Contains(allowed, u.Role) { // want `slices.Contains\(allowed, u.Role\) scans allowed on every iteration of the loop over users \(O\(n·m\)\); build a map\[string\]struct\{\} from allowed once before the loop`
			n++
		}
	}
	return n
}

func positions(names, order []string) []int {
	var pos []int
	for i := 0; i < len(names); i++ {
		pos = append(pos, slices.Index(order, names[i])) // want `slices.Index\(order, names\[i\]\) scans order on every iteration of the for loop \(O\(n·m\)\); build a map\[string\]int from order once before the loop`
	}
	return pos
}

func byIDFunc(users []User, known []User) (n int) {
	for _, u := range users {
		if slices.ContainsFunc(known, func(k User) bool { return k.ID == u.ID }) { // want `slices.ContainsFunc\(known, ...\) scans known on every iteration of the loop over users \(O\(n·m\)\); build a map\[int\]struct\{\} from known keyed by ID once before the loop`
			n++
		}
	}
	return n
}

func indexFuncPointers(users []*User, known []*User) (out []int) {
	for _, u := range users {
		out = append(out, slices.IndexFunc(known, func(k *User) bool { return u.ID == k.ID })) // want `slices.IndexFunc\(known, ...\) scans known on every iteration of the loop over users \(O\(n·m\)\); build a map\[int\]int from known keyed by ID once before the loop`
	}
	return out
}

func wholeElementFunc(ids []int, known []int) (n int) {
	for _, id := range ids {
		if slices.ContainsFunc(known, func(k int) bool { return k == id }) { // want `slices.ContainsFunc\(known, ...\) scans known on every iteration`
			n++
		}
	}
	return n
}

// A type parameter constrained by comparable is fit to be a map key.
func Intersect[T comparable](a, b []T) (out []T) {
	for _, x := range a {
		if slices.Contains(b, x) { // want `slices.Contains\(b, x\) scans b on every iteration of the loop over a \(O\(n·m\)\); build a map\[T\]struct\{\} from b once before the loop`
			out = append(out, x)
		}
	}
	return out
}

type Policy struct {
	allowed []string
}

// A slice read through a pointer is unchanged when the loop writes
// neither the field nor anything the pointer is passed to.
func (p *Policy) Filter(users []User) (out []User) {
	for _, u := range users {
		if slices.Contains(p.allowed, u.Role) { // want `slices.Contains\(p.allowed, u.Role\) scans p.allowed on every iteration of the loop over users`
			out = append(out, u)
		}
	}
	return out
}

// The membership test sits in a loop with a small constant count, but
// that loop is itself repeated by a hot one: report the hot one.
func coldInsideHot(users []User, allowed []string) (n int) {
	for _, u := range users {
		for i := 0; i < 2; i++ {
			if slices.Contains(allowed, u.Role) { // want `scans allowed on every iteration of the loop over users`
				n += i
			}
		}
	}
	return n
}

// The innermost loop in which the searched value changes and the slice
// does not is the one named.
func nested(groups [][]User, allowed []string) (n int) {
	for _, g := range groups {
		for _, u := range g {
			if slices.Contains(allowed, u.Role) { // want `scans allowed on every iteration of the loop over g`
				n++
			}
		}
	}
	return n
}

// A loop in a function literal is a loop like any other.
func inClosure(allowed []string) func([]User) int {
	return func(users []User) (n int) {
		for _, u := range users {
			if slices.Contains(allowed, u.Role) { // want `slices.Contains\(allowed, u.Role\) scans allowed on every iteration of the loop over users`
				n++
			}
		}
		return n
	}
}

// The body of a range-over-func statement runs once per element.
func rangeFunc(seq iter.Seq[string], allowed []string) (n int) {
	for role := range seq {
		if slices.Contains(allowed, role) { // want `slices.Contains\(allowed, role\) scans allowed on every iteration of the loop over seq`
			n++
		}
	}
	return n
}

// Big enough: a literal of at least 8 elements, built once before the loop.
func bigLiteral(users []User) (n int) {
	roles := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	for _, u := range users {
		if slices.Contains(roles, u.Role) { // want `scans roles on every iteration`
			n++
		}
	}
	return n
}

var everyone = []string{"a", "b", "c"}

func init() {
	everyone = append(everyone, "d", "e", "f", "g", "h", "i")
}

// A package-level slice assigned again is not of constant length.
func reassignedGlobal(users []User) (n int) {
	for _, u := range users {
		if slices.Contains(everyone, u.Role) { // want `scans everyone on every iteration`
			n++
		}
	}
	return n
}

// Structs of comparable fields are map keys like any other.
type point struct{ x, y float64 }

func points(ps, seen []point) (n int) {
	for _, p := range ps {
		if slices.Contains(seen, p) { // want `build a map\[point\]struct\{\} from seen once before the loop`
			n++
		}
	}
	return n
}

// A composite literal built from the outer iteration's values changes
// with it.
func literalKey(ps []point, xs []float64) (n int) {
	for _, x := range xs {
		if slices.Contains(ps, point{x, 0}) { // want `slices.Contains\(ps, point\{…\}\) scans ps on every iteration of the loop over xs`
			n++
		}
	}
	return n
}

// A slice whose type is a type parameter: its element type is known
// through the constraint.
func typeParamSlice[S ~[]E, E comparable](xs S, vs []E) (n int) {
	for _, v := range vs {
		if slices.Contains(xs, v) { // want `slices.Contains\(xs, v\) scans xs on every iteration of the loop over vs \(O\(n·m\)\); build a map\[E\]struct\{\} from xs once before the loop`
			n++
		}
	}
	return n
}

// A function that returns a long literal, or one of its arguments, does
// not make the slice small.
func longNames() []string {
	return []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}
}

func orDefault(xs []string) []string {
	if len(xs) == 0 {
		return []string{"a"}
	}
	return xs
}

func fromFunctions(names, given []string) (n int) {
	long, some := longNames(), orDefault(given)
	for _, name := range names {
		if slices.Contains(long, name) { // want `scans long on every iteration`
			n++
		}
		if slices.Contains(some, name) { // want `scans some on every iteration`
			n++
		}
	}
	return n
}

// Variadic parameters whose callers are not all known to pass a few
// arguments.

func RunLimit(types []int, valid ...int) (n int) {
	for _, t := range types {
		if slices.Contains(valid, t) { // want `scans valid on every iteration`
			n++
		}
	}
	return n
}

func spread(types []int, valid ...int) (n int) {
	for _, t := range types {
		if slices.Contains(valid, t) { // want `scans valid on every iteration`
			n++
		}
	}
	return n
}

func many(types []int, valid ...int) (n int) {
	for _, t := range types {
		if slices.Contains(valid, t) { // want `scans valid on every iteration`
			n++
		}
	}
	return n
}

func asValue(types []int, valid ...int) (n int) {
	for _, t := range types {
		if slices.Contains(valid, t) { // want `scans valid on every iteration`
			n++
		}
	}
	return n
}

func variadicCallers(types, codes []int) int {
	f := asValue
	return spread(types, 1) + spread(types, codes...) +
		many(types, 1, 2, 3, 4, 5, 6, 7, 8, 9) + f(types, 1) + asValue(types, 2)
}

// A long constant string converted to a slice is a long slice, built
// again on every iteration.
func longConversion(s string) (n int) {
	for _, ch := range []byte(s) {
		if slices.Contains([]byte("abcdefghijklmnopqrstuvwxyz"), ch) { // want `scans \[\]byte\("abcdefghijklmnopqrstuvwxyz"\) on every iteration`
			n++
		}
	}
	return n
}

// An index only tested for -1 asks whether the value is there: a set
// answers that.
func indexAsFound(words, stop []string) (kept []string) {
	for _, w := range words {
		if slices.Index(stop, w) < 0 { // want `slices.Index\(stop, w\) scans stop on every iteration of the loop over words \(O\(n·m\)\); build a map\[string\]struct\{\} from stop once before the loop`
			kept = append(kept, w)
		}
	}
	return kept
}
