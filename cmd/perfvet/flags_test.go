package main

import (
	"encoding/json"
	"flag"
	"slices"
	"testing"

	"github.com/perfvet/perfvet/analyzers"
)

func TestStandalonePatterns(t *testing.T) {
	tests := []struct {
		args         []string
		wantPatterns []string // nil: not a standalone run
		wantTests    bool
	}{
		{args: []string{"./..."}, wantPatterns: []string{"./..."}, wantTests: true},
		{args: []string{"-json", "-c", "2", "./a", "./b"}, wantPatterns: []string{"./a", "./b"}, wantTests: true},
		{args: []string{"-test=false", "-debug", "t", "./..."}, wantPatterns: []string{"./..."}},
		{args: []string{"-tripcount.cold", "3", "./..."}, wantPatterns: []string{"./..."}, wantTests: true},
		{args: []string{"-fix", "-diff", "x.go"}, wantPatterns: []string{"x.go"}, wantTests: true},
		{args: []string{"-format", "sarif", "-baseline", "b.json", "-new-from-rev", "main", "-exit-zero", "./..."}, wantPatterns: []string{"./..."}, wantTests: true},
		{args: nil},
		{args: []string{"help", "concatloop"}},
		{args: []string{"-flags"}},
		{args: []string{"-V=full"}},
		{args: []string{"-json", "unit.cfg"}},
		{args: []string{"-no-such-flag", "./..."}},
		{args: []string{"-test=maybe", "./..."}},
	}
	registerOnce(t)
	for _, test := range tests {
		patterns, tests, ok := standalonePatterns(test.args, analyzers.Analyzers())
		if ok != (test.wantPatterns != nil) || !slices.Equal(patterns, test.wantPatterns) || tests != test.wantTests {
			t.Errorf("standalonePatterns(%q) = %q, %v, %v; want %q, %v", test.args,
				patterns, tests, ok, test.wantPatterns, test.wantTests)
		}
	}
}

// registerOnce registers the pass flags on the command line of the test
// binary, as main does, unless an earlier test did.
func registerOnce(t *testing.T) {
	t.Helper()
	if flag.Lookup("tripcount.cold") == nil {
		registerPassFlags(flag.CommandLine)
		registerEvidenceFlags(flag.CommandLine)
		registerOutputFlags(flag.CommandLine)
	}
}

// TestDriverFlagsKnown checks that standalonePatterns knows every flag of
// the driver, and whether it takes a value, by comparing its flag set
// with what the binary declares to go vet.
func TestDriverFlagsKnown(t *testing.T) {
	r := perfvet(t, ".", "-flags")
	wantCode(t, r, exitClean)
	var declared []struct {
		Name string
		Bool bool
	}
	if err := json.Unmarshal([]byte(r.stdout), &declared); err != nil {
		t.Fatalf("perfvet -flags output does not parse: %v\n%s", err, r)
	}
	registerOnce(t)
	shadow, _ := shadowFlagSet(analyzers.Analyzers())
	for _, d := range declared {
		f := shadow.Lookup(d.Name)
		switch {
		case f == nil:
			t.Errorf("flag -%s is unknown to standalonePatterns; add it to driverBoolFlags or driverValueFlags", d.Name)
		case isBoolFlag(f.Value) != d.Bool:
			t.Errorf("flag -%s: standalonePatterns thinks bool is %v, the driver says %v", d.Name, isBoolFlag(f.Value), d.Bool)
		}
	}
	if !slices.ContainsFunc(declared, func(d struct {
		Name string
		Bool bool
	}) bool {
		return d.Name == "tripcount.cold"
	}) {
		t.Errorf("perfvet -flags does not declare -tripcount.cold, so go vet would refuse it:\n%s", r.stdout)
	}
}

func TestIsVetProtocol(t *testing.T) {
	for _, args := range [][]string{{"-flags"}, {"-V=full"}, {"--V=full"}, {"-json", "-tripcount.cold=2", "/tmp/go-build/vet.cfg"}} {
		if !isVetProtocol(args) {
			t.Errorf("isVetProtocol(%q) = false, want true", args)
		}
	}
	for _, args := range [][]string{nil, {"./..."}, {"-format=sarif", "./..."}, {"help"}, {"-version"}, {"-Vfoo", "./..."}} {
		if isVetProtocol(args) {
			t.Errorf("isVetProtocol(%q) = true, want false", args)
		}
	}
}

func TestParseOutputOptions(t *testing.T) {
	registerOnce(t)
	all := analyzers.Analyzers()
	tests := []struct {
		args []string
		want outputOptions
	}{
		{[]string{"./..."}, outputOptions{format: formatText, contextLines: -1}},
		{[]string{"-json", "./..."}, outputOptions{format: formatJSON, contextLines: -1}},
		{[]string{"-json", "-format=json", "./..."}, outputOptions{format: formatJSON, contextLines: -1}},
		{[]string{"-format", "github", "-exit-zero", "-c", "2", "./..."}, outputOptions{format: formatGitHub, exitZero: true, contextLines: 2}},
		{[]string{"-baseline=b.json", "-baseline-update", "-new-from-rev=main", "-fix", "-diff", "./..."},
			outputOptions{format: formatText, contextLines: -1, baseline: "b.json", baselineUpdate: true, newFromRev: "main", fix: true, diff: true}},
	}
	for _, test := range tests {
		got, err := parseOutputOptions(test.args, all)
		if err != nil || got != test.want {
			t.Errorf("parseOutputOptions(%q) = %+v, %v; want %+v", test.args, got, err, test.want)
		}
	}
	for _, args := range [][]string{
		{"-format=xml", "./..."},
		{"-json", "-format=text", "./..."},
		{"-baseline-update", "./..."},
		{"-exit-zero=perhaps", "./..."},
		{"-c", "many", "./..."},
	} {
		if _, err := parseOutputOptions(args, all); err == nil {
			t.Errorf("parseOutputOptions(%q) accepted bad flags", args)
		}
	}
}
