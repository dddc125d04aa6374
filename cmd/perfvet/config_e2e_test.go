package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// withConfig returns a copy of the lint module with text as its
// .perfvet.yml.
func withConfig(t *testing.T, text string) string {
	t.Helper()
	dir := copyModule(t, lintModule)
	if err := os.WriteFile(filepath.Join(dir, configName), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestConfigDisablesAndFlagsWin(t *testing.T) {
	dir := withConfig(t, "disable: [concatloop]\n")
	wantSilent(t, perfvet(t, dir, "./concat"))
	// Naming the analyzer on the command line wins over the file.
	r := perfvet(t, dir, "-concatloop", "./concat")
	wantCode(t, r, exitFindings)
	wantConcatFinding(t, r.stderr, "concat/concat.go", "out += x")
	// -config=off reads no file.
	wantCode(t, perfvet(t, dir, "-config=off", "./concat"), exitFindings)
}

func TestConfigOptionsAndEvidence(t *testing.T) {
	dir := withConfig(t, "options:\n  tripcount:\n    cold: 2\ntestfiles: true\n")
	r := perfvet(t, dir, "./cold", "./testfiles")
	wantCode(t, r, exitFindings)
	wantConcatFinding(t, r.stderr, "cold/cold.go", `s += "*"`)
	wantConcatFinding(t, r.stderr, "testfiles/testfiles_test.go", "out += x")
	// The command line's value wins.
	wantSilent(t, perfvet(t, dir, "-tripcount.cold=8", "-testfiles=false", "./cold", "./testfiles"))
}

func TestConfigExcludes(t *testing.T) {
	for _, pattern := range []string{"concat/", "concat/*.go", "concat.go"} {
		dir := withConfig(t, "exclude: ["+pattern+"]\n")
		if r := perfvet(t, dir, "./concat", "./cold"); r.code != exitClean || strings.Contains(r.stderr, "concat.go") {
			t.Errorf("exclude %q: want concat/concat.go left out, got %s", pattern, r)
		}
	}
	dir := withConfig(t, "exclude: [cold/]\n")
	wantCode(t, perfvet(t, dir, "./concat"), exitFindings)
}

func TestBadConfigFailsInOneLine(t *testing.T) {
	for text, want := range map[string]string{
		"disabel: [fanout]\n":                        "field disabel not found",
		"enable: [concatlop]\n":                      `unknown analyzer "concatlop"`,
		"options:\n  tripcount:\n    clod: 2\n":      "unknown option tripcount.clod",
		"options:\n  tripcount:\n    cold: -2\n":     "options: tripcount.cold: invalid value -2: want a number of at least 0",
		"options:\n  membership:\n    small: many\n": "options: membership.small: invalid value many",
		"enable: [\n":                                "yaml",
	} {
		dir := withConfig(t, text)
		r := perfvet(t, dir, "./concat")
		msg := strings.TrimSuffix(r.stderr, "\n")
		if r.code != exitFailure || strings.Contains(msg, "\n") || !strings.Contains(msg, configName) || !strings.Contains(msg, want) {
			t.Errorf("config %q: want exit status 1 and one line naming %s and saying %q, got %s", text, configName, want, r)
		}
	}
}
