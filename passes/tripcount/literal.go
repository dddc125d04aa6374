package tripcount

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
)

// literalLength turns a len(x) count into const(N) when x is a whole
// N-element array made in the function, as a slice composite literal
// []T{a, b, c} is, or the result of a same-package function that always
// returns such a literal: its length is a compile-time constant, so a
// loop over it is as cold or as hot as a loop over an array.
func literalLength(c Count) Count {
	if c.Kind != Len {
		return c
	}
	n, ok := literalLen(c.X, 0)
	if !ok {
		return c
	}
	return Count{Kind: Const, N: n, Exact: c.Exact, exit: c.exit}
}

// literalLen returns the length of v if v is a slice of a whole array
// made in its function, or the single result of a same-package function
// whose every return is such a slice, of the same length.
func literalLen(v ssa.Value, depth int) (int64, bool) {
	switch v := v.(type) {
	case *ssa.Slice:
		if v.Low != nil || v.High != nil || v.Max != nil {
			return 0, false
		}
		a, ok := v.X.(*ssa.Alloc)
		if !ok {
			return 0, false
		}
		arr, ok := a.Type().(*types.Pointer).Elem().Underlying().(*types.Array)
		if !ok {
			return 0, false
		}
		return arr.Len(), true
	case *ssa.Call:
		return returnedLen(v.Call.StaticCallee(), depth)
	}
	return 0, false
}

// returnedLen returns the length of the literal fn always returns, if
// its body is built and it has one result.
func returnedLen(fn *ssa.Function, depth int) (int64, bool) {
	if depth >= 4 {
		return 0, false
	}
	n, found := int64(0), false
	for _, r := range irutil.Returned(fn) {
		m, ok := literalLen(r, depth+1)
		if !ok || found && m != n {
			return 0, false
		}
		n, found = m, true
	}
	return n, found
}
