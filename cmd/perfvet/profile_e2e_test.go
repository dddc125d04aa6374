package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// hotModule is a workload with the same anti-pattern on a hot path
// (work.Join, called for a second and a half) and a cold one (banner,
// called once); it writes a CPU profile of itself.
const hotModule = "../../testdata/e2e/hot"

var workload struct {
	once    sync.Once
	profile string
	err     string
}

// hotProfile builds and runs the workload once and returns the path of
// the CPU profile it wrote.
func hotProfile(t *testing.T) string {
	t.Helper()
	workload.once.Do(func() {
		dir, err := os.MkdirTemp("", "perfvet-hot-")
		if err != nil {
			workload.err = err.Error()
			return
		}
		bin := filepath.Join(dir, "hot")
		if r := run(t, hotModule, "go", "build", "-o", bin, "."); r.code != 0 {
			workload.err = "building the workload: " + r.String()
			return
		}
		workload.profile = filepath.Join(dir, "cpu.pprof")
		if r := run(t, hotModule, bin, workload.profile); r.code != 0 {
			workload.err = "running the workload: " + r.String()
		}
	})
	if workload.err != "" {
		t.Fatal(workload.err)
	}
	return workload.profile
}

// shareLine matches a finding of the hot path with its share.
var shareLine = regexp.MustCompile(`work\.go:10:3: s grows by \+= .* \((\d+\.\d)% of CPU time in the profile\) \(concatloop\)`)

// numericLine matches the regexp compiled on every call of work.Numeric:
// no loop of its package calls it, so only a profile shows it repeated.
var numericLine = regexp.MustCompile(`work\.go:\d+:\d+: .*regexp.MustCompile.* \((\d+\.\d)% of CPU time in the profile\) \(recompile\)`)

// wantOnlyHot checks the profile-weighed report of the workload: the
// hot concatenation with its share, not the cold one, then the summary.
func wantOnlyHot(t *testing.T, r result) {
	t.Helper()
	wantCode(t, r, exitFindings)
	m := shareLine.FindStringSubmatch(r.stderr)
	if m == nil {
		t.Fatalf("want the hot concatenation in work.go reported with its share, got %s", r)
	}
	if share, _ := strconv.ParseFloat(m[1], 64); share < 10 {
		t.Errorf("the hot loop holds only %s%% of the profile; the workload spends a third of its time or more there", m[1])
	}
	if strings.Contains(r.stderr, "main.go") {
		t.Errorf("the cold concatenation in main.go is reported although the profile shows it cold:\n%s", r.stderr)
	}
	if !numericLine.MatchString(r.stderr) {
		t.Errorf("want the regexp compiled on every call of work.Numeric, which only the profile shows hot, reported with its share; got %s", r)
	}
	if !regexp.MustCompile(`(?m)^perfvet: 2 findings in code holding up to \d+\.\d% of CPU time in the profile$`).MatchString(r.stderr) {
		t.Errorf("no summary line after the findings:\n%s", r.stderr)
	}
}

func TestProfileReportsHotFindingsOnly(t *testing.T) {
	pprof := hotProfile(t)
	// Statically, both concatenations are reported, and the regexp of
	// work.Numeric is not: nothing in its package repeats it.
	r := perfvet(t, hotModule, "./...")
	if !strings.Contains(r.stderr, "main.go") || !strings.Contains(r.stderr, "work.go") || strings.Contains(r.stderr, "recompile") {
		t.Fatalf("without a profile, want both concatenations reported and nothing else, got %s", r)
	}
	wantOnlyHot(t, perfvet(t, hotModule, "-profile="+pprof, "./..."))
	// A threshold above the hot loop's share reports nothing.
	wantSilent(t, perfvet(t, hotModule, "-profile="+pprof, "-hot=100", "./..."))
}

// TestProfileLeavesColdDirectivesAlone checks that under a profile,
// which keeps perfvet from looking for findings in code it shows cold, a
// directive there is not called unused: without the profile it
// suppresses a finding.
func TestProfileLeavesColdDirectivesAlone(t *testing.T) {
	pprof := hotProfile(t)
	dir := copyModule(t, hotModule)
	// A function nothing hot calls, after the code the profile describes.
	writeFiles(t, dir, map[string]string{"work/report.go": `package work

// Report is never called while the workload is profiled.
func Report(words []string) string {
	s := ""
	for _, w := range words {
		//perfvet:ignore concatloop reports are short
		s += w
	}
	return s
}
`})
	wantSilentOn(t, perfvet(t, dir, "./work"), "report.go")
	r := perfvet(t, dir, "-profile="+pprof, "./...")
	wantOnlyHot(t, r)
	wantSilentOn(t, r, "report.go")
}

// wantSilentOn fails the test if r mentions file.
func wantSilentOn(t *testing.T, r result, file string) {
	t.Helper()
	if strings.Contains(r.stderr, file) {
		t.Fatalf("want nothing reported in %s, got %s", file, r)
	}
}

func TestProfileShareInJSON(t *testing.T) {
	r := perfvet(t, hotModule, "-json", "-profile="+hotProfile(t), "./...")
	wantCode(t, r, exitFindings)
	out := parseJSONOutput(t, r)
	// Only package work is reported, the hot loop first, with shares.
	if len(out.Findings) != 2 {
		t.Fatalf("want two findings, both in work.go, got %s", r.stdout)
	}
	for i, want := range []string{"concatloop", "recompile"} {
		f := out.Findings[i]
		if f.Analyzer != want || filepath.Base(f.Posn.File) != "work.go" || f.Share == nil || *f.Share <= 0 || *f.Share > 1 {
			t.Fatalf("want finding %d to be %s in work.go with a share number, got %s", i, want, r.stdout)
		}
	}
	if *out.Findings[0].Share < 0.1 {
		t.Errorf("the hot loop's share is %v; the workload spends a third of its time or more there", *out.Findings[0].Share)
	}
}

func TestProfileShareInSARIF(t *testing.T) {
	r := perfvet(t, hotModule, "-format=sarif", "-profile="+hotProfile(t), "./...")
	wantCode(t, r, exitFindings)
	validateSARIF(t, r.stdout)
	var out struct {
		Runs []struct {
			Results []struct {
				Properties struct {
					Share *float64 `json:"share"`
				} `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Runs) != 1 || len(out.Runs[0].Results) != 2 {
		t.Fatalf("want two results, both in work.go, got %s", r.stdout)
	}
	for _, res := range out.Runs[0].Results {
		if share := res.Properties.Share; share == nil || *share <= 0 || *share > 1 {
			t.Fatalf("want each result's share among its properties, got %s", r.stdout)
		}
	}
}

// TestDefaultPGO checks that a default.pgo beside the main package is
// used without -profile, for the main package and the packages it
// imports, as go build -pgo=auto uses it.
func TestDefaultPGO(t *testing.T) {
	pprof := hotProfile(t)
	dir := copyModule(t, hotModule)
	data, err := os.ReadFile(pprof)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "default.pgo"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	wantOnlyHot(t, perfvet(t, dir, "./..."))
	// Under go vet, which sees one package at a time, the main package
	// still finds its default.pgo: the cold loop is not reported.
	r := run(t, dir, "go", "vet", "-vettool="+perfvetBin, ".")
	if r.code != 0 || strings.Contains(r.stderr, "main.go") {
		t.Errorf("go vet with default.pgo beside the main package reports its cold loop: %s", r)
	}
}

func TestProfileUnderGoVet(t *testing.T) {
	r := run(t, hotModule, "go", "vet", "-vettool="+perfvetBin, "-profile="+hotProfile(t), "./...")
	if !shareLine.MatchString(r.stderr) || strings.Contains(r.stderr, "main.go") {
		t.Fatalf("go vet -profile: want only the hot finding, with its share, got %s", r)
	}
}

// TestRelativeProfileUnderGoVet checks that a profile path relative to
// the module root works under go vet, which runs perfvet in each
// package's own directory.
func TestRelativeProfileUnderGoVet(t *testing.T) {
	dir := copyModule(t, hotModule)
	data, err := os.ReadFile(hotProfile(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "cpu.pprof"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, "go", "vet", "-vettool="+perfvetBin, "-profile=cpu.pprof", "./...")
	if !shareLine.MatchString(r.stderr) {
		t.Fatalf("go vet -profile=cpu.pprof from the module root: want the hot finding, got %s", r)
	}
}

func TestBadProfileFailsInOneLine(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "heap.pprof")
	if err := os.WriteFile(bad, []byte("not a profile"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := perfvet(t, hotModule, "-profile="+bad, "./...")
	wantCode(t, r, exitFailure)
	msg := strings.TrimSuffix(r.stderr, "\n")
	if strings.Contains(msg, "\n") || !strings.Contains(msg, bad) || r.stdout != "" {
		t.Fatalf("want one line naming %s, got %s", bad, r)
	}
}

func TestBadThresholdIsUsageError(t *testing.T) {
	for _, bad := range []string{"-hot=-1", "-hot=150", "-hot=some"} {
		r := perfvet(t, hotModule, bad, "./...")
		wantCode(t, r, exitUsage)
		if msg := strings.TrimSuffix(r.stderr, "\n"); strings.Contains(msg, "\n") || !strings.Contains(msg, "percentage") {
			t.Errorf("%s: want one line asking for a percentage, got %s", bad, r)
		}
	}
}
