// Package report is how perfvet analyzers report findings: it applies
// the reporting scope of the scope pass (generated files, test files,
// shared code), suppression directives and the evidence rules of the
// hotness pass (profile share), and points related information at the
// loop. It records which directives suppressed a
// finding, so that the directives analyzer can tell the unused ones;
// it reports no directive itself.
package report

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/hotness"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/scope"
	"github.com/perfvet/perfvet/passes/suppress"
)

// Reporter reports the findings of one analyzer on one package.
type Reporter struct {
	pass     *analysis.Pass
	dirs     *suppress.Directives
	scope    *scope.Scope
	evidence *hotness.Evidence
	used     map[*suppress.Directive]bool
	// profileOnly drops every finding when no profile applies.
	profileOnly bool
}

// New returns a Reporter for pass, whose analyzer must require the
// suppress, scope and hotness passes.
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
// Without a profile such an analyzer reports nothing, so its directives
// are not judged (see Judges).
func (r *Reporter) ProfileOnly() { r.profileOnly = true }

// Judges reports whether this run can tell the directives naming the
// analyzer unused: not when it reports only with a profile and none
// applies, since its findings are then not looked for.
func (r *Reporter) Judges() bool { return !r.profileOnly || r.evidence.Profiled() }

// Used reports whether d suppressed a finding of this run.
func (r *Reporter) Used(d *suppress.Directive) bool { return r.used[d] }

// Checked reports whether a directive at pos is this package's to
// judge: in its reporting scope (see scope.Scope.Reported) and, under a
// profile, in a function the profile shows hot. The analysis looks for
// findings only where they can be reported, so a directive elsewhere
// (in cold code, or at file level) is not known to suppress nothing.
func (r *Reporter) Checked(pos token.Pos) bool {
	return r.scope.Reported(pos) && (!r.evidence.Profiled() || r.evidence.HotAt(pos))
}

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
	if dir := r.suppressor(d); dir != nil {
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

// suppressor returns the directive that suppresses d: one with a
// reason for this analyzer, at d's position or at one of its related
// positions (the loop, an "also extended here"), since a reader may put
// the directive on any line the finding names.
func (r *Reporter) suppressor(d analysis.Diagnostic) *suppress.Directive {
	name := r.pass.Analyzer.Name
	if dir := r.dirs.Find(d.Pos, name); dir != nil && dir.Reason != "" {
		return dir
	}
	for _, rel := range d.Related {
		if dir := r.dirs.Find(rel.Pos, name); dir != nil && dir.Reason != "" {
			return dir
		}
	}
	return nil
}
