package fix

import (
	"fmt"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

type User struct {
	Name, Team string
}

func countTeam(users []User, team string) (n int) {
	for _, u := range users {
		if strings.ToLower(u.Team) == strings.ToLower(team) { // want `strings.ToLower\(team\) gets the same arguments on every iteration of the loop over users and copies the string to lower-case it \(allocating when it changes\) each time; call it once before the loop`
			n++
		}
	}
	return n
}

// The Split result is only indexed and ranged over: one slice serves
// every iteration.
func fieldIndex(rows []string, header, sep string) (t int) {
	for _, row := range rows {
		cols := strings.Split(header, sep) // want `strings.Split\(header, sep\) gets the same arguments`
		for j := range cols {
			if cols[j] == row {
				t += j
			}
		}
	}
	return t
}

func labels(xs []int, prefix string, id int) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		out = append(out, fmt.Sprintf("%s-%d", prefix, id)+strconv.Itoa(x)) // want `fmt.Sprintf\("%s-%d", prefix, id\) gets the same arguments`
	}
	return out
}

func paths(names []string, dir, sub string) (t int) {
	for _, n := range names {
		t += len(filepath.Join(dir, sub)) + len(n) // want `filepath.Join\(dir, sub\) gets the same arguments`
	}
	for _, n := range names {
		t += len(path.Join(dir, sub, n))
	}
	return t
}

func itoa(xs []int, base int) (t int) {
	for i := 0; i < len(xs); i++ {
		t += len(strconv.Itoa(base)) * xs[i] // want `strconv.Itoa\(base\) gets the same arguments`
	}
	return t
}

func runeCount(xs []int, s string) (t int) {
	for _, x := range xs {
		t += len([]rune(s)) + x // want `\[\]rune\(s\) gets the same arguments`
	}
	return t
}

func replace(lines []string, from, to string) (out []string) {
	for _, line := range lines {
		r := strings.NewReplacer(from, to) // want `strings.NewReplacer\(from, to\) gets the same arguments`
		out = append(out, r.Replace(line))
	}
	return out
}

func rule(lines []string, mark string) (out []string) {
	for _, line := range lines {
		out = append(out, line+strings.Repeat(mark, 10)) // want `strings.Repeat\(mark, 10\) gets the same arguments`
	}
	return out
}

// The inner loop's call is invariant in the outer loop too, and runs on
// every outer iteration: it is reported at the outer loop, where
// hoisting saves the most.
func grid(rows [][]string, key string) (n int) {
	for _, row := range rows {
		k := strings.TrimSpace(key) // want `strings.TrimSpace\(key\) gets the same arguments on every iteration of the loop over rows`
		for _, cell := range row {
			if cell == k {
				n++
			}
		}
	}
	return n
}

// Inside the inner loop only: the call depends on the outer element.
func nested(rows []User, xs []string) (n int) {
	for _, r := range rows {
		name := r.Name
		for _, x := range xs {
			if x == strings.ToUpper(name) { // want `strings.ToUpper\(name\) gets the same arguments on every iteration of the loop over xs`
				n++
			}
		}
	}
	return n
}

// The name the fix would pick is taken: it picks the next one.
func taken(xs []string, s string) (n int) {
	lower := 0
	for _, x := range xs {
		if x == strings.ToLower(s) { // want `strings.ToLower\(s\) gets the same arguments`
			lower++
		}
	}
	return n + lower
}

// A field of a struct value is read without following a pointer.
func valueField(xs []string, u User) (n int) {
	for _, x := range xs {
		if strings.HasPrefix(x, strings.ToLower(u.Name)) { // want `strings.ToLower\(u.Name\) gets the same arguments`
			n++
		}
	}
	return n
}

// The call is in the loop condition, which runs on every iteration.
func inCondition(s string, sep string) (n int) {
	for i := 0; i < len(strings.Split(s, sep)); i++ { // want `strings.Split\(s, sep\) gets the same arguments`
		n += i
	}
	return n
}

// A labelled loop: the local goes before the label.
func labelled(rows [][]string, key string) (n int) {
outer:
	for _, row := range rows {
		k := strings.ToLower(key) // want `strings.ToLower\(key\) gets the same arguments on every iteration of the loop over rows`
		for _, cell := range row {
			if cell == k {
				n++
				continue outer
			}
		}
	}
	return n
}
