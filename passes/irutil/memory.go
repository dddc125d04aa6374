package irutil

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// maxProjections bounds the field selections and element addresses
// followed back from one address.
const maxProjections = 32

// AllocRoot returns the variable addr points into, through field
// addresses and the addresses of array elements, or nil if addr points
// elsewhere (through a loaded pointer, into a slice's backing array).
func AllocRoot(addr ssa.Value) *ssa.Alloc {
	for range maxProjections {
		switch a := addr.(type) {
		case *ssa.FieldAddr:
			addr = a.X
		case *ssa.IndexAddr:
			if _, isArray := a.X.Type().Underlying().(*types.Pointer); !isArray {
				return nil
			}
			addr = a.X
		case *ssa.Alloc:
			return a
		default:
			return nil
		}
	}
	return nil
}

// LocalRoot returns the local variable that does not escape (an Alloc
// the SSA builder kept off the heap: it is only loaded, stored and
// addressed in place in its own function) that addr points into, or nil.
// No call and no store through another address can reach it.
func LocalRoot(addr ssa.Value) *ssa.Alloc {
	if a := AllocRoot(addr); a != nil && !a.Heap {
		return a
	}
	return nil
}

// PointerChain returns addr followed by the pointers it is derived from:
// for &(*(&p.a)).b, that is the FieldAddr of b, the loaded pointer p.a,
// the FieldAddr of a, and p.
func PointerChain(addr ssa.Value) []ssa.Value {
	var chain []ssa.Value
	for v := addr; v != nil && len(chain) < maxProjections; {
		chain = append(chain, v)
		switch x := v.(type) {
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.IndexAddr:
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return chain
			}
			v = x.X
		case *ssa.Slice:
			v = x.X
		default:
			return chain
		}
	}
	return chain
}
