package tripcount

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// literalLength turns a len(x) count into const(N) when x is a whole
// N-element array made in the function, as a slice composite literal
// []T{a, b, c} is: its length is a compile-time constant, so a loop over
// it is as cold or as hot as a loop over an array.
func literalLength(c Count) Count {
	if c.Kind != Len {
		return c
	}
	s, ok := c.X.(*ssa.Slice)
	if !ok || s.Low != nil || s.High != nil || s.Max != nil {
		return c
	}
	a, ok := s.X.(*ssa.Alloc)
	if !ok {
		return c
	}
	arr, ok := a.Type().(*types.Pointer).Elem().Underlying().(*types.Array)
	if !ok {
		return c
	}
	return Count{Kind: Const, N: arr.Len(), Exact: c.Exact, exit: c.exit}
}
