package invariant

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
)

// InvariantThroughLocals is Invariant with two refinements for local
// variables that do not escape (an Alloc the SSA builder did not move to
// the heap: it is only ever loaded, stored and field-addressed in its
// own function):
//
//   - a load from such a variable written exactly once (see
//     [StoredOnce]) yields the stored value, or a field of it, so it is
//     invariant when that value is;
//   - a composite literal built in place in such a variable (see
//     [BuiltInPlace]) holds the same value on every iteration when the
//     values stored into it are invariant, though the variable itself is
//     created anew each time.
//
// Both matter for struct values. A range statement copies each struct
// element into a local variable when the body reads its fields: without
// this query, u.ID read from the outer loop's element copy, or
// orders[i].UserID, would look as if they changed on every iteration of
// an inner loop, the copy being stored anew each time.
func (o *Oracle) InvariantThroughLocals(v ssa.Value, l *loops.Loop) bool {
	return o.throughLocals(v, l, 0)
}

func (o *Oracle) throughLocals(v ssa.Value, l *loops.Loop, depth int) bool {
	if o.Invariant(v, l) {
		return true
	}
	if depth > maxProjections {
		return false
	}
	switch x := v.(type) {
	case *ssa.Field:
		return o.throughLocals(x.X, l, depth+1)
	case *ssa.FieldAddr:
		return o.throughLocals(x.X, l, depth+1)
	case *ssa.IndexAddr:
		return o.throughLocals(x.X, l, depth+1) && o.throughLocals(x.Index, l, depth+1)
	case *ssa.Index:
		return o.throughLocals(x.X, l, depth+1) && o.throughLocals(x.Index, l, depth+1)
	case *ssa.BinOp:
		return o.throughLocals(x.X, l, depth+1) && o.throughLocals(x.Y, l, depth+1)
	case *ssa.Convert:
		return o.throughLocals(x.X, l, depth+1)
	case *ssa.ChangeType:
		return o.throughLocals(x.X, l, depth+1)
	case *ssa.UnOp:
		switch x.Op {
		case token.ARROW:
			return false
		case token.MUL:
		default:
			return o.throughLocals(x.X, l, depth+1)
		}
		if st := storeBehind(x.X); st != nil {
			return o.throughLocals(st.Val, l, depth+1)
		}
		if a := irutil.AllocRoot(x.X); a != nil && l.ContainsInstr(a) {
			return o.literalInvariant(a, x.X, l, depth)
		}
		return o.throughLocals(x.X, l, depth+1) && !o.model.Loop(l).MayWrite(x.X)
	}
	return false
}

// literalInvariant reports whether the load from addr, which points into
// the local variable a created in l, reads the same value on every
// iteration: a is a composite literal built in place from invariant
// values, and addr selects the same part of it each time.
func (o *Oracle) literalInvariant(a *ssa.Alloc, addr ssa.Value, l *loops.Loop, depth int) bool {
	vals, ok := BuiltInPlace(a)
	if !ok {
		return false
	}
	for _, v := range vals {
		if !o.throughLocals(v, l, depth+1) {
			return false
		}
	}
	for addr != a {
		switch x := addr.(type) {
		case *ssa.FieldAddr:
			addr = x.X
		case *ssa.IndexAddr:
			if !o.throughLocals(x.Index, l, depth+1) {
				return false
			}
			addr = x.X
		default:
			return false
		}
	}
	return true
}

// BuiltInPlace returns the values stored into the local variable a when a
// holds a composite literal built in place: a does not escape, every
// store into it or into its fields and elements (at constant indices) is
// in the block that allocates it, and every load from it comes after all
// of them. Its value is then determined by those values alone, the parts
// not stored to being zero.
func BuiltInPlace(a *ssa.Alloc) ([]ssa.Value, bool) {
	if a.Heap {
		return nil, false
	}
	var stores []*ssa.Store
	var loads []*ssa.UnOp
	if !partUses(a, &stores, &loads, 0) {
		return nil, false
	}
	vals := make([]ssa.Value, len(stores))
	for i, st := range stores {
		if st.Block() != a.Block() {
			return nil, false
		}
		for _, ld := range loads {
			if !irutil.Precedes(st, ld) {
				return nil, false
			}
		}
		vals[i] = st.Val
	}
	return vals, true
}

// partUses collects the stores and loads through addr, a part of a local
// variable, failing on any other use: the address escaping, an element
// stored at a variable index.
func partUses(addr ssa.Value, stores *[]*ssa.Store, loads *[]*ssa.UnOp, depth int) bool {
	if depth > maxProjections {
		return false
	}
	for _, ref := range *addr.Referrers() {
		switch u := ref.(type) {
		case *ssa.Store:
			if u.Addr != addr || u.Val == addr {
				return false
			}
			*stores = append(*stores, u)
		case *ssa.UnOp:
			if u.Op != token.MUL {
				return false
			}
			*loads = append(*loads, u)
		case *ssa.FieldAddr:
			if !partUses(u, stores, loads, depth+1) {
				return false
			}
		case *ssa.IndexAddr:
			var loadsOnly []*ssa.UnOp
			var storesHere []*ssa.Store
			if !partUses(u, &storesHere, &loadsOnly, depth+1) {
				return false
			}
			if _, constant := u.Index.(*ssa.Const); !constant && len(storesHere) > 0 {
				return false
			}
			*stores = append(*stores, storesHere...)
			*loads = append(*loads, loadsOnly...)
		default:
			return false
		}
	}
	return true
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
		if !irutil.Precedes(store, ld) {
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
