package invariant

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/loops"
)

// writesFreshMemory reports whether st writes into an object allocated
// in l itself (a local variable, composite literal or variadic argument
// array created by the loop) other than the one addr is in. Such an
// object is new on every iteration, so no address computed before the
// loop points into it: appending x to a slice, which stores x into a
// fresh array, does not change a field of x's type.
func writesFreshMemory(l *loops.Loop, st *ssa.Store, addr ssa.Value) bool {
	obj := allocOf(st.Addr)
	return obj != nil && l.ContainsInstr(obj) && allocOf(addr) != obj
}

// allocOf returns the Alloc whose memory addr points into, following
// field and element addresses but not loads, or nil.
func allocOf(addr ssa.Value) *ssa.Alloc {
	for range 32 {
		switch v := addr.(type) {
		case *ssa.Alloc:
			return v
		case *ssa.FieldAddr:
			addr = v.X
		case *ssa.IndexAddr:
			if _, isSlice := v.X.Type().Underlying().(*types.Slice); isSlice {
				s, ok := v.X.(*ssa.Slice)
				if !ok {
					return nil
				}
				addr = s.X
				continue
			}
			addr = v.X
		default:
			return nil
		}
	}
	return nil
}
