package golangci_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/semver"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/cmd/golangci"
)

// The end-to-end test builds golangci-lint with the perfvet plugin
// (the golangci-lint-perfvet module) into bin/golangci-lint-perfvet and runs it on the
// fixture module testdata/golangci. Building golangci-lint takes minutes
// on a cold build cache, so the test runs only when PERFVET_GOLANGCI is
// set, as `make golangci` does.

const (
	gateEnv    = "PERFVET_GOLANGCI"
	buildDir   = "golangci-lint-perfvet"
	fixtureDir = "../../testdata/golangci"
	binPath    = "../../bin/golangci-lint-perfvet"
)

// golangci-lint's exit statuses.
const (
	exitIssues  = 1
	exitFailure = 3
)

// finding is one perfvet finding, as the fixture's "// want" comments
// expect it or as golangci-lint reports it.
type finding struct {
	file     string // relative to the fixture module
	line     int
	analyzer string
}

func (f finding) String() string {
	return fmt.Sprintf("%s:%d: %s", f.file, f.line, f.analyzer)
}

func TestGolangciLint(t *testing.T) {
	if os.Getenv(gateEnv) == "" {
		t.Skipf("building golangci-lint takes minutes; set %s=1 (make golangci) to run", gateEnv)
	}
	bin := buildGolangciLint(t)
	cases := fixtureCases(t)
	lint := linter{bin: bin, cache: t.TempDir()}

	t.Run("tools version", testToolsVersion)
	t.Run("findings", func(t *testing.T) { testFindings(t, lint, cases) })
	t.Run("disable", func(t *testing.T) { testDisable(t, lint, cases) })
	t.Run("unknown setting", func(t *testing.T) { testUnknownSetting(t, lint) })
	t.Run("fix", func(t *testing.T) { testFix(t, lint) })
	t.Run("rule ids", func(t *testing.T) { testRuleIDs(t, lint, cases) })
}

// testRuleIDs runs the per-analyzer linters (perfvet-concatloop, ...)
// instead of perfvet, on a copy of the fixture whose //nolint
// directives name them, and checks that they report the same findings,
// each under its analyzer's own linter in the JSON and as its own rule
// id in the SARIF; that options set in the perfvet settings block
// apply though perfvet itself is not enabled; and that selecting
// hoistfield's linter turns its reports on without a profile.
func testRuleIDs(t *testing.T, lint linter, cases []finding) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(fixtureDir)); err != nil {
		t.Fatalf("copying the fixture: %v", err)
	}
	var rules []string
	for _, a := range analyzers.Analyzers() {
		rules = append(rules, golangci.RulePrefix+a.Name)
	}
	nolint := "//nolint:" + strings.Join(rules, ",")
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(path, ".go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(path, bytes.ReplaceAll(src, []byte("//nolint:perfvet "), []byte(nolint+" ")), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	var config strings.Builder
	config.WriteString("version: \"2\"\nrun:\n  relative-path-mode: gomod\nlinters:\n  default: none\n  enable:\n")
	for _, rule := range rules {
		fmt.Fprintf(&config, "    - %s\n", rule)
	}
	config.WriteString("  settings:\n    custom:\n      perfvet:\n        type: module\n        settings:\n          options:\n            tripcount:\n              cold: 4\n")
	for _, rule := range rules {
		fmt.Fprintf(&config, "      %s:\n        type: module\n", rule)
	}
	config.WriteString("issues:\n  max-issues-per-linter: 0\n  max-same-issues: 0\n")
	configPath := filepath.Join(t.TempDir(), ".golangci.yml")
	sarifPath := filepath.Join(t.TempDir(), "perfvet.sarif")
	if err := os.WriteFile(configPath, []byte(config.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	r := lint.run(t, dir, "--config", configPath, "--output.sarif.path="+sarifPath)
	if r.code != exitIssues {
		t.Fatalf("want exit status %d (issues found), got %s", exitIssues, r)
	}
	compare(t, r.findings, registered(cases, ""))
	for i, f := range r.findings {
		if want := golangci.RulePrefix + f.analyzer; r.linters[i] != want {
			t.Errorf("%s: reported by linter %s, want %s", f, r.linters[i], want)
		}
	}
	doc, err := os.ReadFile(sarifPath)
	if err != nil {
		t.Fatal(err)
	}
	var sarif struct {
		Runs []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(doc, &sarif); err != nil {
		t.Fatalf("decoding golangci-lint's SARIF: %v\n%s", err, doc)
	}
	ids := make(map[string]bool)
	for _, run := range sarif.Runs {
		for _, res := range run.Results {
			ids[res.RuleID] = true
		}
	}
	for _, f := range registered(cases, "") {
		if !ids[golangci.RulePrefix+f.analyzer] {
			t.Errorf("no SARIF result with rule id %s%s (rule ids: %v)", golangci.RulePrefix, f.analyzer, ids)
		}
	}
	if len(ids) != len(findingAnalyzers(registered(cases, ""))) {
		t.Errorf("SARIF rule ids %v, want one per analyzer with a case", ids)
	}
}

// findingAnalyzers returns the set of analyzers of fs.
func findingAnalyzers(fs []finding) map[string]bool {
	set := make(map[string]bool)
	for _, f := range fs {
		set[f.analyzer] = true
	}
	return set
}

// testFindings checks that every analyzer in the registry has a case in
// the fixture and that the plugin reports exactly the expected findings:
// nothing on //nolint:perfvet lines, and the loop that .golangci.yml's
// tripcount.cold option makes hot.
func testFindings(t *testing.T, lint linter, cases []finding) {
	covered := make(map[string]bool, len(cases))
	for _, f := range cases {
		covered[f.analyzer] = true
	}
	for _, info := range analyzers.All {
		if name := info.Analyzer.Name; !covered[name] {
			t.Errorf("testdata/golangci has no case for analyzer %s: add one with a line ending in // want %s", name, name)
		}
	}
	r := lint.run(t, fixtureDir)
	if r.code != exitIssues {
		t.Fatalf("want exit status %d (issues found), got %s", exitIssues, r)
	}
	compare(t, r.findings, registered(cases, ""))
	for i, f := range r.findings {
		if r.linters[i] != golangci.Name {
			t.Errorf("%s: reported by linter %s, want %s", f, r.linters[i], golangci.Name)
		}
	}
	reported := make(map[finding]bool, len(r.findings))
	for _, f := range r.findings {
		reported[finding{file: f.file, line: f.line}] = true
	}
	for _, line := range nolintLines(t) {
		if reported[line] {
			t.Errorf("%s:%d: reported despite //nolint:perfvet", line.file, line.line)
		}
	}
}

// testDisable checks that disabling an analyzer in the settings removes
// its findings and keeps the others'. It disables the last analyzer: the
// fixture's directive cases name the first, and the directives of a
// disabled analyzer are not judged.
func testDisable(t *testing.T, lint linter, cases []finding) {
	off := analyzers.All[len(analyzers.All)-1].Analyzer.Name
	config := configWith(t, "disable: ["+off+"]")
	r := lint.run(t, fixtureDir, "--config", config)
	if r.code != exitIssues && r.code != 0 {
		t.Fatalf("want exit status 0 or %d, got %s", exitIssues, r)
	}
	compare(t, r.findings, registered(cases, off))
}

// testUnknownSetting checks that a misspelt setting stops the run with
// an error naming it.
func testUnknownSetting(t *testing.T, lint linter) {
	config := configWith(t, "disabel: ["+analyzers.All[0].Analyzer.Name+"]")
	r := lint.run(t, fixtureDir, "--config", config)
	want := `linters.settings.custom.perfvet.settings: decoding settings: json: unknown field "disabel"`
	if r.code != exitFailure || !strings.Contains(r.stderr, want) {
		t.Fatalf("want exit status %d and an error containing %q, got %s", exitFailure, want, r)
	}
}

// testFix runs golangci-lint --fix on a copy of the fixture and checks
// that concatloop's fix rewrote joinLines and that the module still
// builds.
func testFix(t *testing.T, lint linter) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(fixtureDir)); err != nil {
		t.Fatalf("copying the fixture: %v", err)
	}
	r := lint.run(t, dir, "--fix")
	if r.code != exitIssues && r.code != 0 {
		t.Fatalf("want exit status 0 or %d, got %s", exitIssues, r)
	}
	src, err := os.ReadFile(filepath.Join(dir, "concatloop.go"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "out.WriteString(name + \"\\n\")"; !bytes.Contains(src, []byte(want)) {
		t.Errorf("--fix did not rewrite joinLines to %s; concatloop.go is now:\n%s", want, src)
	}
	build := exec.Command("go", "build", "./...")
	build.Dir = dir
	build.Env = append(os.Environ(), "GOWORK=off")
	if out, err := build.CombinedOutput(); err != nil {
		t.Errorf("the fixed fixture does not build: %v\n%s", err, out)
	}
}

// testToolsVersion checks that perfvet requires no newer
// golang.org/x/tools than golangci-lint does, so that the combined
// binary runs golangci-lint on the analysis framework it was released
// with.
func testToolsVersion(t *testing.T) {
	cmd := exec.Command("go", "mod", "graph")
	cmd.Dir = buildDir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go mod graph in %s: %v", buildDir, err)
	}
	golangci := requirement(t, out, "github.com/golangci/golangci-lint/v2@", toolsModule)
	perfvet := requirement(t, out, "github.com/perfvet/perfvet@", toolsModule)
	if semver.Compare(perfvet, golangci) > 0 {
		t.Errorf("perfvet requires %s %s, newer than the %s golangci-lint requires: golangci-lint would run on a framework it was not released with", toolsModule, perfvet, golangci)
	}
}

const toolsModule = "golang.org/x/tools"

// requirement returns the version of module that the module whose
// "path@version" starts with from requires, in go mod graph's output.
func requirement(t *testing.T, graph []byte, from, module string) string {
	t.Helper()
	for _, line := range strings.Split(string(graph), "\n") {
		src, dst, ok := strings.Cut(line, " ")
		if ok && strings.HasPrefix(src, from) && strings.HasPrefix(dst, module+"@") {
			return strings.TrimPrefix(dst, module+"@")
		}
	}
	t.Fatalf("go mod graph shows no requirement of %s by %s", module, strings.TrimSuffix(from, "@"))
	return ""
}

// buildGolangciLint builds the golangci-lint-perfvet module into bin/ and returns the
// binary's absolute path.
func buildGolangciLint(t *testing.T) string {
	bin, err := filepath.Abs(binPath)
	if err != nil {
		t.Fatal(err)
	}
	// No VCS stamping: the binary reports no version of its own, and a
	// clone owned by another user would make git refuse to give one.
	cmd := exec.Command("go", "build", "-buildvcs=false", "-o", bin, ".")
	cmd.Dir = buildDir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building golangci-lint with the plugin: %v\n%s", err, out)
	}
	t.Logf("built %s in %s", binPath, time.Since(start).Round(100*time.Millisecond))
	return bin
}

// linter runs the built golangci-lint with a cache of its own, so that
// results cached by other runs on the machine play no part.
type linter struct {
	bin, cache string
}

// result is what one golangci-lint run reported.
type result struct {
	findings []finding
	linters  []string // the linter that reported each finding
	stdout   string
	stderr   string
	code     int
}

func (r result) String() string {
	return fmt.Sprintf("exit status %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// run runs golangci-lint run on the module in dir and decodes its JSON
// report. Only a failure to start or to decode fails the test.
func (l linter) run(t *testing.T, dir string, args ...string) result {
	t.Helper()
	args = append([]string{"run", "--output.json.path=stdout", "--show-stats=false"}, args...)
	cmd := exec.Command(l.bin, append(args, "./...")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOLANGCI_LINT_CACHE="+l.cache)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running golangci-lint %s: %v", strings.Join(args, " "), err)
	}
	t.Logf("golangci-lint %s: %s", strings.Join(args, " "), time.Since(start).Round(10*time.Millisecond))
	r := result{stdout: stdout.String(), stderr: stderr.String(), code: cmd.ProcessState.ExitCode()}
	if r.code == exitFailure {
		return r
	}
	findings, linters, err := decodeReport(stdout.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, r)
	}
	r.findings, r.linters = findings, linters
	return r
}

// decodeReport returns the findings in golangci-lint's JSON report and
// the linter that reported each. Every issue must come from perfvet or
// one of its per-analyzer linters, the only linters the fixture
// enables; golangci-lint prefixes each message with its analyzer's name.
func decodeReport(out []byte) ([]finding, []string, error) {
	var report struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename string
				Line     int
			}
		}
	}
	if err := json.NewDecoder(bytes.NewReader(out)).Decode(&report); err != nil {
		return nil, nil, fmt.Errorf("decoding golangci-lint's JSON report: %w", err)
	}
	var fs []finding
	var linters []string
	for _, issue := range report.Issues {
		analyzer, _, ok := strings.Cut(issue.Text, ": ")
		if !ok || (issue.FromLinter != golangci.Name && !strings.HasPrefix(issue.FromLinter, golangci.RulePrefix)) {
			return nil, nil, fmt.Errorf("issue %q from %s: want perfvet issues of the form \"analyzer: message\"", issue.Text, issue.FromLinter)
		}
		fs = append(fs, finding{filepath.ToSlash(issue.Pos.Filename), issue.Pos.Line, analyzer})
		linters = append(linters, issue.FromLinter)
	}
	return fs, linters, nil
}

// compare fails the test unless got and want hold the same findings.
func compare(t *testing.T, got, want []finding) {
	t.Helper()
	gotSet, wantSet := findingSet(got), findingSet(want)
	for _, f := range want {
		if !gotSet[f] {
			t.Errorf("%s: expected finding not reported", f)
		}
	}
	for _, f := range got {
		if !wantSet[f] {
			t.Errorf("%s: unexpected finding", f)
		}
	}
}

// findingSet returns the set of fs.
func findingSet(fs []finding) map[finding]bool {
	set := make(map[finding]bool, len(fs))
	for _, f := range fs {
		set[f] = true
	}
	return set
}

// registered returns the cases of analyzers in the registry, except
// the one called except. Cases for analyzers not yet registered are
// left out so that the fixture can hold them in advance.
func registered(cases []finding, except string) []finding {
	on := make(map[string]bool, len(analyzers.All)+1)
	for _, a := range analyzers.Analyzers() {
		on[a.Name] = true
	}
	var out []finding
	for _, f := range cases {
		if on[f.analyzer] && f.analyzer != except {
			out = append(out, f)
		}
	}
	return out
}

var wantComment = regexp.MustCompile(`// want (\w+)\s*$`)

// fixtureCases returns the findings the fixture's "// want NAME"
// comments expect.
func fixtureCases(t *testing.T) []finding {
	t.Helper()
	var cases []finding
	scanFixture(t, func(file string, line int, text string) {
		if m := wantComment.FindStringSubmatch(text); m != nil {
			cases = append(cases, finding{file, line, m[1]})
		}
	})
	return cases
}

// nolintLines returns the fixture's lines that carry //nolint:perfvet.
func nolintLines(t *testing.T) []finding {
	t.Helper()
	var lines []finding
	scanFixture(t, func(file string, line int, text string) {
		if strings.Contains(text, "//nolint:perfvet") {
			lines = append(lines, finding{file: file, line: line})
		}
	})
	if len(lines) == 0 {
		t.Fatal("testdata/golangci has no //nolint:perfvet line to check")
	}
	return lines
}

// scanFixture calls visit with every line of the fixture's Go files.
func scanFixture(t *testing.T, visit func(file string, line int, text string)) {
	t.Helper()
	err := filepath.WalkDir(fixtureDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		rel, err := filepath.Rel(fixtureDir, path)
		if err != nil {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(bytes.NewReader(src))
		for n := 1; sc.Scan(); n++ {
			visit(filepath.ToSlash(rel), n, sc.Text())
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatalf("reading testdata/golangci: %v", err)
	}
}

// configWith writes a copy of the fixture's .golangci.yml whose perfvet
// settings start with the YAML line setting, and returns its path.
func configWith(t *testing.T, setting string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(fixtureDir, ".golangci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	const anchor = "        settings:\n"
	if !bytes.Contains(src, []byte(anchor)) {
		t.Fatalf("testdata/golangci/.golangci.yml has no perfvet settings block (%q)", anchor)
	}
	config := strings.Replace(string(src), anchor, anchor+"          "+setting+"\n", 1)
	path := filepath.Join(t.TempDir(), ".golangci.yml")
	if err := os.WriteFile(path, []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
