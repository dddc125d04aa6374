package main

import (
	"fmt"
	"log"
	"os"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// Exit statuses of the standalone command, documented in docs/usage.md;
// 1 and 3 are also the driver's.
const (
	exitClean    = 0
	exitFailure  = 1 // the analysis could not run, or an analyzer failed
	exitUsage    = 2 // a flag is unknown or has a bad value
	exitFindings = 3
)

// usageError reports a bad command line in one line, with the status of
// the flag package's errors.
func usageError(err error) {
	log.Printf("%v; %s", err, usageHint)
	os.Exit(exitUsage)
}

// newReport prepares findings for rendering and filtering: the formats
// and filters that name files relative to a root find the roots first.
func newReport(findings []finding, errs []analysisError, opts outputOptions) (report, error) {
	r := report{findings: findings, errs: errs, src: newSources()}
	if opts.format == formatSARIF || opts.format == formatGitHub || opts.baseline != "" || opts.newFromRev != "" {
		var err error
		if r.roots, err = findRoots(); err != nil {
			return report{}, err
		}
	}
	return r, nil
}

// finish renders the driver's JSON output out, from a child that exited
// with code, in the format opts ask for, and returns the exit status:
// 3 when findings are reported (0 with -exit-zero), 1 when an analyzer
// failed. A run with -baseline whose file does not exist yet, or with
// -baseline-update, records the findings instead and exits with 0.
func finish(out []byte, code int, opts outputOptions, all []*analysis.Analyzer) int {
	findings, errs, err := parseDriverJSON(out)
	if err != nil {
		if code != exitClean {
			// The driver stopped before it printed JSON and has said
			// why on standard error.
			return code
		}
		fail(err)
	}
	findings = slices.DeleteFunc(findings, func(f finding) bool { return activeConfig.excluded(f.Posn.File) })
	r, err := newReport(findings, errs, opts)
	if err != nil {
		fail(err)
	}
	base, written, err := r.loadOrWriteBaseline(opts)
	if err != nil {
		fail(err)
	}
	if written {
		// Written: the run passes, and a tool reading the output
		// (a SARIF upload) still gets a document.
		r.findings = nil
		if err := r.render(opts, all); err != nil {
			fail(err)
		}
		return exitClean
	}
	if r, err = r.withoutKnown(base, opts.newFromRev); err != nil {
		fail(err)
	}
	if err := r.render(opts, all); err != nil {
		fail(err)
	}
	switch {
	case len(r.errs) > 0 || code != exitClean:
		return max(code, exitFailure)
	case len(r.findings) > 0 && !opts.exitZero:
		return exitFindings
	}
	return exitClean
}

// loadOrWriteBaseline returns the baseline of -baseline to filter with,
// or writes it, when the file does not exist yet or with
// -baseline-update, and says so. With no -baseline it does neither. A
// run in which an analyzer failed writes no baseline, since it would
// miss that analyzer's findings.
func (r report) loadOrWriteBaseline(opts outputOptions) (base *baseline, written bool, err error) {
	if opts.baseline == "" {
		return nil, false, nil
	}
	b, exists, err := readBaseline(opts.baseline)
	if err != nil && !opts.baselineUpdate {
		return nil, false, err
	}
	if exists && !opts.baselineUpdate {
		return &b, false, nil
	}
	if len(r.errs) > 0 {
		r.render(outputOptions{format: formatText}, nil)
		return nil, false, fmt.Errorf("not writing baseline %s: the analysis failed", opts.baseline)
	}
	if err := writeBaseline(opts.baseline, r); err != nil {
		return nil, false, err
	}
	n := len(r.findings)
	log.Printf("wrote %d %s to baseline %s; runs with -baseline=%s report only findings not in it", n, plural(n, "finding"), opts.baseline, opts.baseline)
	return nil, true, nil
}

// withoutKnown returns r without the findings recorded in base (if not
// nil) and, when rev is not empty, without those on lines unchanged
// since the git revision rev.
func (r report) withoutKnown(base *baseline, rev string) (report, error) {
	if base != nil {
		r.findings = notInBaseline(r, *base)
	}
	if rev != "" {
		changed, err := changedSince(r.roots.source, rev)
		if err != nil {
			return report{}, err
		}
		r.findings = onChangedLines(r, changed)
	}
	return r, nil
}

// render writes r in the format of opts: text on standard error, as
// the driver prints it, the other formats on standard output for tools
// to read; then, if there are findings, a summary line on standard
// error, in every format, so that a log says what a run found.
func (r report) render(opts outputOptions, all []*analysis.Analyzer) error {
	var err error
	switch opts.format {
	case formatJSON:
		err = renderJSON(os.Stdout, r)
	case formatSARIF:
		err = renderSARIF(os.Stdout, r, all)
	case formatGitHub:
		renderGitHub(os.Stdout, r)
	default:
		renderText(os.Stderr, r, opts.contextLines)
	}
	if err == nil && len(r.findings) > 0 {
		os.Stderr.WriteString(summary(r.findings))
	}
	return err
}

// reportUnfixed says in one line how many of findings, found after
// -fix applied the fixes, no fix took care of, and returns the exit
// status: 3 if there are any. Under -diff, which
// changes no file, those are the findings without a suggested fix. A
// baseline or -new-from-rev leaves out the findings they know.
func reportUnfixed(findings []finding, opts outputOptions) int {
	if opts.diff {
		findings = slices.DeleteFunc(findings, func(f finding) bool { return len(f.Fixes) > 0 })
	}
	r, err := newReport(findings, nil, opts)
	if err != nil {
		fail(err)
	}
	var base *baseline
	if opts.baseline != "" {
		b, exists, err := readBaseline(opts.baseline)
		if err != nil {
			fail(err)
		}
		if exists {
			base = &b
		}
	}
	if r, err = r.withoutKnown(base, opts.newFromRev); err != nil {
		fail(err)
	}
	n := len(r.findings)
	if n == 0 {
		return exitClean
	}
	log.Printf("%d %s not fixed (no suggested fix applies); run perfvet without -fix to list %s", n, plural(n, "finding"), pronoun(n))
	return exitFindings
}

// pronoun is "it" for one finding, "them" for more.
func pronoun(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
