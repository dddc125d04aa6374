package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// newConcat is a second concatenation in a loop, added above the
// existing one in concat.go so that the existing finding moves down.
const newConcat = `
// Lines concatenates xs, one per line.
func Lines(xs []string) string {
	text := ""
	for _, x := range xs {
		text += x + "\n"
	}
	return text
}
`

// insertAfterPackage adds code right after the package clause of the
// file at path, moving everything below it down.
func insertAfterPackage(t *testing.T, path, code string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	before, after, ok := strings.Cut(string(data), "\npackage concat\n")
	if !ok {
		t.Fatalf("%s has no package clause", path)
	}
	if err := os.WriteFile(path, []byte(before+"\npackage concat\n"+code+after), 0o644); err != nil {
		t.Fatal(err)
	}
}

// wantOnlyFinding fails the test unless the -json output of r reports
// exactly one finding, at the line of file containing stmt.
func wantOnlyFinding(t *testing.T, r result, file, stmt string) {
	t.Helper()
	wantCode(t, r, exitFindings)
	out := parseJSONOutput(t, r)
	line := lineOf(t, file, stmt)
	if len(out.Findings) != 1 || out.Findings[0].Posn.Line != line || !sameFile(out.Findings[0].Posn.File, file) {
		t.Fatalf("want exactly one finding, at %s:%d, got %s", file, line, r)
	}
}

// sameFile reports whether a and b name the same file.
func sameFile(a, b string) bool {
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ia, ib)
}

func TestBaseline(t *testing.T) {
	dir := copyModule(t, lintModule)
	const base = "perfvet-baseline.json"

	// The first run records the existing finding and passes.
	r := perfvet(t, dir, "-baseline="+base, "./concat")
	wantCode(t, r, exitClean)
	if r.stdout != "" || r.stderr != "perfvet: wrote 1 finding to baseline "+base+"; runs with -baseline="+base+" report only findings not in it\n" {
		t.Fatalf("want one line saying the baseline was written, got %s", r)
	}
	var recorded baseline
	data, err := os.ReadFile(filepath.Join(dir, base))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &recorded); err != nil {
		t.Fatalf("the baseline does not parse: %v\n%s", err, data)
	}
	if len(recorded.Findings) != 1 || recorded.Findings[0].File != "concat/concat.go" || recorded.Findings[0].Analyzer != "concatloop" {
		t.Fatalf("want the concatloop finding recorded under its module-relative path, got %s", data)
	}

	// The next run knows it.
	wantSilent(t, perfvet(t, dir, "-baseline="+base, "./concat"))

	// A new finding above the old one moves it down: only the new one
	// is reported, in every format.
	file := filepath.Join(dir, "concat", "concat.go")
	insertAfterPackage(t, file, newConcat)
	wantOnlyFinding(t, perfvet(t, dir, "-baseline="+base, "-json", "./concat"), file, `text += x + "\n"`)
	r = perfvet(t, dir, "-baseline="+base, "./concat")
	wantCode(t, r, exitFindings)
	if strings.Count(r.stderr, "(concatloop)") != 1 {
		t.Fatalf("want only the new finding in the text output, got %s", r)
	}
	if at := fmt.Sprintf("concat.go:%d:3: text grows", lineOf(t, file, `text += x + "\n"`)); !strings.Contains(r.stderr, at) {
		t.Fatalf("want the new finding, at %s, got %s", at, r)
	}

	// -baseline-update records it too.
	r = perfvet(t, dir, "-baseline="+base, "-baseline-update", "./concat")
	wantCode(t, r, exitClean)
	if !strings.Contains(r.stderr, "wrote 2 findings to baseline") {
		t.Fatalf("want the baseline rewritten with both findings, got %s", r)
	}
	wantSilent(t, perfvet(t, dir, "-baseline="+base, "./concat"))
}

// TestBaselineWrittenInSARIF checks that the run writing a baseline
// still prints a valid document, with no results, for an upload step.
func TestBaselineWrittenInSARIF(t *testing.T) {
	dir := copyModule(t, lintModule)
	r := perfvet(t, dir, "-format=sarif", "-baseline=base.json", "./concat")
	wantCode(t, r, exitClean)
	validateSARIF(t, r.stdout)
	if !strings.Contains(r.stdout, `"results": []`) || !strings.Contains(r.stderr, "wrote 1 finding to baseline base.json") {
		t.Fatalf("want an empty SARIF run and the baseline written, got %s", r)
	}
}

func TestBaselineUnreadable(t *testing.T) {
	dir := copyModule(t, lintModule)
	if err := os.WriteFile(filepath.Join(dir, "base.json"), []byte(`{"version": 7, "findings": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	r := perfvet(t, dir, "-baseline=base.json", "./concat")
	wantCode(t, r, exitFailure)
	if strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "version 7") {
		t.Fatalf("want one line naming the baseline's version, got %s", r)
	}
}

// TestBaselineCountsIdenticalFindings checks the multiset matching: a
// baseline with a fingerprint once absorbs one finding with that
// fingerprint, not two.
func TestBaselineCountsIdenticalFindings(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.go")
	// Lines 2 to 4 and 6 to 8 are the same code.
	src := "package a\nx\nout += x\ny\n\nx\nout += x\ny\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	at := func(line int) finding {
		return finding{Analyzer: "concatloop", Posn: position{File: file, Line: line, Column: 1}}
	}
	r := report{findings: []finding{at(3), at(7)}, src: newSources(), roots: roots{module: dir}}
	once := baseline{Version: baselineVersion, Findings: []baselineEntry{r.baselineEntryOf(at(3))}}
	if r.baselineEntryOf(at(3)).Fingerprint != r.baselineEntryOf(at(7)).Fingerprint {
		t.Fatal("the same code on other lines has another fingerprint")
	}
	if fresh := notInBaseline(r, once); len(fresh) != 1 {
		t.Errorf("a baseline recording the code once leaves %d findings, want 1", len(fresh))
	}
	twice := baseline{Version: baselineVersion, Findings: append(once.Findings, once.Findings[0])}
	if fresh := notInBaseline(r, twice); len(fresh) != 0 {
		t.Errorf("a baseline recording the code twice leaves %d findings, want 0", len(fresh))
	}
	other := at(3)
	other.Analyzer = "prealloc"
	if fresh := notInBaseline(report{findings: []finding{other}, src: r.src, roots: r.roots}, twice); len(fresh) != 1 {
		t.Errorf("a finding of another analyzer on the same code matches the baseline")
	}
}

func TestFingerprintSurvivesIndentationNotNeighbours(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) finding {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return finding{Posn: position{File: path, Line: 3}}
	}
	src := newSources()
	a := fingerprint(src, write("a.go", "package a\nfor {\n\tout += x\n}\n"))
	reindented := fingerprint(src, write("b.go", "package a\n  for {\n        out += x  \n  }\n"))
	neighbour := fingerprint(src, write("c.go", "package a\nfor range 3 {\n\tout += x\n}\n"))
	if a == "" || a != reindented {
		t.Errorf("re-indenting changed the fingerprint: %q, %q", a, reindented)
	}
	if a == neighbour {
		t.Errorf("a different line above left the fingerprint unchanged")
	}
}
