package tripcount

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/loops"
)

// EarlyExits returns the edges by which l may stop before its trip count
// runs out: every exit but the one taken when the count is exhausted, or
// every exit when the count is unknown. Exits into code that can only
// panic (including calls that never return, such as log.Fatal) are left
// out: they abort the computation rather than cut the loop short.
//
// A loop with a count and no early exit runs exactly as many times as
// the count says when the count is Exact.
func (cs *Counts) EarlyExits(l *loops.Loop) []loops.Edge {
	c := cs.byLoop[l]
	var early []loops.Edge
	for _, e := range l.Exits {
		if c.Kind != Unknown && e == c.exit {
			continue
		}
		if onlyPanics(e.To) {
			continue
		}
		early = append(early, e)
	}
	return early
}

// onlyPanics reports whether every path from b ends in a panic without
// branching: the builder ends the block of a panic, or of a call that
// never returns, with a Panic instruction.
func onlyPanics(b *ssa.BasicBlock) bool {
	for range 16 {
		if len(b.Instrs) == 0 {
			return false
		}
		switch b.Instrs[len(b.Instrs)-1].(type) {
		case *ssa.Panic:
			return true
		case *ssa.Jump:
			b = b.Succs[0]
		default:
			return false
		}
	}
	return false
}

// conditionBound finds the source of a counted loop's bound in the
// comparison that ends it, for loops whose statement does not show it
// (loops built with goto): x of a len(x) bound, or the bound itself.
func conditionBound(l *loops.Loop, exit loops.Edge, c Count) ast.Expr {
	if (c.Kind != Len && c.Kind != Int) || c.down {
		return nil
	}
	ifInstr, ok := exit.From.Instrs[len(exit.From.Instrs)-1].(*ssa.If)
	if !ok {
		return nil
	}
	cmp, ok := ifInstr.Cond.(*ssa.BinOp)
	if !ok {
		return nil
	}
	be := comparisonAt(l.Fn, cmp.Pos())
	if be == nil {
		return nil
	}
	bound := be.Y
	if _, _, ok := inductionOf(l, cmp.Y); ok {
		bound = be.X
	}
	bound = ast.Unparen(bound)
	if c.Kind == Int {
		return bound
	}
	call, ok := bound.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return nil
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); !ok || id.Name != "len" {
		return nil
	}
	return call.Args[0]
}

// comparisonAt returns the binary expression of fn's source whose
// operator is at pos.
func comparisonAt(fn *ssa.Function, pos token.Pos) *ast.BinaryExpr {
	syntax := fn.Syntax()
	if syntax == nil || !pos.IsValid() {
		return nil
	}
	var found *ast.BinaryExpr
	ast.Inspect(syntax, func(n ast.Node) bool {
		if found != nil || n == nil || pos < n.Pos() || pos >= n.End() {
			return false
		}
		if be, ok := n.(*ast.BinaryExpr); ok && be.OpPos == pos {
			found = be
		}
		return found == nil
	})
	return found
}

// CountingExit returns the edge by which l leaves when its trip count
// runs out, and false when the count is unknown.
func (cs *Counts) CountingExit(l *loops.Loop) (loops.Edge, bool) {
	c := cs.byLoop[l]
	if c.Kind == Unknown || c.exit.From == nil {
		return loops.Edge{}, false
	}
	return c.exit, true
}
