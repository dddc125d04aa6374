// Package corpus runs perfvet over large code bases it was not written
// against: the standard library and the golang.org/x/tools and
// golang.org/x/sync module sources from the module cache.
//
// Run it with `make corpus`. For each corpus the test
//
//   - runs `perfvet -json ./...` and fails on a crash or an analyzer error;
//   - writes the findings, sorted, with paths relative to the corpus root,
//     to <corpus>.txt, and fails when they differ from the checked-in
//     baseline, so that every change in findings is seen and committed;
//   - applies every suggested fix and requires `go build` and `go vet` to
//     pass on the result (and `go test` for x/sync).
//
// The directory is named testdata so that `go test ./...` leaves it out: a
// run takes minutes. Flags: -perfvet=path runs a prebuilt binary instead of
// building ./cmd/perfvet; -run=TestCorpus/x-sync runs one corpus.
package corpus

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var perfvetFlag = flag.String("perfvet", "", "perfvet binary to run (default: build ../../cmd/perfvet)")

// spec names one corpus.
type spec struct {
	name   string // the baseline file is <name>.txt
	module string // a module path in the build list; empty for the standard library
	goTest bool   // run go test on the fixed sources too
}

var specs = []spec{
	{name: "std"},
	{name: "x-tools", module: "golang.org/x/tools"},
	{name: "x-sync", module: "golang.org/x/sync", goTest: true},
}

// outcome is what one corpus run found, for the closing summary table.
type outcome struct {
	name     string
	packages int
	counts   map[string]int
	errors   int
	fixes    fixOutcome
	elapsed  time.Duration
}

func TestCorpus(t *testing.T) {
	bin := perfvetBinary(t)
	names, err := analyzerNames()
	if err != nil {
		t.Fatal(err)
	}
	var outcomes []outcome
	for _, s := range specs {
		t.Run(s.name, func(t *testing.T) {
			start := time.Now()
			o := runCorpus(t, bin, s, names)
			o.elapsed = time.Since(start).Round(time.Second)
			outcomes = append(outcomes, o)
		})
	}
	t.Log("\n" + summaryTable(outcomes, names))
}

// runCorpus analyses one corpus, checks its fixes and compares the
// findings with the baseline.
func runCorpus(t *testing.T, bin string, s spec, names []string) outcome {
	c, err := prepare(t, s)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res, err := analyse(bin, c.root)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: analysed %d packages in %s", c.source, res.packages, time.Since(start).Round(time.Second))
	for _, e := range res.errors {
		t.Errorf("analyzer error: %s", e)
	}
	start = time.Now()
	fixes, err := checkFixes(c, bin, res)
	if err != nil {
		t.Errorf("suggested fixes: %v", err)
	}
	t.Logf("%s: fixes checked in %s: %s", c.source, time.Since(start).Round(time.Second), fixes)
	checkBaseline(t, c, render(c, res, fixes, names))
	return outcome{name: s.name, packages: res.packages, counts: res.counts(), errors: len(res.errors), fixes: fixes}
}

// checkBaseline writes text to the corpus's baseline file and fails if
// that changed it. The standard library's findings depend on the Go
// release: run with another release, they are neither compared nor written.
func checkBaseline(t *testing.T, c *corpus, text string) {
	path := c.name + ".txt"
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatalf("reading baseline: %v", err)
	}
	if string(old) == text {
		return
	}
	if c.module == "" && len(old) > 0 && firstLine(string(old)) != firstLine(text) {
		t.Logf("%s records %q, this run is %q: not compared", path, firstLine(string(old)), firstLine(text))
		return
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatalf("writing baseline: %v", err)
	}
	abs, _ := filepath.Abs(path)
	t.Errorf("findings changed; review `git diff %s` and commit it:\n%s", abs, lineDiff(string(old), text, 40))
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// lineDiff lists, up to max lines, the lines only in old (-) and only in
// new (+). Baselines are sorted sets of lines, so this is their diff.
func lineDiff(old, new string, max int) string {
	oldLines, newLines := strings.Split(old, "\n"), strings.Split(new, "\n")
	inOld, inNew := lineSet(oldLines), lineSet(newLines)
	var out []string
	for _, l := range oldLines {
		if !inNew[l] {
			out = append(out, "- "+l)
		}
	}
	for _, l := range newLines {
		if !inOld[l] {
			out = append(out, "+ "+l)
		}
	}
	if len(out) > max {
		out = append(out[:max], fmt.Sprintf("... and %d more", len(out)-max))
	}
	return strings.Join(out, "\n")
}

func lineSet(lines []string) map[string]bool {
	set := make(map[string]bool, len(lines))
	for _, l := range lines {
		set[l] = true
	}
	return set
}

// summaryTable renders the outcomes of this run as a text table.
func summaryTable(outcomes []outcome, names []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-8s %8s", "corpus", "packages")
	for _, n := range names {
		fmt.Fprintf(&b, " %10s", n)
	}
	fmt.Fprintf(&b, " %6s %7s %8s\n", "errors", "fixed", "time")
	for _, o := range outcomes {
		fmt.Fprintf(&b, "%-8s %8d", o.name, o.packages)
		for _, n := range names {
			fmt.Fprintf(&b, " %10d", o.counts[n])
		}
		fmt.Fprintf(&b, " %6d %7d %8s\n", o.errors, o.fixes.applied, o.elapsed)
	}
	return b.String()
}
