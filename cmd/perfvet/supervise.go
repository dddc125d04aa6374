package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

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
func supervise(patterns []string, tests bool, all []*analysis.Analyzer) int {
	if err := checkFilePatterns(patterns); err != nil {
		fail(err)
	}
	if err := parseEvidenceFlags(os.Args[1:], all); err != nil {
		fail(err)
	}
	applyBuildTags(os.Args[1:], all)
	if err := checkProfiles(); err != nil {
		fail(err)
	}
	pgoFlags, cleanup, err := assignDefaultPGO(patterns, tests)
	if err != nil {
		fail(err)
	}
	defer cleanup()
	self, err := os.Executable()
	if err != nil {
		fail(fmt.Errorf("finding the perfvet executable: %w", err))
	}
	child := exec.Command(self, append(pgoFlags, os.Args[1:]...)...)
	child.Env = append(os.Environ(), childEnv+"=1")
	// The driver prints its findings only once it has finished, so
	// holding its output back delays nothing, and lets a failure be
	// explained instead of followed.
	var stdout, stderr bytes.Buffer
	child.Stdin, child.Stdout, child.Stderr = os.Stdin, &stdout, &stderr
	code, err := exitStatus(child.Run())
	if err != nil {
		fail(fmt.Errorf("running the analysis: %w", err))
	}
	if code == 1 {
		// The driver's status for anything that stopped the analysis.
		if err := checkPackages(patterns, tests); err != nil {
			fail(err)
		}
	}
	os.Stdout.Write(addShares(stdout.Bytes()))
	os.Stderr.Write(orderByShare(stderr.Bytes()))
	return code
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
