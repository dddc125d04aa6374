package lint

import (
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers/internal/meta"
	"github.com/perfvet/perfvet/analyzers/internal/report"
	"github.com/perfvet/perfvet/passes/suppress"
)

// DirectivesName is the name of the directives analyzer.
const DirectivesName = "directives"

const directivesDoc = DirectivesName + `: report malformed, reason-less, misspelt and unused //perfvet:ignore directives

A suppression directive that suppresses nothing is worse than none: it
claims a finding was looked at. This analyzer reports, once per
directive and for every package, a comment that starts with
//perfvet: but is neither //perfvet:ignore nor //perfvet:file-ignore; a
directive without a reason; one whose first word is a likely typo of an
analyzer name (the nearest name is suggested); and one that suppressed
no finding of the analyzers that ran.`

// Directives returns the directives analyzer for the analyzers of infos,
// which it requires, each result being the record of what its findings
// used.
//
// A directive is unused when no finding it applies to was suppressed by
// it, judged only by analyzers that looked for their findings in this
// run. An analyzer the driver's command line leaves out (-name=false,
// or other analyzers selected) is not run and judges nothing; neither
// does one that reports only with a profile when none applies
// (hoistfield without -hoistfield.static). A directive naming analyzers
// is unused only if every analyzer it names judged it and none used it:
// a directive for an analyzer not looking is not stale. A directive
// naming none applies to every analyzer and is unused if none of the
// analyzers that judged used it: naming the analyzer is how to keep one
// meant for a profile-only finding.
//
// Findings on a directive's related lines count (see
// report.Reporter.Report), as do findings the evidence rules drop:
// those would be reported with other evidence. Directives in code
// another package reports, or in test files not reported on, are left
// to the package that reports them.
func Directives(infos []meta.Info) *analysis.Analyzer {
	judges := make([]*analysis.Analyzer, len(infos))
	for i, info := range infos {
		judges[i] = info.Analyzer
	}
	return &analysis.Analyzer{
		Name:     DirectivesName,
		Doc:      directivesDoc,
		URL:      meta.URL(DirectivesName),
		Requires: append(slices.Clone(shared), judges...),
		Run: func(pass *analysis.Pass) (any, error) {
			judge(pass, outcomes(pass))
			return nil, nil
		},
	}
}

// outcomes returns the outcomes of the analyzers pass's analyzer
// requires. It reads them through pass.Analyzer, not the analyzers
// Directives was given: a front end runs copies of the analyzers that
// require each other's copies (see analyzers.Wrap).
func outcomes(pass *analysis.Pass) []run {
	var runs []run
	for _, a := range pass.Analyzer.Requires {
		if o, ok := pass.ResultOf[a].(*Outcome); ok {
			runs = append(runs, run{a.Name, o})
		}
	}
	return runs
}

// Alone returns a copy of a, an analyzer Define made, that also reports
// the directives as the directives analyzer would if a were the only
// analyzer in the run: how an analyzer's golden tests check the
// directives that name it. Other analyzers are returned unchanged.
func Alone(a *analysis.Analyzer) *analysis.Analyzer {
	v, ok := defined.Load(a)
	if !ok {
		return a
	}
	decl := v.(*Analyzer)
	c := *a
	c.Run = func(pass *analysis.Pass) (any, error) {
		out, err := decl.run(pass)
		if err != nil {
			return nil, err
		}
		judge(pass, []run{{a.Name, out}})
		return out, nil
	}
	return &c
}

// run is one analyzer's outcome in a package.
type run struct {
	name    string
	outcome *Outcome
}

// judge reports each directive of the package that has a problem, given
// the outcomes of the analyzers that ran.
func judge(pass *analysis.Pass, runs []run) {
	scope := report.New(pass)
	dirs := pass.ResultOf[suppress.Analyzer].(*suppress.Directives)
	for _, d := range dirs.List {
		if !scope.Checked(d.Pos) {
			continue
		}
		if msg := problem(d, runs); msg != "" {
			pass.Report(analysis.Diagnostic{Pos: d.Pos, End: d.End, Message: msg})
		}
	}
}

// problem returns what is wrong with d, or "".
func problem(d *suppress.Directive, runs []run) string {
	keyword := strings.TrimPrefix(d.Text(), "//")
	switch {
	case d.Malformed != "":
		return keyword + " is not a perfvet directive (perfvet:ignore or perfvet:file-ignore); it suppresses nothing as written"
	case d.Misspelt != "":
		word, _, _ := strings.Cut(d.Reason, " ")
		return keyword + " directive names no analyzer " + word + "; did you mean " + d.Misspelt + "? it suppresses nothing as written"
	case d.Reason == "" && len(d.Names) == 0:
		return keyword + " directive needs a reason; it suppresses nothing without one"
	case d.Reason == "":
		return keyword + " directive needs a reason after the analyzer names; it suppresses nothing without one"
	case unused(d, runs):
		return "unused " + keyword + " directive: no " + findingOf(d) + " " + d.Scope() + "; remove it"
	}
	return ""
}

// unused reports whether d, a well-formed directive, suppressed nothing,
// by the rules of Directives.
func unused(d *suppress.Directive, runs []run) bool {
	if len(d.Names) > 0 {
		for _, name := range d.Names {
			o := outcomeOf(runs, name)
			if o == nil || !o.judges() || o.used(d) {
				return false
			}
		}
		return true
	}
	judged := false
	for _, r := range runs {
		if r.outcome.judges() {
			if r.outcome.used(d) {
				return false
			}
			judged = true
		}
	}
	return judged
}

// outcomeOf returns the outcome of the analyzer called name, or nil if
// it is not among runs.
func outcomeOf(runs []run, name string) *Outcome {
	for _, r := range runs {
		if r.name == name {
			return r.outcome
		}
	}
	return nil
}

// findingOf says whose finding d was for: "concatloop finding",
// "concatloop or prealloc finding", or "finding".
func findingOf(d *suppress.Directive) string {
	if len(d.Names) == 0 {
		return "finding"
	}
	return strings.Join(d.Names, " or ") + " finding"
}
