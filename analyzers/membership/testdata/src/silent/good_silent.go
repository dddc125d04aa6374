package silent

import (
	"bytes"
	"reflect"
	"slices"
	"sort"
	"strings"
)

type User struct {
	ID     int
	Role   string
	Active bool
	Tags   []string
	Meta   any
}

// A single test outside any loop.
func once(allowed []string, role string) bool {
	return slices.Contains(allowed, role)
}

// Small constant slices: scanning a handful of elements beats hashing.
var smallGlobal = []string{"admin", "owner", "editor"}

func smallSlices(users []User, admins [4]string, ids *[7]int) (n int) {
	roles := []string{"a", "b", "c", "d", "e", "f", "g"}
	var none []string
	for _, u := range users {
		if slices.Contains(roles, u.Role) || slices.Contains(roles[1:], u.Role) {
			n++
		}
		if slices.Contains(admins[:], u.Role) || slices.Contains(smallGlobal, u.Role) || slices.Contains(none, u.Role) {
			n++
		}
		for _, a := range admins {
			if a == u.Role {
				n++
				break
			}
		}
		for _, id := range ids {
			if id == u.ID {
				n++
				break
			}
		}
	}
	return n
}

// A same-package function that returns a small literal: the slice is as
// small as the literal.
func formatterNames() []string { return []string{"gofmt", "goimports", "gci", "gofumpt"} }

func smallResult(names []string) (kept []string) {
	formatters := formatterNames()
	for _, name := range names {
		if slices.Contains(formatters, name) {
			kept = append(kept, name)
		}
	}
	return kept
}

// A variadic parameter of an unexported function that every call fills
// with a few arguments is a short literal at each call.
func runLimit(types []int, from int, valid ...int) int {
loop:
	for ; from < len(types); from++ {
		for _, v := range valid {
			if types[from] == v {
				continue loop
			}
		}
		return from
	}
	return len(types)
}

func runLimits(types []int) int {
	return runLimit(types, 0, 1, 2) + runLimit(types, 1, 3) + runLimit(types, 2)
}

// A short constant string converted to a slice is a short slice.
func shortConversions(s string) (n int) {
	for _, ch := range []byte(s) {
		if slices.Contains([]byte("_-.*"), ch) {
			n++
		}
	}
	for _, r := range s {
		if slices.Contains([]rune("äöü"), r) {
			n++
		}
	}
	return n
}

// A literal rebuilt in every iteration is a constant set written inline;
// the remedy there is a switch, not a map built before the loop.
func literalInLoop(users []User) (n int) {
	for _, u := range users {
		if slices.Contains([]string{"a", "b", "c", "d", "e", "f", "g", "h", "i"}, u.Role) {
			n++
		}
	}
	return n
}

// Element types whose map keys could panic where == does not.
func notKeyable(items []any, known []any, errs []error, seen []error, users []User) (n int) {
	for _, it := range items {
		if slices.Contains(known, it) {
			n++
		}
	}
	for _, err := range errs {
		if slices.Contains(seen, err) {
			n++
		}
	}
	for _, u := range users {
		for _, k := range users {
			if k.Meta == u.Meta {
				n++
				break
			}
		}
	}
	return n
}

// Predicates that are not plain equality.
func notEquality(users []User, allowed []string, known []User) (n int) {
	for _, u := range users {
		if slices.ContainsFunc(allowed, func(a string) bool { return strings.EqualFold(a, u.Role) }) {
			n++
		}
		if slices.ContainsFunc(known, func(k User) bool { return k.ID < u.ID }) {
			n++
		}
		if slices.ContainsFunc(known, func(k User) bool { return k.ID == u.ID && k.Active }) {
			n++
		}
		if slices.ContainsFunc(known, func(k User) bool { return reflect.DeepEqual(k.Tags, u.Tags) }) {
			n++
		}
		if slices.ContainsFunc(known, isAdmin) {
			n++
		}
		if slices.ContainsFunc(known, func(k User) bool { n++; return k.ID == u.ID }) {
			n++
		}
	}
	return n
}

func isAdmin(u User) bool { return u.Role == "admin" }

// Hand-written searches that are not plain equality.
func handNotEquality(users, known []User, blobs, seen [][]byte) (n int) {
	for _, u := range users {
		for _, k := range known {
			if k.Active && k.ID == u.ID {
				n++
				break
			}
		}
		for _, k := range known {
			if !k.Active {
				continue
			}
			if k.ID == u.ID {
				n++
				break
			}
		}
		for _, k := range known {
			if k.ID == u.ID && k.Role == u.Role {
				n++
				break
			}
		}
	}
	for _, b := range blobs {
		for _, s := range seen {
			if bytes.Equal(b, s) {
				n++
				break
			}
		}
	}
	return n
}

// The slice changes in the loop other than by appending the tested value.
func modified(users []User, allowed []string, extra string) (n int) {
	for _, u := range users {
		if slices.Contains(allowed, u.Role) {
			n++
		}
		allowed = append(allowed, extra)
	}
	for i, u := range users {
		if slices.Contains(allowed, u.Role) {
			n++
		}
		allowed[i%len(allowed)] = u.Role
	}
	for _, u := range users {
		if slices.Contains(allowed, u.Role) {
			n++
		}
		sort.Strings(allowed)
	}
	for _, u := range users {
		if slices.Contains(allowed, u.Role) {
			n++
		}
		allowed = allowed[:len(allowed)/2]
	}
	return n
}

// Appending something other than the tested value, or more than it.
func notDedup(in []string) (out, more []string) {
	for _, v := range in {
		if !slices.Contains(out, v) {
			out = append(out, strings.ToLower(v))
		}
	}
	for _, v := range in {
		if !slices.Contains(more, v) {
			more = append(more, v, v)
		}
	}
	return out, more
}

// The keys of pointer elements change in the loop.
func pointeesChange(users []*User, known []*User) (n int) {
	for _, u := range users {
		if slices.ContainsFunc(known, func(k *User) bool { return k.ID == u.ID }) {
			n++
		}
		u.ID++
	}
	return n
}

// Sorted searches are already logarithmic.
func sorted(users []User, allowed []string, ids []int) (n int) {
	for _, u := range users {
		if i := sort.SearchStrings(allowed, u.Role); i < len(allowed) && allowed[i] == u.Role {
			n++
		}
		if _, ok := slices.BinarySearch(allowed, u.Role); ok {
			n++
		}
		if _, ok := slices.BinarySearchFunc(ids, u.ID, func(a, b int) int { return a - b }); ok {
			n++
		}
		if i := sort.Search(len(ids), func(i int) bool { return ids[i] >= u.ID }); i < len(ids) && ids[i] == u.ID {
			n++
		}
		if binarySearch(ids, u.ID) {
			n++
		}
	}
	return n
}

func binarySearch(xs []int, v int) bool {
	lo, hi := 0, len(xs)
	for lo < hi {
		mid := (lo + hi) / 2
		if xs[mid] == v {
			return true
		}
		if xs[mid] < v {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return false
}

func binarySearchCaller(users []User, ids []int) (n int) {
	for _, u := range users {
		lo, hi := 0, len(ids)
		for lo < hi {
			mid := (lo + hi) / 2
			if ids[mid] == u.ID {
				n++
				break
			}
			if ids[mid] < u.ID {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
	}
	return n
}

// Cold loops: a constant trip count below the threshold.
func cold(users [4]User, allowed []string, known []int) (n int) {
	for _, u := range users {
		if slices.Contains(allowed, u.Role) {
			n++
		}
	}
	for i := 0; i < 3; i++ {
		for _, k := range known {
			if k == i {
				n++
				break
			}
		}
	}
	return n
}

// The searched value does not change in the loop: the search itself
// could move out of it, no set is needed.
func invariantSearch(users []User, allowed []string, role string) (n int) {
	for _, u := range users {
		if slices.Contains(allowed, "admin") && u.Active {
			n++
		}
		for _, a := range allowed {
			if a == role {
				n++
				break
			}
		}
	}
	return n
}

// A test in a function literal created in the loop: when and how often
// it runs is not known.
func inFuncLit(users []User, allowed []string, visit func(func() bool)) {
	for _, u := range users {
		visit(func() bool { return slices.Contains(allowed, u.Role) })
	}
}

// A join that collects every match is not a membership test.
func joinAll(users, known []User) (pairs [][2]User) {
	for _, u := range users {
		for _, k := range known {
			if k.ID == u.ID {
				pairs = append(pairs, [2]User{u, k})
			}
		}
	}
	return pairs
}

// An inner loop that does more than search.
func searchAndSum(users, known []User) (n, sum int) {
	for _, u := range users {
		for _, k := range known {
			sum += k.ID
			if k.ID == u.ID {
				n++
				break
			}
		}
	}
	return n, sum
}

// An inner loop bounded by something other than the slice's length.
func partial(users []User, ids []int, limit int) (n int) {
	for _, u := range users {
		for i := 0; i < limit; i++ {
			if ids[i] == u.ID {
				n++
				break
			}
		}
	}
	return n
}

// Searches over strings and maps are not slice membership.
func otherCollections(words []string, letters string, byName map[string]int, ids []int) (n int) {
	for _, w := range words {
		for _, r := range letters {
			if string(r) == w {
				n++
				break
			}
		}
	}
	for _, id := range ids {
		for _, v := range byName {
			if v == id {
				n++
				break
			}
		}
	}
	return n
}

type Server struct {
	allowed []string
}

// Another goroutine may change the slice between iterations of a loop
// that synchronises with it.
func (s *Server) serve(requests chan string) (n int) {
	for r := range requests {
		if slices.Contains(s.allowed, r) {
			n++
		}
	}
	return n
}

// A loop that runs its body at most once.
func first(users []User, allowed []string) bool {
	for _, u := range users {
		return slices.Contains(allowed, u.Role)
	}
	return false
}

// An outer loop over a short composite literal is as cold as a loop with
// a small constant count.
func smallOuter(imports []string) (missing []string) {
	want := []string{"bytes", "os", "path/filepath", "strings"}
wantLoop:
	for _, w := range want {
		for _, imp := range imports {
			if imp == w {
				continue wantLoop
			}
		}
		missing = append(missing, w)
	}
	for _, w := range []string{"fmt", "io"} {
		if !slices.Contains(imports, w) {
			missing = append(missing, w)
		}
	}
	return missing
}

type Large [64]byte

// A composite literal of constants is the same value on every
// iteration, though it is built anew each time.
func constantLiteral(ss []Large, n int) (c int) {
	for i := 0; i < n; i++ {
		c += slices.Index(ss, Large{1})
	}
	return c
}
