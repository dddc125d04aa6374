package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"

	"golang.org/x/term"
	"golang.org/x/tools/go/analysis"
)

// childEnv marks a perfvet process started by a supervising perfvet to
// run the analysis itself.
const childEnv = "PERFVET_ANALYSIS_CHILD"

// isChild reports whether this process runs the analysis for a
// supervising perfvet.
func isChild() bool { return os.Getenv(childEnv) != "" }

// supervise runs the standalone analysis in a child perfvet and returns
// the exit status to leave with. The driver loads the packages once; only
// when the analysis fails does the supervisor load them again, to explain
// the failure in one line per problem instead of the driver's cascade of
// repeated errors. A clean run thus pays for one load, not two.
//
// Whatever the output format, the child prints the driver's JSON, from
// which the supervisor renders the format asked for, after leaving out
// the findings that a baseline or -new-from-rev excludes.
func supervise(patterns []string, tests bool, all []*analysis.Analyzer) int {
	if err := checkFilePatterns(patterns); err != nil {
		fail(err)
	}
	opts, err := parseOutputOptions(os.Args[1:], all)
	if err != nil {
		usageError(err)
	}
	if err := parseEvidenceFlags(os.Args[1:], all); err != nil {
		usageError(err)
	}
	applyBuildTags(os.Args[1:], all)
	if err := checkProfiles(); err != nil {
		fail(err)
	}
	a := analysisRun{patterns: patterns, tests: tests, progress: showsProgress(opts)}
	a.flags, a.dashdash = flagArgs(os.Args[1:], patterns)
	// A streaming child finds the default.pgo files in the listing it
	// makes anyway; the driver of golang.org/x/tools is told them.
	if opts.fix || !isStreamable(append(slices.Clip(a.flags), "-json"), all) {
		pgoFlags, cleanup, err := assignDefaultPGO(patterns, tests)
		if err != nil {
			fail(err)
		}
		defer cleanup()
		a.pgoFlags = pgoFlags
	}
	if opts.fix {
		return a.fix(opts)
	}
	out, code := a.run("-json")
	return finish(out, code, opts, all)
}

// analysisRun is how to start the analysis child: the user's flags, the
// patterns, and the default.pgo assignments found for them.
type analysisRun struct {
	pgoFlags []string
	flags    []string // the command line up to the patterns
	dashdash bool     // the patterns followed "--"
	patterns []string
	tests    bool
	progress bool // the child may show progress on this terminal
}

// flagArgs splits args into the flags before patterns, and whether a
// "--" separated them.
func flagArgs(args, patterns []string) (flags []string, dashdash bool) {
	flags = args[:len(args)-len(patterns)]
	if n := len(flags); n > 0 && flags[n-1] == "--" {
		return flags[:n-1], true
	}
	return flags, false
}

// run runs the analysis in a child perfvet with extra flags after the
// user's, passes on what it printed on standard error, and returns what
// it printed on standard output and its exit status. When the analysis
// stopped, it explains why in one line per problem and exits.
func (a analysisRun) run(extra ...string) ([]byte, int) {
	args := slices.Concat(a.pgoFlags, a.flags, extra)
	if a.dashdash {
		args = append(args, "--")
	}
	args = append(args, a.patterns...)
	self, err := os.Executable()
	if err != nil {
		fail(fmt.Errorf("finding the perfvet executable: %w", err))
	}
	child := exec.Command(self, args...)
	child.Env = append(os.Environ(), childEnv+"=1")
	// The driver prints its findings only once it has finished, so
	// holding its output back delays nothing, and lets a failure be
	// explained instead of followed.
	var stdout, stderr bytes.Buffer
	child.Stdin, child.Stdout, child.Stderr = os.Stdin, &stdout, &stderr
	if a.progress {
		child.ExtraFiles = []*os.File{os.Stderr}
		child.Env = append(child.Env, progressFDEnv+"=3")
	}
	code, err := exitStatus(child.Run())
	if err != nil {
		fail(fmt.Errorf("running the analysis: %w", err))
	}
	if code == childPartial {
		// Some packages do not build; the child has said which, and
		// analysed the others.
		os.Stderr.Write(stderr.Bytes())
		return stdout.Bytes(), exitFailure
	}
	if code == 1 {
		// The driver's status for anything that stopped the analysis.
		if err := checkPackages(a.patterns, a.tests); err != nil {
			fail(err)
		}
	}
	os.Stderr.Write(stderr.Bytes())
	return stdout.Bytes(), code
}

// fix applies the suggested fixes (or, with -diff, prints them) as the
// driver does, then runs the analysis once more to count the findings
// that no fix took care of: with -diff, those without a suggested fix.
// Findings left over are an exit status of 3, as in every other mode,
// with a line saying how many. -exit-zero skips the count.
func (a analysisRun) fix(opts outputOptions) int {
	out, code := a.run()
	os.Stdout.Write(out)
	if code != exitClean || opts.exitZero {
		// With -exit-zero what is left cannot change the status, and
		// counting it would cost a second analysis.
		return code
	}
	out, code = a.run("-fix=false", "-json")
	findings, errs, err := parseDriverJSON(out)
	if err != nil {
		fail(err)
	}
	if len(errs) > 0 || code != exitClean {
		return max(code, exitFailure)
	}
	return reportUnfixed(findings, opts)
}

// applyBuildTags makes -tags reach the go command. The driver of
// golang.org/x/tools accepts -tags but no longer applies it; GOFLAGS
// reaches every go command this process and the analysis start, the
// driver's package loading included.
func applyBuildTags(args []string, all []*analysis.Analyzer) {
	fs, values := shadowFlagSet(all)
	if fs.Parse(args) != nil || !values["tags"].set {
		return
	}
	tags := strings.Join(strings.FieldsFunc(values["tags"].value, func(r rune) bool { return r == ',' || r == ' ' }), ",")
	goflags := strings.TrimSpace(os.Getenv("GOFLAGS") + " -tags=" + tags)
	if err := os.Setenv("GOFLAGS", goflags); err != nil {
		fail(fmt.Errorf("setting GOFLAGS for -tags: %w", err))
	}
}

// showsProgress reports whether the analysis may show its progress:
// on a terminal, for output meant for a reader there.
func showsProgress(opts outputOptions) bool {
	return opts.format != formatJSON && term.IsTerminal(int(os.Stderr.Fd()))
}

// exitStatus returns the exit status of a finished child, or an error if
// it could not be started or was killed.
func exitStatus(err error) (int, error) {
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, nil
	case errors.As(err, &exit) && exit.ExitCode() >= 0:
		return exit.ExitCode(), nil
	}
	return 0, err
}
