package invariant

import (
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/loops"
)

// writesFreshMemory reports whether st writes into a heap variable that
// l itself allocates (a composite literal or variadic argument array
// created anew by each iteration) other than the one addr is in. No
// address computed before the loop points into such a variable: appending
// x to a slice, which stores x into a fresh array, does not change a field
// of x's type. Stores into local variables that stay off the heap are the
// concern of [Oracle.InvariantThroughLocals].
func writesFreshMemory(l *loops.Loop, st *ssa.Store, addr ssa.Value) bool {
	a := AllocRoot(st.Addr)
	return a != nil && a.Heap && l.ContainsInstr(a) && AllocRoot(addr) != a
}
