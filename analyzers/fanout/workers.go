package fanout

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/tripcount"
)

// replicatedWorkers reports whether x, in an iteration of l, starts one
// of n identical long-running workers: l counts to an integer n rather
// than walking a collection or a channel, the goroutine receives nothing
// from the iteration but its index, and its body loops on its own. n is
// then a configured degree of concurrency (readers in a benchmark, a
// pool sized by a flag), not one task per item of data.
func (c *checker) replicatedWorkers(l *loops.Loop, x ssa.Instruction) bool {
	if c.counts.Of(l).Kind != tripcount.Int && !countsUp(l) {
		return false
	}
	ln, ok := c.launchAt(x)
	if !ok || ln.body == nil || !c.runsLoop(ln.body, 0) {
		return false
	}
	for _, v := range handedOver(ln) {
		if !outsideOrIndex(l, v) {
			return false
		}
	}
	return true
}

// countsUp reports whether l is written as for i := a; i < n; i++ (or
// <=, or i += 1), with i assigned nowhere else: a count to an integer even
// when the trip count pass cannot prove n fixed, as when the goroutines
// capture it.
func countsUp(l *loops.Loop) bool {
	fs, ok := l.Stmt.(*ast.ForStmt)
	if !ok {
		return false
	}
	init, ok := fs.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE || len(init.Lhs) != 1 {
		return false
	}
	i, ok := init.Lhs[0].(*ast.Ident)
	if !ok {
		return false
	}
	cond, ok := ast.Unparen(fs.Cond).(*ast.BinaryExpr)
	if !ok || (cond.Op != token.LSS && cond.Op != token.LEQ) || !isIdent(cond.X, i.Name) {
		return false
	}
	post, ok := fs.Post.(*ast.IncDecStmt)
	if !ok || post.Tok != token.INC || !isIdent(post.X, i.Name) {
		return false
	}
	return !assignedIn(fs.Body, i.Name)
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == name
}

// assignedIn reports whether body assigns to, increments or takes the
// address of a variable spelt name.
func assignedIn(body *ast.BlockStmt, name string) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				found = found || isIdent(lhs, name)
			}
		case *ast.IncDecStmt:
			found = found || isIdent(n.X, name)
		case *ast.UnaryExpr:
			found = found || (n.Op == token.AND && isIdent(n.X, name))
		}
		return !found
	})
	return found
}

// runsLoop reports whether fn, or a same-package function it calls,
// contains a loop.
func (c *checker) runsLoop(fn *ssa.Function, depth int) bool {
	if len(c.forest.Of(fn)) > 0 {
		return true
	}
	if depth >= maxCallDepth {
		return false
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok {
				if callee := c.callee(call.Common()); callee != nil && c.runsLoop(callee, depth+1) {
					return true
				}
			}
		}
	}
	return false
}

// handedOver returns what a launched goroutine receives from its starter:
// the call's arguments and, for a closure (run by go or passed to a Go
// method), its captured variables.
func handedOver(ln launch) []ssa.Value {
	common := ln.instr.(ssa.CallInstruction).Common()
	var vs []ssa.Value
	for _, v := range append([]ssa.Value{common.Value}, common.Args...) {
		if mc, ok := v.(*ssa.MakeClosure); ok {
			vs = append(vs, mc.Bindings...)
		} else if v != common.Value {
			vs = append(vs, v)
		}
	}
	return vs
}

// outsideOrIndex reports whether v is fixed before loop l starts or is
// l's index: a header phi, or the per-iteration variable holding it.
func outsideOrIndex(l *loops.Loop, v ssa.Value) bool {
	instr, ok := v.(ssa.Instruction)
	if !ok || !l.ContainsInstr(instr) {
		return true
	}
	if isIndex(l, v) {
		return true
	}
	alloc, ok := v.(*ssa.Alloc)
	if !ok {
		return false
	}
	for _, ref := range *alloc.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == alloc && !isIndex(l, st.Val) {
			return false
		}
	}
	return true
}

// isIndex reports whether v is a phi at l's header, or one plus or minus
// a constant: the counter of a counted loop.
func isIndex(l *loops.Loop, v ssa.Value) bool {
	if base, _, ok := irutil.Offset(v); ok {
		v = base
	}
	phi, ok := v.(*ssa.Phi)
	return ok && phi.Block() == l.Header
}
