package deferloop

import (
	_ "embed"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/analyzers/internal/lint"
	"github.com/perfvet/perfvet/analyzers/internal/report"
	"github.com/perfvet/perfvet/analyzers/internal/source"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/tripcount"
)

//go:embed doc.go
var doc string

// Analyzer reports defer statements that run on every iteration of a loop.
var Analyzer = Info.Analyzer

// Info is the analyzer's registry entry.
var Info = lint.Define(lint.Analyzer{
	Name:  "deferloop",
	Doc:   doc,
	Fixes: true,
	Tags:  []lint.Tag{lint.Resources},
	Run:   run,
})

func run(p *lint.Pass) (any, error) {
	pass := p.Pass
	ir := p.IR()
	forest := p.Loops()
	counts := p.Counts()
	r := p.Reporter()

	fixed := make(map[*ast.BlockStmt]bool) // loop bodies already given a fix
	for _, fn := range ir.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				d, ok := instr.(*ssa.Defer)
				if !ok {
					continue
				}
				if l := repeatingLoop(forest, counts, d); l != nil && !handedOn(l, d) && !takesSlots(counts, l, d) {
					reportDefer(pass, r, d, l, fixed)
				}
			}
		}
	}
	return nil, nil
}

// repeatingLoop returns the innermost hot loop on whose iterations d runs
// again, or nil if there is none.
//
// In an ordinary function that is the innermost hot natural loop holding
// d's block: a defer on a path that leaves the loop (the iteration that
// defers returns or breaks) is outside it. In the body of a
// range-over-func statement, a yield function whose blocks all count as
// the loop, d runs at most once per range statement when every path
// after it stops the iteration (the yield function returns false), and
// at most once per call of the enclosing function when each such stop
// is a return statement.
func repeatingLoop(forest *loops.Forest, counts *tripcount.Counts, d *ssa.Defer) *loops.Loop {
	stops, returns := rangeStops(forest, d)
	for _, l := range forest.Enclosing(d) {
		if l.Fn != d.Parent() && returns {
			return nil // the enclosing function returns right after d
		}
		if l.Kind == loops.RangeFunc && l.Fn == d.Parent() && stops {
			continue
		}
		if counts.Hot(l) {
			return l
		}
	}
	return nil
}

// rangeStops reports, for a defer in a range-over-func body, whether
// every path after it ends the range statement, and whether each of
// those ends is a return statement of the source, which returns from the
// enclosing function. Outside yield functions both are false.
func rangeStops(forest *loops.Forest, d *ssa.Defer) (stops, returns bool) {
	l := forest.Innermost(d)
	for l != nil && l.Fn == d.Parent() && l.Kind != loops.RangeFunc {
		l = l.Parent
	}
	if l == nil || l.Fn != d.Parent() {
		return false, false
	}
	stops, rets := l.StopsAfter(d)
	if !stops {
		return false, false
	}
	for _, ret := range rets {
		if !isReturnStmt(d.Parent(), ret) {
			return true, false
		}
	}
	return true, true
}

// isReturnStmt reports whether ret comes from a return statement in the
// source of the range-over-func body fn, rather than from a break.
func isReturnStmt(fn *ssa.Function, ret *ssa.Return) bool {
	if !ret.Pos().IsValid() || fn.Syntax() == nil {
		return false
	}
	found := false
	ast.Inspect(fn.Syntax(), func(n ast.Node) bool {
		if found || n == nil || ret.Pos() < n.Pos() || ret.Pos() >= n.End() {
			return false
		}
		if rs, ok := n.(*ast.ReturnStmt); ok && rs.Return == ret.Pos() {
			found = true
		}
		return !found
	})
	return found
}

// reportDefer reports d, which runs on every iteration of l.
func reportDefer(pass *analysis.Pass, r *report.Reporter, d *ssa.Defer, l *loops.Loop, fixed map[*ast.BlockStmt]bool) {
	file, path := source.Enclosing(pass, d.Pos())
	stmt := deferStmt(path, d)
	if stmt == nil {
		return // no source to point at
	}
	msg := describeCall(stmt.Call) + " runs when " + functionName(d.Parent()) +
		" returns, not after each iteration of " + l.Describe() +
		": the deferred calls pile up (what they release stays held) and each allocates a defer record; " +
		"move the loop body into a function called per iteration, or make the call explicitly at the end of the iteration"
	var fixes []analysis.SuggestedFix
	if body := loopBody(l); body != nil && !fixed[body] {
		if fix, ok := closureFix(pass, file, path, body, stmt); ok {
			fixed[body] = true
			fixes = append(fixes, fix)
		}
	}
	r.InLoop(stmt, l, msg, fixes...)
}

// deferStmt returns the defer statement of d from the path enclosing its
// position.
func deferStmt(path []ast.Node, d *ssa.Defer) *ast.DeferStmt {
	for _, n := range path {
		if ds, ok := n.(*ast.DeferStmt); ok && ds.Defer == d.Pos() {
			return ds
		}
	}
	return nil
}

// describeCall names the deferred call for messages.
func describeCall(call *ast.CallExpr) string {
	if _, isLit := ast.Unparen(call.Fun).(*ast.FuncLit); isLit {
		return "a deferred function literal"
	}
	if s := types.ExprString(call); len(s) <= 40 {
		return "defer " + s
	}
	return "defer " + types.ExprString(call.Fun) + "(...)"
}

// functionName names the function whose return runs the deferred calls
// of fn: fn itself, or the function holding the range-over-func
// statement whose body fn is.
func functionName(fn *ssa.Function) string {
	for isYield(fn) && fn.Parent() != nil {
		fn = fn.Parent()
	}
	if fn.Parent() != nil {
		return "the enclosing function literal"
	}
	return fn.Name()
}

// loopBody returns the body of l's for or range statement, or nil for a
// loop built with goto.
func loopBody(l *loops.Loop) *ast.BlockStmt {
	switch s := l.Stmt.(type) {
	case *ast.ForStmt:
		return s.Body
	case *ast.RangeStmt:
		return s.Body
	}
	return nil
}

// isYield reports whether fn is the body of a range-over-func statement.
func isYield(fn *ssa.Function) bool { return fn.Synthetic == "range-over-func yield" }
