package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// These tests build the perfvet binary once and run it, standalone and
// under go vet and go fix, on the fixture modules in testdata/e2e.

// perfvetBin is the binary built by TestMain.
var perfvetBin string

const (
	lintModule   = "../../testdata/e2e/lint"
	brokenModule = "../../testdata/e2e/broken"
)

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

// buildAndRun builds perfvet into a temporary directory, runs the tests
// and removes the directory.
func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "perfvet-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "creating a directory for the perfvet binary:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	// The runs share a result cache of their own, never the user's.
	os.Setenv(cacheEnv, filepath.Join(dir, "cache"))
	perfvetBin = filepath.Join(dir, "perfvet")
	// No VCS stamping: the tests need no version, and a clone owned by
	// another user would make git refuse to report one.
	build := exec.Command("go", "build", "-buildvcs=false", "-o", perfvetBin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building perfvet: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// result is what a command printed and its exit status.
type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return fmt.Sprintf("exit status %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// run runs name with args in dir, outside any go.work, and returns what
// it printed. Only a failure to start the command fails the test.
func run(t *testing.T, dir, name string, args ...string) result {
	t.Helper()
	return runEnv(t, dir, []string{"GOWORK=off"}, name, args...)
}

// runEnv is run with env added to the environment.
func runEnv(t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running %s %s: %v", name, strings.Join(args, " "), err)
	}
	return result{stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()}
}

// perfvet runs the perfvet binary in dir.
func perfvet(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return run(t, dir, perfvetBin, args...)
}

// wantCode fails the test unless r exited with code.
func wantCode(t *testing.T, r result, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("want exit status %d, got %s", code, r)
	}
}

// wantSilent fails the test unless r exited cleanly without output.
func wantSilent(t *testing.T, r result) {
	t.Helper()
	if r.code != exitClean || r.stdout != "" || r.stderr != "" {
		t.Fatalf("want a silent clean exit, got %s", r)
	}
}

// wantConcatFinding fails the test unless text reports concatloop at
// the line of file (relative to the lint module) that contains stmt.
func wantConcatFinding(t *testing.T, text, file, stmt string) {
	t.Helper()
	pos := fmt.Sprintf("%s:%d:", filepath.Base(file), lineOf(t, filepath.Join(lintModule, file), stmt))
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, pos) && strings.Contains(line, "concatloop") && strings.Contains(line, "strings.Builder") {
			return
		}
	}
	t.Fatalf("want a concatloop finding at %s suggesting strings.Builder, got:\n%s", pos, text)
}

// lineOf returns the 1-based number of the first line of path that
// contains text.
func lineOf(t *testing.T, path, text string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(data), "\n") {
		if strings.Contains(line, text) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line containing %q", path, text)
	return 0
}

// copyModule copies the fixture module src into a new temporary
// directory, so that a test may modify it, and returns the copy's path.
func copyModule(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := os.CopyFS(dst, os.DirFS(src))
	if err != nil {
		t.Fatalf("copying %s: %v", src, err)
	}
	return dst
}

func TestStandaloneReportsConcat(t *testing.T) {
	r := perfvet(t, lintModule, "./concat")
	wantCode(t, r, exitFindings)
	wantConcatFinding(t, r.stderr, "concat/concat.go", "out += x")
}

func TestStandaloneDefaultsToCurrentModule(t *testing.T) {
	r := perfvet(t, filepath.Join(lintModule, "concat"))
	wantCode(t, r, exitFindings)
	wantConcatFinding(t, r.stderr, "concat/concat.go", "out += x")
}

func TestStandaloneSilentOnCleanCode(t *testing.T) {
	wantSilent(t, perfvet(t, lintModule, "./clean"))
}

func TestVetToolReportsConcat(t *testing.T) {
	r := run(t, lintModule, "go", "vet", "-vettool="+perfvetBin, "./concat")
	wantCode(t, r, exitFailure)
	wantConcatFinding(t, r.stderr, "concat/concat.go", "out += x")
}

func TestVetToolSilentOnCleanCode(t *testing.T) {
	wantSilent(t, run(t, lintModule, "go", "vet", "-vettool="+perfvetBin, "./clean"))
}

func TestFixRewritesAndBuilds(t *testing.T) {
	dir := copyModule(t, lintModule)
	wantCode(t, perfvet(t, dir, "-fix", "./concat"), exitClean)
	wantFixed(t, dir)
}

// TestFixReportsFindingsLeft checks that -fix, and -fix -diff, exit
// with 3 and say how many findings no fix takes care of: in package
// directives, the concatenation is fixed, the two directive findings
// are not.
func TestFixReportsFindingsLeft(t *testing.T) {
	for _, args := range [][]string{{"-fix"}, {"-fix", "-diff"}} {
		dir := copyModule(t, lintModule)
		r := perfvet(t, dir, append(args, "./directives")...)
		wantCode(t, r, exitFindings)
		if r.stderr != "perfvet: 2 findings not fixed (no suggested fix applies); run perfvet without -fix to list them\n" {
			t.Errorf("perfvet %s: want one line counting the findings left, got %s", strings.Join(args, " "), r)
		}
		// -exit-zero fixes without counting what is left.
		dir = copyModule(t, lintModule)
		r = perfvet(t, dir, append(args, "-exit-zero", "./directives")...)
		if r.code != exitClean || r.stderr != "" {
			t.Errorf("perfvet %s -exit-zero: want a clean exit without the count, got %s", strings.Join(args, " "), r)
		}
	}
}

// wantFixed fails the test unless the concat package of the lint module
// copy in dir uses strings.Builder, builds, and has no more findings.
func wantFixed(t *testing.T, dir string) {
	t.Helper()
	fixed, err := os.ReadFile(filepath.Join(dir, "concat", "concat.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(fixed), "strings.Builder") {
		t.Fatalf("fixed file does not use strings.Builder:\n%s", fixed)
	}
	wantCode(t, run(t, dir, "go", "build", "./..."), exitClean)
	wantSilent(t, perfvet(t, dir, "./concat"))
}

func TestDiffPrintsWithoutWriting(t *testing.T) {
	dir := copyModule(t, lintModule)
	file := filepath.Join(dir, "concat", "concat.go")
	before, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r := perfvet(t, dir, "-fix", "-diff", "./concat")
	if !strings.Contains(r.stdout, "+++") || !strings.Contains(r.stdout, "strings.Builder") {
		t.Fatalf("want a unified diff introducing strings.Builder, got %s", r)
	}
	after, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Fatalf("-diff modified %s", file)
	}
}

func TestGoFixAppliesFixes(t *testing.T) {
	dir := copyModule(t, lintModule)
	wantCode(t, run(t, dir, "go", "fix", "-fixtool="+perfvetBin, "./concat"), exitClean)
	wantFixed(t, dir)
}

func TestGoFixDiffFailsOnPendingFixes(t *testing.T) {
	dir := copyModule(t, lintModule)
	r := run(t, dir, "go", "fix", "-fixtool="+perfvetBin, "-diff", "./concat")
	wantCode(t, r, exitFailure)
	if !strings.Contains(r.stdout, "+++") {
		t.Fatalf("want a unified diff, got %s", r)
	}
	wantSilent(t, run(t, dir, "go", "fix", "-fixtool="+perfvetBin, "-diff", "./clean"))
}

func TestUnknownFlagIsUsageError(t *testing.T) {
	r := perfvet(t, lintModule, "-nosuch", "./concat")
	wantCode(t, r, exitUsage)
	if !strings.Contains(r.stderr, "flag provided but not defined: -nosuch") {
		t.Fatalf("want the unknown flag named, got %s", r)
	}
}

func TestAnalyzerCanBeDisabled(t *testing.T) {
	wantCode(t, perfvet(t, lintModule, "-concatloop=true", "./concat"), exitFindings)
	wantSilent(t, perfvet(t, lintModule, "-concatloop=false", "./concat"))
}

func TestColdThreshold(t *testing.T) {
	// The loop runs 5 times: cold under the default threshold of 8.
	wantSilent(t, perfvet(t, lintModule, "./cold"))

	r := perfvet(t, lintModule, "-tripcount.cold=2", "./cold")
	wantCode(t, r, exitFindings)
	wantConcatFinding(t, r.stderr, "cold/cold.go", `s += "*"`)

	// go vet learns the flag from perfvet -flags and passes it on.
	r = run(t, lintModule, "go", "vet", "-vettool="+perfvetBin, "-tripcount.cold=2", "./cold")
	wantCode(t, r, exitFailure)
	wantConcatFinding(t, r.stderr, "cold/cold.go", `s += "*"`)
}

func TestIgnoreDirectiveSuppresses(t *testing.T) {
	wantSilent(t, perfvet(t, lintModule, "./ignored"))

	// Without the directive, the same code is reported.
	dir := copyModule(t, lintModule)
	removeLine(t, filepath.Join(dir, "ignored", "ignored.go"), "//perfvet:ignore")
	wantCode(t, perfvet(t, dir, "./ignored"), exitFindings)
}

// removeLine deletes from the file at path the first line containing text.
func removeLine(t *testing.T, path, text string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	i := slices.IndexFunc(lines, func(line string) bool { return strings.Contains(line, text) })
	if i < 0 {
		t.Fatalf("%s has no line containing %q", path, text)
	}
	lines = slices.Delete(lines, i, i+1)
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestMalformedAndStaleDirectivesReported(t *testing.T) {
	r := perfvet(t, lintModule, "./directives")
	wantCode(t, r, exitFindings)
	// Without a reason the directive suppresses nothing, and says so.
	wantConcatFinding(t, r.stderr, "directives/directives.go", "out += x")
	// The directive without a reason comes first in the file.
	noReason := lineOf(t, filepath.Join(lintModule, "directives/directives.go"), "//perfvet:ignore concatloop")
	stale := lineOf(t, filepath.Join(lintModule, "directives/directives.go"), "used to build a string")
	for _, want := range []string{
		fmt.Sprintf("directives.go:%d:", noReason), "needs a reason",
		fmt.Sprintf("directives.go:%d:", stale), "unused perfvet:ignore directive",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stderr)
		}
	}
}

func TestGeneratedFilesSkipped(t *testing.T) {
	wantSilent(t, perfvet(t, lintModule, "./generated"))

	// Without the generated-code marker, the same code is reported.
	dir := copyModule(t, lintModule)
	removeLine(t, filepath.Join(dir, "generated", "generated.go"), "DO NOT EDIT.")
	wantCode(t, perfvet(t, dir, "./generated"), exitFindings)
}

// TestTestFilesOptIn checks the evidence rule for tests: findings in
// _test.go files are reported only with -testfiles (and, as ever, only
// when the test files are loaded).
func TestTestFilesOptIn(t *testing.T) {
	wantSilent(t, perfvet(t, lintModule, "./testfiles"))

	r := perfvet(t, lintModule, "-testfiles", "./testfiles")
	wantCode(t, r, exitFindings)
	wantConcatFinding(t, r.stderr, "testfiles/testfiles_test.go", "out += x")

	wantSilent(t, perfvet(t, lintModule, "-testfiles", "-test=false", "./testfiles"))
}

// TestBrokenTestIsReported checks that test code, though not analysed
// without -testfiles, still fails the run when it does not compile.
func TestBrokenTestIsReported(t *testing.T) {
	dir := copyModule(t, lintModule)
	writeFiles(t, dir, map[string]string{"testfiles/broken_test.go": "package testfiles\n\nvar broken int = \"no\"\n"})
	r := perfvet(t, dir, "./testfiles")
	wantCode(t, r, exitFailure)
	if !strings.Contains(r.stderr, "testfiles/broken_test.go:3:18") {
		t.Fatalf("want the test file's compile error, got %s", r)
	}
}

// TestBuildTags checks that -tags selects the files the analysis sees.
func TestBuildTags(t *testing.T) {
	wantSilent(t, perfvet(t, lintModule, "./tagged"))
	for _, tags := range []string{"special", "other,special", "other special"} {
		r := perfvet(t, lintModule, "-tags="+tags, "./tagged")
		wantCode(t, r, exitFindings)
		wantConcatFinding(t, r.stderr, "tagged/special.go", "out += x")
	}
}

// TestCgoFilesAsWritten checks that a package using C is analysed from
// its files as written: its findings point into them, code using C's
// values is left alone rather than failing the package, and the
// packages importing it are analysed, whether or not cgo can run.
func TestCgoFilesAsWritten(t *testing.T) {
	r := perfvet(t, lintModule, "./cgo/...")
	wantCode(t, r, exitFindings)
	wantConcatFinding(t, r.stderr, "cgo/cgo.go", "out += x")
	wantConcatFinding(t, r.stderr, "cgo/pure.go", "out += x")
	wantConcatFinding(t, r.stderr, "cgo/user/user.go", "out += cgo.Join(g)")
	twice := fmt.Sprintf("cgo.go:%d:", lineOf(t, filepath.Join(lintModule, "cgo", "cgo.go"), "out += C.GoString(p)"))
	if strings.Contains(r.stderr, twice) || strings.Contains(r.stderr, "error") || strings.Contains(r.stderr, "not analysed") {
		t.Fatalf("want the loop that uses C left alone and no error, got %s", r)
	}
	if n := strings.Count(r.stderr, "(concatloop)"); n != 3 {
		t.Fatalf("want 3 findings, got %d: %s", n, r)
	}

	// Without a working C compiler, the go command can build neither the
	// cgo package nor what imports it; the analysis, which uses nothing
	// of cgo's output, is the same.
	noCgo := runEnv(t, lintModule, []string{"GOWORK=off", "CC=false"}, perfvetBin, "-cache=off", "./cgo/...")
	if noCgo != r {
		t.Fatalf("want the same output without a C compiler as with one:\nwith: %s\nwithout: %s", r, noCgo)
	}
}

func TestHelpPrintsDocs(t *testing.T) {
	r := perfvet(t, lintModule, "help")
	wantCode(t, r, exitClean)
	if !regexp.MustCompile(`(?m)^ +concatloop +report `).MatchString(r.stdout) {
		t.Errorf("perfvet help does not list concatloop with its summary:\n%s", r.stdout)
	}
	if !strings.HasPrefix(r.stdout, "perfvet reports Go performance anti-patterns") || strings.Contains(r.stdout, "Printf") {
		t.Errorf("perfvet help does not start with perfvet's own introduction:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "-json") {
		t.Errorf("perfvet help does not list the driver's flags:\n%s", r.stdout)
	}

	r = perfvet(t, lintModule, "help", "concatloop")
	wantCode(t, r, exitClean)
	if !strings.HasPrefix(r.stdout, "concatloop: report ") || !strings.Contains(r.stdout, "strings.Builder") {
		t.Errorf("perfvet help concatloop does not print the analyzer's doc:\n%s", r.stdout)
	}
}

func TestBadInputFailsInOneLine(t *testing.T) {
	dir := copyModule(t, brokenModule)
	// Git does not keep empty directories, so make it here.
	if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		pattern string
		want    string // names the problem
	}{
		{"./syntax", "syntax/syntax.go:6:1: syntax error"},
		{"./typeerr", `typeerr/typeerr.go:6:9: cannot use "one"`},
		{"./missing", "no required module provides package example.com/absent/dep"},
		{"./empty", "no Go files in"},
		{"notes.txt", "notes.txt is not a Go source file"},
		{"absent.go", "absent.go: no such file"},
		{"./nonexistent", "directory not found"},
		{"./empty/...", "./empty/... matched no packages"},
	}
	for _, test := range tests {
		t.Run(test.pattern, func(t *testing.T) {
			r := perfvet(t, dir, test.pattern)
			wantCode(t, r, exitFailure)
			msg := strings.TrimSuffix(r.stderr, "\n")
			if r.stdout != "" || strings.Contains(msg, "\n") || !strings.HasPrefix(msg, "perfvet: ") || !strings.Contains(msg, test.want) {
				t.Fatalf("want one line on stderr starting with %q and containing %q, got %s", "perfvet: ", test.want, r)
			}
		})
	}
}

func TestGoCommandErrorNamed(t *testing.T) {
	// A go.work forbids -mod=mod; the go command stops before listing
	// any package, and its message must not become "matched no packages".
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":  "module example.com/ws\n\ngo 1.22\n",
		"go.work": "go 1.22\n\nuse .\n",
		"ws.go":   "package ws\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := runEnv(t, dir, []string{"GOWORK=", "GOFLAGS=-mod=mod"}, perfvetBin, "./...")
	wantCode(t, r, exitFailure)
	msg := strings.TrimSuffix(r.stderr, "\n")
	if strings.Contains(msg, "\n") || !strings.Contains(msg, "-mod may only be set") {
		t.Fatalf("want the go command's error in one line, got %s", r)
	}
}

func TestBrokenPackagesDoNotStopTheOthers(t *testing.T) {
	// One line per broken package, even with -json, then the summary of
	// the findings of the package that builds; the status says the run
	// is incomplete.
	r := perfvet(t, brokenModule, "-json", "./...")
	wantCode(t, r, exitFailure)
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if len(lines) != 4 || lines[3] != "perfvet: 1 finding" {
		t.Fatalf("want one line for each of the three broken packages and the summary, got %s", r)
	}
	for _, want := range []string{"syntax/syntax.go:6:1: syntax error", `typeerr/typeerr.go:6:9: cannot use "one"`, "no required module provides package example.com/absent/dep"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("no line says %q", want)
		}
	}
	for _, line := range lines {
		if !strings.HasPrefix(line, "perfvet: ") {
			t.Errorf("line lacks the perfvet: prefix: %q", line)
		}
	}
	var out struct {
		Findings []struct {
			Analyzer string `json:"analyzer"`
			Posn     struct {
				File string `json:"file"`
			} `json:"posn"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r)
	}
	if len(out.Findings) != 1 || out.Findings[0].Analyzer != "concatloop" || !strings.HasSuffix(out.Findings[0].Posn.File, "fine/fine.go") {
		t.Errorf("want the concatloop finding of fine.go, got %+v", out.Findings)
	}
}
