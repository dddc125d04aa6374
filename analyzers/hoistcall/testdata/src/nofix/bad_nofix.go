package nofix

import (
	"encoding/json"
	"net/url"
	"path/filepath"
	"strings"
	"time"
)

// The one fixable case of this file, so that its golden file proves the
// others get no fix.
func fixable(xs []string, s string) (n int) {
	for _, x := range xs {
		if x == strings.TrimSpace(s) { // want `strings.TrimSpace\(s\) gets the same arguments`
			n++
		}
	}
	return n
}

// Functions that also return an error are reported without a fix.
func hosts(xs []string, raw string) (n int) {
	for _, x := range xs {
		u, err := url.Parse(raw) // want `url.Parse\(raw\) gets the same arguments on every iteration of the loop over xs and parses the URL and allocates a new one each time`
		if err != nil {
			continue
		}
		if u.Host == x || u.Hostname() == x {
			n++
		}
	}
	return n
}

func zones(ts []time.Time, name string) (out []string) {
	for _, t := range ts {
		loc, err := time.LoadLocation(name) // want `time.LoadLocation\(name\) gets the same arguments`
		if err != nil {
			return nil
		}
		out = append(out, t.In(loc).String())
	}
	return out
}

func absolute(xs []string, rel string) (n int) {
	for _, x := range xs {
		abs, _ := filepath.Abs(rel) // want `filepath.Abs\(rel\) gets the same arguments`
		n += len(abs) + len(x)
	}
	return n
}

type point struct{ X, Y int }

func encode(xs []string, p point) (n int) {
	for _, x := range xs {
		b, _ := json.Marshal(p) // want `json.Marshal\(p\) gets the same arguments`
		n += len(b) + len(x)
	}
	return n
}

// The count is not a constant: strings.Repeat could panic on a negative
// one, and hoisted it would run even when the loop does not.
func pad(xs []string, width int) (out []string) {
	for _, x := range xs {
		out = append(out, x+strings.Repeat(" ", width)) // want `strings.Repeat\(" ", width\) gets the same arguments`
	}
	return out
}

type config struct{ sep string }

// c may be nil and xs empty: evaluating c.sep before the loop could
// panic where the loop does not.
func throughPointer(xs []string, c *config) (n int) {
	for _, x := range xs {
		n += len(strings.Split(x, ",")) + len(strings.ToLower(c.sep)) // want `strings.ToLower\(c.sep\) gets the same arguments`
	}
	return n
}

// The argument is a local declared in the loop: its name means nothing
// before the loop.
func declaredInside(xs []string, s string) (n int) {
	for _, x := range xs {
		t := s
		if x == strings.ToUpper(t) { // want `strings.ToUpper\(t\) gets the same arguments`
			n++
		}
	}
	return n
}

// The range operand calls a function, which runs between the new
// declaration and the loop.
func operandCalls(s string, load func() []string) (n int) {
	for _, x := range load() {
		if x == strings.ToUpper(s) { // want `strings.ToUpper\(s\) gets the same arguments`
			n++
		}
	}
	return n
}

// An argument indexes a slice, which could be out of range before a
// loop that runs zero times.
func indexed(xs []string, names []string) (n int) {
	for _, x := range xs {
		if x == strings.ToLower(names[0]) { // want `strings.ToLower\(names\[0\]\) gets the same arguments`
			n++
		}
	}
	return n
}

// NewReplacer with a spread argument list panics on an odd count.
func spread(xs []string, pairs []string) (out []string) {
	for _, x := range xs {
		out = append(out, strings.NewReplacer(pairs...).Replace(x)) // want `strings.NewReplacer\(pairs...\) gets the same arguments`
	}
	return out
}
