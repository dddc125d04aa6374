// Package thresholds makes the numeric options of perfvet's analyzers
// and passes reject negative values.
//
// Every numeric option perfvet has is a threshold or a count (the trip
// count below which a loop is cold, the length below which a slice is
// small), for which a negative value means nothing: it would silently
// act as zero. Rejecting it turns a typo such as -tripcount.cold=-8 into
// a usage error. The front ends (the command, the language server, the
// golangci-lint plugin) set options through the flags, so guarding the
// flags guards them all.
package thresholds

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Guard wraps the value of every integer or floating-point flag of as
// so that setting it to a negative number fails. It is idempotent, and
// must run before the flags are registered with a command line, which
// copies their values.
func Guard(as []*analysis.Analyzer) {
	for _, a := range as {
		a.Flags.VisitAll(func(f *flag.Flag) {
			if isNumeric(f.Value) {
				f.Value = &nonNegative{f.Value}
			}
		})
	}
}

// isNumeric reports whether v is one of the flag package's numeric
// values (not already guarded).
func isNumeric(v flag.Value) bool {
	g, ok := v.(flag.Getter)
	if !ok {
		return false
	}
	if _, guarded := v.(*nonNegative); guarded {
		return false
	}
	switch g.Get().(type) {
	case int, int64, uint, uint64, float64:
		return true
	}
	return false
}

// nonNegative is a numeric flag value that refuses negative numbers.
type nonNegative struct{ value flag.Value }

// String returns the wrapped value's text; the flag package also calls
// it on a zero nonNegative to learn the zero value's text.
func (v *nonNegative) String() string {
	if v == nil || v.value == nil {
		return ""
	}
	return v.value.String()
}

// Get returns the wrapped value, so that the flag stays a flag.Getter.
func (v *nonNegative) Get() any { return v.value.(flag.Getter).Get() }

// Unwrap returns the wrapped value, for listings that name the type of
// a flag's value (int) from it.
func (v *nonNegative) Unwrap() flag.Value { return v.value }

// Set sets the wrapped value unless s is a negative number.
func (v *nonNegative) Set(s string) error {
	if f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil && f < 0 {
		return fmt.Errorf("want a number of at least 0, not %s", s)
	}
	return v.value.Set(s)
}

// Unwrap returns the value v guards, or v if it is not guarded.
func Unwrap(v flag.Value) flag.Value {
	if g, ok := v.(*nonNegative); ok {
		return g.value
	}
	return v
}
