package tripcount

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
)

// capturedInduction recognises load as a read of the loop variable of a
// three-clause loop whose variable a closure captures. Since Go 1.22
// each iteration has its own copy of such a variable, which SSA keeps
// in memory: a phi at the header merges the variable made before the
// loop with the fresh copy made at the end of each iteration, which the
// post statement then steps:
//
//	t0 = new int (i); *t0 = start                  before the loop
//	t1 = phi [t0, t6]                              header
//	t6 = new int (i); *t6 = *t1; *t6 = *t6 + step  latch
//
// The variable must only be read during the iteration, by the loop and
// by the closures capturing it; a write would change the count.
func capturedInduction(l *loops.Loop, load *ssa.UnOp) (induction, bool) {
	phi, ok := load.X.(*ssa.Phi)
	if !ok || phi.Block() != l.Header || !onlyRead(phi) {
		return induction{}, false
	}
	ind := induction{phi: phi}
	for i, pred := range phi.Block().Preds {
		alloc, ok := phi.Edges[i].(*ssa.Alloc)
		if !ok {
			return induction{}, false
		}
		stores := storesTo(alloc)
		if !l.Contains(pred) {
			if len(stores) != 1 || ind.start != nil && ind.start != stores[0].Val {
				return induction{}, false
			}
			ind.start = stores[0].Val
			continue
		}
		step, ok := copiedAndStepped(phi, alloc, stores)
		if !ok || ind.step != 0 && step != ind.step {
			return induction{}, false
		}
		ind.step = step
	}
	if ind.start == nil || ind.step == 0 {
		return induction{}, false
	}
	return ind, true
}

// copiedAndStepped recognises the stores into the next iteration's copy
// of the variable: first the current value (*phi), then that copy plus
// or minus a constant. It returns the step.
func copiedAndStepped(phi *ssa.Phi, next *ssa.Alloc, stores []*ssa.Store) (int64, bool) {
	if len(stores) != 2 || stores[0].Block() != stores[1].Block() {
		return 0, false
	}
	if cp, ok := stores[0].Val.(*ssa.UnOp); !ok || cp.Op != token.MUL || cp.X != phi {
		return 0, false
	}
	b, ok := stores[1].Val.(*ssa.BinOp)
	if !ok || b.Op != token.ADD && b.Op != token.SUB {
		return 0, false
	}
	if cur, ok := b.X.(*ssa.UnOp); !ok || cur.Op != token.MUL || cur.X != next {
		return 0, false
	}
	c, ok := intConst(b.Y)
	if !ok {
		return 0, false
	}
	if b.Op == token.SUB {
		c = -c
	}
	return c, true
}

// storesTo returns the stores whose address is alloc, in program order
// within their blocks.
func storesTo(alloc *ssa.Alloc) []*ssa.Store {
	var stores []*ssa.Store
	for _, ref := range *alloc.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == alloc {
			stores = append(stores, st)
		}
	}
	slices.SortFunc(stores, func(a, b *ssa.Store) int {
		if a.Block() != b.Block() {
			return a.Block().Index - b.Block().Index
		}
		return slices.Index(a.Block().Instrs, ssa.Instruction(a)) - slices.Index(b.Block().Instrs, ssa.Instruction(b))
	})
	return stores
}

// onlyRead reports whether the variable at addr is only loaded, directly
// or through the closures that capture it.
func onlyRead(addr ssa.Value) bool {
	stores, ok := irutil.VarStores(addr)
	return ok && len(stores) == 0
}
