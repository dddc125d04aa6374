// Package report is how perfvet analyzers report findings: it applies
// suppression directives, skips generated files, points related
// information at the loop, and reports stale or malformed directives.
package report

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/passes/irbuild"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/suppress"
)

// Reporter reports the findings of one analyzer on one package. Create
// it at the start of the analyzer's run and call Flush at the end.
type Reporter struct {
	pass *analysis.Pass
	dirs *suppress.Directives
	ir   *irbuild.IR
	used map[*suppress.Directive]bool
}

// New returns a Reporter for pass, whose analyzer must require what
// Requires lists.
func New(pass *analysis.Pass) *Reporter {
	return &Reporter{
		pass: pass,
		dirs: pass.ResultOf[suppress.Analyzer].(*suppress.Directives),
		ir:   pass.ResultOf[irbuild.Analyzer].(*irbuild.IR),
		used: make(map[*suppress.Directive]bool),
	}
}

// Report reports d unless it is in a generated file, in code another
// package reports (see irbuild.IR.Shared), or suppressed.
func (r *Reporter) Report(d analysis.Diagnostic) {
	if r.dirs.Generated(d.Pos) || r.ir.Shared(d.Pos) {
		return
	}
	if dir := r.dirs.Find(d.Pos, r.pass.Analyzer.Name); dir != nil && dir.Reason != "" {
		r.used[dir] = true
		return
	}
	r.pass.Report(d)
}

// InLoop reports a finding on node, inside loop l, with related
// information pointing at the loop.
func (r *Reporter) InLoop(node ast.Node, l *loops.Loop, message string, fixes ...analysis.SuggestedFix) {
	r.Report(analysis.Diagnostic{
		Pos:            node.Pos(),
		End:            node.End(),
		Message:        message,
		SuggestedFixes: fixes,
		Related:        []analysis.RelatedInformation{LoopInfo(l)},
	})
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
		if r.ir.Shared(d.Pos) {
			continue // checked where the code is reported
		}
		if d.Misspelt == name {
			word, _, _ := strings.Cut(d.Reason, " ")
			r.pass.Report(analysis.Diagnostic{Pos: d.Pos, End: d.Pos + token.Pos(len("//perfvet:ignore")),
				Message: "perfvet:ignore directive names no analyzer " + word + "; did you mean " + name + "? it suppresses nothing as written"})
			continue
		}
		if !d.NamesAnalyzer(name) {
			continue
		}
		switch {
		case d.Reason == "":
			r.pass.Report(analysis.Diagnostic{Pos: d.Pos, End: d.Pos + token.Pos(len("//perfvet:ignore")),
				Message: "perfvet:ignore directive needs a reason after the analyzer names; it suppresses nothing without one"})
		case !r.used[d]:
			r.pass.Report(analysis.Diagnostic{Pos: d.Pos, End: d.Pos + token.Pos(len("//perfvet:ignore")),
				Message: "unused perfvet:ignore directive: no " + name + " finding on this line or the next; remove it"})
		}
	}
}

// Requires returns the analyzers every perfvet analyzer needs, followed
// by its own other prerequisites.
func Requires(own ...*analysis.Analyzer) []*analysis.Analyzer {
	reqs := []*analysis.Analyzer{suppress.Analyzer, irbuild.Analyzer}
	for _, a := range own {
		if a != suppress.Analyzer && a != irbuild.Analyzer {
			reqs = append(reqs, a)
		}
	}
	return reqs
}
