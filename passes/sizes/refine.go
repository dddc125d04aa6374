package sizes

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
)

// maxGuards bounds how far refine looks up a chain of single-entry
// blocks for comparisons.
const maxGuards = 8

// refine narrows sz, the size of v on the edge from pred to succ, by the
// comparisons known to hold on that edge: the branch taken there, and
// the branches that lead to pred through blocks with a single entry.
// After if n > limit { n = limit }, the n that skips the assignment is
// at most limit.
func (q *query) refine(sz Size, v ssa.Value, pred, succ *ssa.BasicBlock, depth int) Size {
	from, to := pred, succ
	for range maxGuards {
		if w, ok := guardBound(from, to, v); ok {
			if ws := q.size(w, depth); !cyclic(ws) {
				sz = meet(sz, ws)
			}
		}
		if len(from.Preds) != 1 {
			break
		}
		from, to = from.Preds[0], from
	}
	return sz
}

// guardBound returns w when the branch from from to to is taken only if
// v <= w (v < w, v == w).
func guardBound(from, to *ssa.BasicBlock, v ssa.Value) (ssa.Value, bool) {
	if len(from.Succs) != 2 || from.Succs[0] == from.Succs[1] || len(from.Instrs) == 0 {
		return nil, false
	}
	branch, ok := from.Instrs[len(from.Instrs)-1].(*ssa.If)
	if !ok {
		return nil, false
	}
	cmp, ok := branch.Cond.(*ssa.BinOp)
	if !ok {
		return nil, false
	}
	op := cmp.Op
	if to != from.Succs[0] {
		op = irutil.Negate(op)
	}
	switch {
	case same(cmp.X, v) && (op == token.LSS || op == token.LEQ || op == token.EQL):
		return cmp.Y, true
	case same(cmp.Y, v) && (op == token.GTR || op == token.GEQ || op == token.EQL):
		return cmp.X, true
	}
	return nil, false
}

// same reports whether a and b are the same value: one SSA value, or
// len or cap of the same value, which each mention computes anew
// (if n > len(xs) { n = len(xs) }).
func same(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	ca, ok1 := a.(*ssa.Call)
	cb, ok2 := b.(*ssa.Call)
	if !ok1 || !ok2 || len(ca.Call.Args) != 1 || len(cb.Call.Args) != 1 || ca.Call.Args[0] != cb.Call.Args[0] {
		return false
	}
	ba, ok1 := ca.Call.Value.(*ssa.Builtin)
	bb, ok2 := cb.Call.Value.(*ssa.Builtin)
	return ok1 && ok2 && ba.Name() == bb.Name() && (ba.Name() == "len" || ba.Name() == "cap")
}
