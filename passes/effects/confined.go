package effects

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
)

// A confined variable is a local variable whose memory only its own
// function's stores can write: one that does not escape (the SSA builder
// kept it off the heap), or one captured by closures that only read it.
// No call, and no store through another address, reaches it, whatever
// the types: the closures capturing it do not write it, and no pointer
// to it exists beyond the loads and stores of its own function.

// confinedRoot returns the confined variable addr points into, through
// field addresses, array elements and the free variables of closures,
// or nil.
func confinedRoot(addr ssa.Value) *ssa.Alloc {
	base := addr
	for range maxTypeDepth {
		switch a := base.(type) {
		case *ssa.FieldAddr:
			base = a.X
			continue
		case *ssa.IndexAddr:
			if !isSlice(a.X.Type()) {
				base = a.X
				continue
			}
		}
		break
	}
	var a *ssa.Alloc
	switch b := base.(type) {
	case *ssa.Alloc:
		a = b
	case *ssa.FreeVar:
		a = irutil.Variable(b)
	}
	if a == nil || (a.Heap && !onlyReadByClosures(a)) {
		return nil
	}
	return a
}

// onlyReadByClosures reports whether the heap variable a is used only by
// loads and stores in its own function and by closures that only load
// it.
func onlyReadByClosures(a *ssa.Alloc) bool {
	return usesConfined(a, true, 0)
}

// usesConfined reports whether every use of the address v is a load, a
// store through it (when stores are allowed: in the variable's own
// function), a field or array element address used the same way, or a
// binding into a closure whose free variable is used the same way
// without stores.
func usesConfined(v ssa.Value, stores bool, depth int) bool {
	refs := v.Referrers()
	if refs == nil || depth > maxTypeDepth {
		return false
	}
	for _, ref := range *refs {
		switch u := ref.(type) {
		case *ssa.UnOp:
			if u.Op != token.MUL {
				return false
			}
		case *ssa.Store:
			if !stores || u.Addr != v || u.Val == v {
				return false
			}
		case *ssa.FieldAddr:
			if !usesConfined(u, stores, depth+1) {
				return false
			}
		case *ssa.IndexAddr:
			if isSlice(u.X.Type()) || !usesConfined(u, stores, depth+1) {
				return false
			}
		case *ssa.MakeClosure:
			fv := freeVarBound(u, v)
			if fv == nil || !usesConfined(fv, false, depth+1) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// freeVarBound returns the free variable of mc's function that mc binds
// to v, or nil if v is the closure's function or bound more than once.
func freeVarBound(mc *ssa.MakeClosure, v ssa.Value) *ssa.FreeVar {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return nil
	}
	var fv *ssa.FreeVar
	for i, b := range mc.Bindings {
		if b == v {
			if fv != nil || i >= len(fn.FreeVars) {
				return nil
			}
			fv = fn.FreeVars[i]
		}
	}
	return fv
}
