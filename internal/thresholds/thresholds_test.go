package thresholds

import (
	"flag"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestGuardRejectsNegativeNumbers(t *testing.T) {
	a := &analysis.Analyzer{Name: "demo"}
	n := a.Flags.Int("n", 8, "a count")
	x := a.Flags.Float64("x", 1, "a share")
	on := a.Flags.Bool("on", false, "a switch")
	Guard([]*analysis.Analyzer{a})
	Guard([]*analysis.Analyzer{a}) // twice wraps once

	for _, bad := range []struct{ flag, value string }{{"n", "-1"}, {"x", "-0.5"}, {"n", " -3"}} {
		err := a.Flags.Set(bad.flag, bad.value)
		if err == nil || !strings.Contains(err.Error(), "at least 0") {
			t.Errorf("-%s=%s: want an error asking for at least 0, got %v", bad.flag, bad.value, err)
		}
	}
	if *n != 8 || *x != 1 {
		t.Errorf("rejected values were stored: n=%d x=%g", *n, *x)
	}
	for _, good := range []struct{ flag, value string }{{"n", "0"}, {"n", "12"}, {"x", "2.5"}, {"on", "true"}} {
		if err := a.Flags.Set(good.flag, good.value); err != nil {
			t.Errorf("-%s=%s: %v", good.flag, good.value, err)
		}
	}
	if *n != 12 || *x != 2.5 || !*on {
		t.Errorf("accepted values not stored: n=%d x=%g on=%v", *n, *x, *on)
	}
	if err := a.Flags.Set("n", "many"); err == nil {
		t.Error("-n=many: want the wrapped value's parse error")
	}
	if _, ok := a.Flags.Lookup("n").Value.(flag.Getter); !ok {
		t.Error("a guarded flag is no longer a flag.Getter")
	}
	if _, ok := a.Flags.Lookup("on").Value.(*nonNegative); ok {
		t.Error("a boolean flag was guarded")
	}
	if _, ok := Unwrap(a.Flags.Lookup("n").Value).(*nonNegative); ok {
		t.Error("Unwrap returned the guard")
	}
	var listing strings.Builder
	a.Flags.SetOutput(&listing)
	a.Flags.PrintDefaults() // calls String on a zero value: must not panic
	if !strings.Contains(listing.String(), "(default 8)") {
		t.Errorf("the listing lost the default:\n%s", listing.String())
	}
}
