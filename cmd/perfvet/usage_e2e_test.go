package main

import (
	"regexp"
	"strings"
	"testing"
)

// wantUsageError fails the test unless r is a usage error: status 2
// and one line on standard error that matches msg and ends with the
// pointer to -h, with no flag listing.
func wantUsageError(t *testing.T, r result, msg string) {
	t.Helper()
	line, ok := strings.CutSuffix(r.stderr, "\n")
	if r.code != exitUsage || !ok || strings.Contains(line, "\n") || !strings.HasPrefix(line, "perfvet: ") ||
		!strings.HasSuffix(line, "; "+usageHint) || !regexp.MustCompile(msg).MatchString(line) {
		t.Errorf("want exit status 2 and one line matching %q, ending %q; got %s", msg, usageHint, r)
	}
}

func TestBadFlagValueIsOneLine(t *testing.T) {
	for _, c := range []struct{ arg, msg string }{
		{"-tripcount.cold=abc", `invalid value "abc" for flag -tripcount.cold`},
		{"-membership.small=many", `invalid value "many" for flag -membership.small`},
		{"-c=wide", `invalid value "wide" for -c`},
		{"-nosuch", `flag provided but not defined: -nosuch`},
	} {
		wantUsageError(t, perfvet(t, lintModule, c.arg, "./concat"), c.msg)
	}
}

// TestNegativeThresholdsRejected checks every numeric option of the
// analyzers and passes, under both command lines that set them.
func TestNegativeThresholdsRejected(t *testing.T) {
	for _, arg := range []string{"-tripcount.cold=-1", "-membership.small=-3"} {
		wantUsageError(t, perfvet(t, lintModule, arg, "./concat"), `for flag -[a-z.]+: want a number of at least 0, not -`)
		r := run(t, lintModule, "go", "vet", "-vettool="+perfvetBin, arg, "./concat")
		if r.code == exitClean || !strings.Contains(r.stderr, "at least 0") {
			t.Errorf("go vet %s: want a failure asking for at least 0, got %s", arg, r)
		}
	}
	// Zero is a threshold that leaves nothing out.
	r := perfvet(t, lintModule, "-tripcount.cold=0", "./cold")
	wantCode(t, r, exitFindings)
}

// TestHelpFlagListsWorkingFlags checks that -h lists the flags that do
// something, describes -tags as perfvet applies it, and hides the
// driver's deprecated no-ops and the command's plumbing.
func TestHelpFlagListsWorkingFlags(t *testing.T) {
	r := perfvet(t, lintModule, "-h")
	wantCode(t, r, exitClean)
	for _, want := range []string{"-format string", "-tripcount.cold int", "(default 8)", "-profile string", "-tags tags\n    \tcomma-separated list of build tags"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("-h does not list %q:\n%s", want, r.stderr)
		}
	}
	for _, hidden := range []string{"-all", "-source", "-v", "-hotness.pgomap", "-hotness.profile", "no effect"} {
		if regexp.MustCompile(`(?m)^  `+regexp.QuoteMeta(hidden)+`\b`).MatchString(r.stderr) || strings.Contains(r.stderr, "no effect") {
			t.Errorf("-h lists %s:\n%s", hidden, r.stderr)
		}
	}
	// The hidden flags still work.
	wantCode(t, perfvet(t, lintModule, "-hotness.testfiles", "./concat"), exitFindings)

	r = perfvet(t, lintModule, "help")
	wantCode(t, r, exitClean)
	if strings.Contains(r.stdout, "no effect") || !strings.Contains(r.stdout, "-json") {
		t.Errorf("perfvet help lists flags that do nothing, or not the others:\n%s", r.stdout)
	}
}

// TestHelpOnSharedPasses checks that the passes whose options are
// documented settings keys have help, as analyzers do.
func TestHelpOnSharedPasses(t *testing.T) {
	r := perfvet(t, lintModule, "help", "tripcount")
	wantCode(t, r, exitClean)
	for _, want := range []string{"tripcount: classify loop trip counts", "-tripcount.cold int", "(default 8)", "{tripcount: {cold: ...}}"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("perfvet help tripcount does not say %q:\n%s", want, r.stdout)
		}
	}
	r = perfvet(t, lintModule, "help", "hotness", "membership")
	wantCode(t, r, exitClean)
	for _, want := range []string{"hotness: weigh findings", "-profile string", "membership: report linear searches", "-membership.small int"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("perfvet help hotness membership does not say %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "pgomap") {
		t.Errorf("perfvet help hotness lists the command's plumbing:\n%s", r.stdout)
	}
	wantUsageError(t, perfvet(t, lintModule, "help", "nosuch"), `no analyzer or shared pass is called nosuch`)
}
