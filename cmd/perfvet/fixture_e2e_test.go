package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/perfvet/perfvet/analyzers"
)

// pluginFixture is the golangci-lint plugin's end-to-end fixture: one
// case per analyzer, each line that must be reported ending in
// "// want <analyzer>". The vet-tool and standalone modes run on it too,
// so that every analyzer is proven in every front end from one fixture.
const pluginFixture = "../../testdata/golangci"

// fixtureFlags configure perfvet as the fixture's .golangci.yml
// configures the plugin.
var fixtureFlags = []string{"-tripcount.cold=4", "-hoistfield.static"}

// wantLine matches a "// want <analyzer>" comment at the end of a line.
var wantLine = regexp.MustCompile(`// want (\w+)\s*$`)

// reportedLine matches a finding in the driver's text output.
var reportedLine = regexp.MustCompile(`^(?:.*/)?([^/:]+\.go):(\d+):\d+: .*\((\w+)\)$`)

// fixtureWants returns the findings the fixture's comments expect, as
// "file:line: analyzer", and the lines golangci-lint's //nolint
// suppresses, which perfvet itself does not read.
func fixtureWants(t *testing.T) (wants []string, nolint map[string]bool) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(pluginFixture, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	nolint = make(map[string]bool)
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			at := fmt.Sprintf("%s:%d", filepath.Base(path), n)
			if m := wantLine.FindStringSubmatch(sc.Text()); m != nil {
				wants = append(wants, at+": "+m[1])
			}
			if strings.Contains(sc.Text(), "//nolint:perfvet") {
				nolint[at] = true
			}
		}
		f.Close()
	}
	slices.Sort(wants)
	return wants, nolint
}

// reported returns the findings in driver text output, as fixtureWants
// spells them, leaving out related information and //nolint lines.
func reported(text string, nolint map[string]bool) []string {
	var got []string
	for _, line := range strings.Split(text, "\n") {
		m := reportedLine.FindStringSubmatch(line)
		if m == nil || strings.Contains(line, ": \t") {
			continue
		}
		at := m[1] + ":" + m[2]
		if !nolint[at] {
			got = append(got, at+": "+m[3])
		}
	}
	slices.Sort(got)
	return slices.Compact(got)
}

func TestEveryAnalyzerInEveryFrontEnd(t *testing.T) {
	wants, nolint := fixtureWants(t)
	for _, a := range analyzers.Analyzers() {
		if !slices.ContainsFunc(wants, func(w string) bool { return strings.HasSuffix(w, ": "+a.Name) }) {
			t.Errorf("testdata/golangci has no case for %s: add a line ending in // want %s", a.Name, a.Name)
		}
	}
	for _, mode := range []struct {
		name string
		r    func() result
	}{
		{"standalone", func() result { return perfvet(t, pluginFixture, append(fixtureFlags, "./...")...) }},
		{"go vet", func() result {
			return run(t, pluginFixture, "go", append(append([]string{"vet", "-vettool=" + perfvetBin}, fixtureFlags...), "./...")...)
		}},
	} {
		t.Run(mode.name, func(t *testing.T) {
			r := mode.r()
			got := reported(r.stderr, nolint)
			if !slices.Equal(got, wants) {
				t.Errorf("%s on testdata/golangci:\nreported %q\nwant     %q\n%s", mode.name, got, wants, r)
			}
		})
	}
}
