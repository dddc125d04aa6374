package main

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// findingLine is a finding's first line in text output: position, then
// a message that does not start with a tab (related positions do).
var findingLine = regexp.MustCompile(`^(.+\.go):(\d+):(\d+): [^\t]`)

// TestTextOrderAndSummary checks that text output lists the findings of
// several packages in file and position order, whatever order the
// packages were analysed in, and ends with a line counting them.
func TestTextOrderAndSummary(t *testing.T) {
	r := perfvet(t, lintModule, "-tripcount.cold=2", "./directives", "./concat", "./cold")
	wantCode(t, r, exitFindings)
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	type place struct {
		file      string
		line, col int
	}
	var places []place
	for _, l := range lines[:len(lines)-1] {
		if m := findingLine.FindStringSubmatch(l); m != nil {
			line, _ := strconv.Atoi(m[2])
			col, _ := strconv.Atoi(m[3])
			places = append(places, place{m[1], line, col})
		}
	}
	if len(places) < 3 {
		t.Fatalf("want findings in three packages, got %s", r)
	}
	if !slices.IsSortedFunc(places, func(a, b place) int {
		return cmp.Or(cmp.Compare(a.file, b.file), cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col))
	}) {
		t.Errorf("findings not in file and position order: %v", places)
	}
	if want := fmt.Sprintf("perfvet: %d findings", len(places)); lines[len(lines)-1] != want {
		t.Errorf("last line %q, want the summary %q", lines[len(lines)-1], want)
	}
}

// TestSummaryInEveryFormat checks that the machine-readable formats,
// on standard output, are followed by the same summary on standard
// error, and that a clean run prints none.
func TestSummaryInEveryFormat(t *testing.T) {
	for _, format := range []string{formatJSON, formatSARIF, formatGitHub} {
		r := perfvet(t, lintModule, "-format="+format, "./concat")
		wantCode(t, r, exitFindings)
		if r.stderr != "perfvet: 1 finding\n" {
			t.Errorf("-format=%s: want the one-line summary on standard error, got %s", format, r)
		}
		if r := perfvet(t, lintModule, "-format="+format, "./clean"); r.stderr != "" {
			t.Errorf("-format=%s on clean code: want nothing on standard error, got %s", format, r)
		}
	}
}
