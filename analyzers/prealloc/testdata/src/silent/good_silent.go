package silent

import (
	"bufio"
	"fmt"
	"iter"
	"strings"
)

type User struct {
	Name   string
	Active bool
}

// Appends under a condition: a filter. Reported only with -conditional.
func filter(users []User) []string {
	var names []string
	for _, u := range users {
		if u.Active {
			names = append(names, u.Name)
		}
	}
	return names
}

func continueBeforeAppend(xs []int) []int {
	var out []int
	for _, x := range xs {
		if x < 0 {
			continue
		}
		out = append(out, x)
	}
	return out
}

func appendsZeroOrTwo(xs []int) []int {
	out := []int{}
	for _, x := range xs {
		if x > 0 {
			out = append(out, x, x)
		}
	}
	return out
}

func filterMap(users []User) map[string]bool {
	active := map[string]bool{}
	for _, u := range users {
		if u.Active {
			active[u.Name] = true
		}
	}
	return active
}

// Loops that can stop early.
func breaks(xs []int) []int {
	var out []int
	for _, x := range xs {
		if x == 0 {
			break
		}
		out = append(out, x)
	}
	return out
}

func returns(xs []int) ([]int, error) {
	var out []int
	for _, x := range xs {
		if x < 0 {
			return nil, fmt.Errorf("negative: %d", x)
		}
		out = append(out, x)
	}
	return out, nil
}

func gotoOut(xs []int) []int {
	var out []int
	for _, x := range xs {
		if x < 0 {
			goto done
		}
		out = append(out, x)
	}
done:
	return out
}

func mapBreaks(xs []string) map[string]int {
	m := make(map[string]int)
	for i, x := range xs {
		if x == "" {
			break
		}
		m[x] = i
	}
	return m
}

// Loops whose count is unknown.
func channel(ch <-chan int) []int {
	var out []int
	for v := range ch {
		out = append(out, v)
	}
	return out
}

func iterator(seq iter.Seq[string]) []string {
	var out []string
	for v := range seq {
		out = append(out, v)
	}
	return out
}

func infinite(next func() (int, bool)) []int {
	var out []int
	for {
		v, ok := next()
		if !ok {
			return out
		}
		out = append(out, v)
	}
}

func scanner(sc *bufio.Scanner) []string {
	var lines []string
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines
}

func boundChanges(xs []int) []int {
	var out []int
	for i := 0; i < len(xs); i++ {
		out = append(out, xs[i])
		xs = xs[1:]
	}
	return out
}

// Counts that are only bounds.
func startsAboveZero(lo, n int) []int {
	var out []int
	for i := lo; i < n; i++ {
		out = append(out, i)
	}
	return out
}

func inclusive(n int) []int {
	var out []int
	for i := 0; i <= n; i++ {
		out = append(out, i)
	}
	return out
}

// A range over a string runs once per rune: len(s) only bounds it.
// Reported only with -conditional.
func runes(s string) []rune {
	var rs []rune
	for _, r := range s {
		rs = append(rs, r)
	}
	return rs
}

// Capacity already there.
func hasCapacity(users []User) []string {
	names := make([]string, 0, len(users))
	for _, u := range users {
		names = append(names, u.Name)
	}
	return names
}

func hasLength(users []User) []string {
	names := make([]string, len(users))
	for i, u := range users {
		names[i] = u.Name
	}
	return names
}

func mapHasHint(users []User) map[string]User {
	m := make(map[string]User, len(users))
	for _, u := range users {
		m[u.Name] = u
	}
	return m
}

// An explicit size hint of 0 is a choice, often made to measure how the
// map grows: only a map made with no hint at all is reported.
func mapHintZero(users []User) map[string]User {
	m := make(map[string]User, 0)
	for _, u := range users {
		m[u.Name] = u
	}
	return m
}

func parameter(out []string, users []User) []string {
	for _, u := range users {
		out = append(out, u.Name)
	}
	return out
}

func field(dst *struct{ names []string }, users []User) {
	for _, u := range users {
		dst.names = append(dst.names, u.Name)
	}
}

func literalWithElements(users []User) []string {
	names := []string{"header"}
	for _, u := range users {
		names = append(names, u.Name)
	}
	return names
}

// Reassigned in the loop other than by the append.
func truncated(rows [][]string, emit func([]string)) {
	var buf []string
	for _, r := range rows {
		buf = buf[:0]
		buf = append(buf, r[0])
		emit(buf)
	}
}

func resetInLoop(xs []int) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x)
		if len(out) > 10 {
			out = nil
		}
	}
	return out
}

func swapped(xs []int, other []int) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x)
		out, other = other, out
	}
	return out
}

// Touched between the declaration and the loop.
func readBefore(users []User) []string {
	var names []string
	fmt.Println(len(names))
	for _, u := range users {
		names = append(names, u.Name)
	}
	return names
}

func appendedBefore(users []User) []string {
	var names []string
	names = append(names, "header")
	for _, u := range users {
		names = append(names, u.Name)
	}
	return names
}

func passedBefore(users []User, register func(*[]string)) []string {
	var names []string
	register(&names)
	for _, u := range users {
		names = append(names, u.Name)
	}
	return names
}

func mapPassedBefore(users []User, register func(map[string]bool)) map[string]bool {
	seen := map[string]bool{}
	register(seen)
	for _, u := range users {
		seen[u.Name] = true
	}
	return seen
}

// The map is read in the loop: counting, deduplication.
func counts(words []string) map[string]int {
	n := map[string]int{}
	for _, w := range words {
		n[w]++
	}
	return n
}

func firstIndex(words []string) map[string]int {
	idx := map[string]int{}
	for i, w := range words {
		if _, ok := idx[w]; !ok {
			idx[w] = i
		}
	}
	return idx
}

func interning(words []string) map[string]int {
	ids := make(map[string]int)
	for _, w := range words {
		ids[w] = len(ids)
	}
	return ids
}

// Cold loops: a constant count below the threshold.
func cold() []int {
	var out []int
	for i := 0; i < 4; i++ {
		out = append(out, i)
	}
	return out
}

func constantCount() []int {
	var out []int
	for i := 0; i < 100; i++ {
		out = append(out, i)
	}
	return out
}

// Range over a function: an iterator of unknown length.
func rangeFunc(users []User) []string {
	var names []string
	for u := range func(yield func(User) bool) {
		for _, u := range users {
			if !yield(u) {
				return
			}
		}
	} {
		names = append(names, u.Name)
	}
	return names
}

// A goto loop whose count is unknown.
func gotoUnknown(r *strings.Reader) []byte {
	var out []byte
again:
	b, err := r.ReadByte()
	if err == nil {
		out = append(out, b)
		goto again
	}
	return out
}

// Appending a slice of unknown length each time.
func flatten(rows [][]int) []int {
	var out []int
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

// A closure that writes the variable may run during the loop.
func closureWrites(xs []int) []int {
	var out []int
	add := func(x int) { out = append(out, x) }
	for _, x := range xs {
		add(x)
	}
	return out
}

// The variable is captured by a closure created before the loop that
// may write it.
func closureBefore(xs []int, run func(func())) []int {
	var out []int
	reset := func() { out = nil }
	for _, x := range xs {
		out = append(out, x)
		run(reset)
	}
	return out
}

// A variable declared outside a loop that runs the filling loop again
// and again: it accumulates, and the total is not a product.
func accumulates(groups [][]int) []int {
	var all []int
	for _, g := range groups {
		for _, x := range g {
			all = append(all, x)
		}
	}
	return all
}

// The append result goes to another variable.
func copies(xs []int, emit func([]int)) {
	var cur []int
	for _, x := range xs {
		next := append(cur, x)
		emit(next)
	}
}

// A loop over a slice literal has a constant count.
func overLiteral(suffix string) []string {
	var out []string
	for _, s := range []string{"a", "b", "c"} {
		out = append(out, s+suffix)
	}
	return out
}

func overLocalLiteral(suffix string) []string {
	var out []string
	names := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"}
	for _, s := range names {
		out = append(out, s+suffix)
	}
	return out
}
