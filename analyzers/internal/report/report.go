// Package report is how perfvet analyzers report findings: it applies
// the evidence rules of the hotness pass (profile share), the reporting
// scope of the scope pass (generated files, test files, shared code),
// suppression directives, points related
// information at the loop, and reports stale or malformed directives.
package report

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/hotness"
	"github.com/perfvet/perfvet/passes/irbuild"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/scope"
	"github.com/perfvet/perfvet/passes/suppress"
)

// Reporter reports the findings of one analyzer on one package. Create
// it at the start of the analyzer's run and call Flush at the end.
type Reporter struct {
	pass     *analysis.Pass
	dirs     *suppress.Directives
	scope    *scope.Scope
	evidence *hotness.Evidence
	used     map[*suppress.Directive]bool
	// profileOnly drops every finding when no profile applies.
	profileOnly bool
}

// New returns a Reporter for pass, whose analyzer must require what
// Requires lists.
func New(pass *analysis.Pass) *Reporter {
	return &Reporter{
		pass:     pass,
		dirs:     pass.ResultOf[suppress.Analyzer].(*suppress.Directives),
		scope:    pass.ResultOf[scope.Analyzer].(*scope.Scope),
		evidence: pass.ResultOf[hotness.Analyzer].(*hotness.Evidence),
		used:     make(map[*suppress.Directive]bool),
	}
}

// ProfileOnly makes r report only where a profile applies: for
// analyzers whose findings are worth reading only with that evidence.
func (r *Reporter) ProfileOnly() { r.profileOnly = true }

// Profiled reports whether a profile applies to the package.
func (r *Reporter) Profiled() bool { return r.evidence.Profiled() }

// HotFunc reports whether a profile shows fn, a declared function, hot:
// evidence that it runs repeatedly, for analyzers that report work
// repeated on every call.
func (r *Reporter) HotFunc(fn *ssa.Function) bool { return r.evidence.HotFunc(fn) }

// Report reports d, weighed by the profile share of the innermost for
// or range statement around it (of its function, in none).
func (r *Reporter) Report(d analysis.Diagnostic) {
	start, end := enclosingLoop(r.pass, d.Pos)
	r.report(d, start, end)
}

// InLoop reports a finding on node, inside loop l, with related
// information pointing at the loop, weighed by l's profile share.
func (r *Reporter) InLoop(node ast.Node, l *loops.Loop, message string, fixes ...analysis.SuggestedFix) {
	start, end := loopSpan(l)
	r.report(analysis.Diagnostic{
		Pos:            node.Pos(),
		End:            node.End(),
		Message:        message,
		SuggestedFixes: fixes,
		Related:        []analysis.RelatedInformation{LoopInfo(l)},
	}, start, end)
}

// report reports d, in code spanning [loopStart, loopEnd], unless it is
// out of the package's reporting scope (see scope.Scope.Reported), a
// directive suppresses it, or the evidence rules drop it.
// A directive that matches a dropped finding still counts as used: the
// finding would be there with other evidence.
func (r *Reporter) report(d analysis.Diagnostic, loopStart, loopEnd token.Pos) {
	if !r.scope.Reported(d.Pos) {
		return
	}
	if dir := r.dirs.Find(d.Pos, r.pass.Analyzer.Name); dir != nil && dir.Reason != "" {
		r.used[dir] = true
		return
	}
	w := r.evidence.Weigh(d.Pos, loopStart, loopEnd)
	if !w.Hot() || r.profileOnly && !w.Profiled {
		return
	}
	d.Message += w.Suffix()
	r.pass.Report(d)
}

// LoopInfo is related information pointing at loop l's header.
func LoopInfo(l *loops.Loop) analysis.RelatedInformation {
	return analysis.RelatedInformation{Pos: l.Pos(), Message: l.Describe()}
}

// Flush reports the directives naming this analyzer that lack a reason
// or suppressed nothing in this package.
func (r *Reporter) Flush() {
	name := r.pass.Analyzer.Name
	for _, d := range r.dirs.List {
		if !r.scope.Reported(d.Pos) {
			continue // checked where the code is reported, if anywhere
		}
		keyword := strings.TrimPrefix(d.Text(), "//")
		end := d.Pos + token.Pos(len(d.Text()))
		if d.Misspelt == name {
			word, _, _ := strings.Cut(d.Reason, " ")
			r.pass.Report(analysis.Diagnostic{Pos: d.Pos, End: end,
				Message: keyword + " directive names no analyzer " + word + "; did you mean " + name + "? it suppresses nothing as written"})
			continue
		}
		if !d.NamesAnalyzer(name) {
			continue
		}
		switch {
		case d.Reason == "":
			r.pass.Report(analysis.Diagnostic{Pos: d.Pos, End: end,
				Message: keyword + " directive needs a reason after the analyzer names; it suppresses nothing without one"})
		case !r.used[d]:
			r.pass.Report(analysis.Diagnostic{Pos: d.Pos, End: end,
				Message: "unused " + keyword + " directive: no " + name + " finding " + d.Scope() + "; remove it"})
		}
	}
}

// Requires returns the analyzers every perfvet analyzer needs, followed
// by its own other prerequisites.
func Requires(own ...*analysis.Analyzer) []*analysis.Analyzer {
	reqs := []*analysis.Analyzer{suppress.Analyzer, scope.Analyzer, irbuild.Analyzer, hotness.Analyzer}
	base := len(reqs)
	for _, a := range own {
		if !slices.Contains(reqs[:base], a) {
			reqs = append(reqs, a)
		}
	}
	return reqs
}
