package invariant

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/loops"
)

// InvariantThroughLocals is Invariant, but it also sees through loads of
// local variables that are written exactly once (see [StoredOnce]): such a
// load yields the stored value, or a field of it, so it is invariant when
// that value is.
//
// The distinction matters for struct values. A range statement copies
// each struct element into a local variable when the body reads its
// fields, and under the type-based alias model that copy counts as a
// write to every field of that struct type: without this query, u.ID
// read from the outer loop's element would look as if it changed on
// every iteration of an inner loop over values of the same type.
func (o *Oracle) InvariantThroughLocals(v ssa.Value, l *loops.Loop) bool {
	for range maxProjections {
		if o.Invariant(v, l) {
			return true
		}
		switch x := v.(type) {
		case *ssa.Field:
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return false
			}
			st := storeBehind(x.X)
			if st == nil {
				return false
			}
			v = st.Val
		default:
			return false
		}
	}
	return false
}

// maxProjections bounds the field selections and copies followed back
// from one value.
const maxProjections = 32

// storeBehind returns the only store to the local variable addr points
// into, directly or through field addresses, or nil.
func storeBehind(addr ssa.Value) *ssa.Store {
	for range maxProjections {
		switch a := addr.(type) {
		case *ssa.FieldAddr:
			addr = a.X
		case *ssa.Alloc:
			return StoredOnce(a)
		default:
			return nil
		}
	}
	return nil
}

// StoredOnce returns the store that gives the local variable a its only
// value, or nil unless every read of a sees that value. That holds when a
// does not escape (it is not captured, and its address goes nowhere but
// into loads and field addresses used for loads), exactly one store
// writes it, right where it is allocated, and that store comes before
// every load.
//
// The SSA builder creates such variables for struct values whose fields
// are read (a range statement's element, x := v): the value read back is
// then the stored SSA value, which never changes.
func StoredOnce(a *ssa.Alloc) *ssa.Store {
	if a.Heap {
		return nil
	}
	var store *ssa.Store
	var loads []*ssa.UnOp
	for _, ref := range *a.Referrers() {
		if st, ok := ref.(*ssa.Store); ok {
			if st.Addr != a || st.Val == a || store != nil {
				return nil
			}
			store = st
			continue
		}
		if !collectLoads(ref, &loads, 0) {
			return nil
		}
	}
	if store == nil || store.Block() != a.Block() {
		return nil
	}
	for _, ld := range loads {
		if !precedes(store, ld) {
			return nil
		}
	}
	return store
}

// collectLoads adds to loads the loads that use of an address performs,
// failing on any use other than a load, a field address leading only to
// loads, or a debug reference.
func collectLoads(use ssa.Instruction, loads *[]*ssa.UnOp, depth int) bool {
	switch u := use.(type) {
	case *ssa.DebugRef:
		return true
	case *ssa.UnOp:
		if u.Op != token.MUL {
			return false
		}
		*loads = append(*loads, u)
		return true
	case *ssa.FieldAddr:
		if depth > maxProjections {
			return false
		}
		for _, ref := range *u.Referrers() {
			if !collectLoads(ref, loads, depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

// precedes reports whether a runs before b whenever b runs: a's block
// dominates b's, and a comes first if they share it.
func precedes(a, b ssa.Instruction) bool {
	ab, bb := a.Block(), b.Block()
	if ab != bb {
		return ab.Dominates(bb)
	}
	for _, instr := range ab.Instrs {
		switch instr {
		case a:
			return true
		case b:
			return false
		}
	}
	return false
}

// isYieldParamIn reports whether v is a parameter of a range-over-func
// body that runs in l: the element the body receives, which changes from
// one call of the body to the next.
func isYieldParamIn(v ssa.Value, l *loops.Loop) bool {
	p, ok := v.(*ssa.Parameter)
	if !ok {
		return false
	}
	fn := p.Parent()
	if fn == nil || fn.Synthetic != "range-over-func yield" || len(fn.Blocks) == 0 || len(fn.Blocks[0].Instrs) == 0 {
		return false
	}
	return l.ContainsInstr(fn.Blocks[0].Instrs[0])
}
