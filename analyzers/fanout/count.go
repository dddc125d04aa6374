package fanout

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/sizes"
	"github.com/perfvet/perfvet/passes/tripcount"
)

// Layer 1: a goroutine per element of a collection is fan-out over
// data; a loop counted by an integer, whatever the integer's source, or
// over a collection whose size is fixed or chosen starts a chosen
// number of goroutines, a pool. Which is which is the sizes lattice's
// answer: only a size it calls data (len(x) of a collection it cannot
// bound, and sums, products and maxima of it) is the size of data;
// len(x)/k, a limit from a flag, a config field, a parameter, NumCPU or
// another package are all counts the program chose. On top of it,
// fanout knows two ways programs build a pool's collection: by
// appending one element at a time in loops with a chosen count, and by
// asking another package to split data into a constant number of
// chunks.

// overData reports whether l runs once per element of a collection: a
// range over a slice, map, string, channel or iterator, a loop bounded
// by len(x), a receive or select loop, a for {} loop.
func (c *checker) overData(l *loops.Loop) bool {
	if data, ok := c.dataLoops[l]; ok {
		return data
	}
	c.dataLoops[l] = true // while computing it, as for a loop nobody counted
	data := c.loopOverData(l)
	c.dataLoops[l] = data
	return data
}

func (c *checker) loopOverData(l *loops.Loop) bool {
	cnt := c.counts.Of(l)
	switch cnt.Kind {
	case tripcount.Const:
		return false
	case tripcount.Int:
		return c.ofData(cnt.X)
	case tripcount.Len:
		return !c.chosenSize(cnt.X, 0)
	}
	if limit, ok := c.counts.Limit(l); ok {
		return c.ofData(limit)
	}
	return true
}

// ofData reports whether the integer v is the size of data.
func (c *checker) ofData(v ssa.Value) bool {
	return c.sizes.Of(v).Kind == sizes.Data
}

// counted reports whether l has a counter compared with a bound, even
// when the bound may change inside the loop.
func (c *checker) counted(l *loops.Loop) bool {
	_, ok := c.counts.Limit(l)
	return ok
}

// chosenSize reports whether the collection x has a size the program
// fixes or chooses: one the sizes lattice does not call data, a slice
// returned by another package's function given a constant count
// (split.Into(xs, 20)), or a slice built by appending one element at a
// time in loops with a chosen count
// (for i := 0; i < n; i++ { ws = append(ws, newWorker()) }).
func (c *checker) chosenSize(x ssa.Value, depth int) bool {
	if depth > 8 {
		return false
	}
	if !c.ofData(x) {
		return true
	}
	grown := func(v, s ssa.Value) bool { return c.chosenSize(v, depth+1) || c.appendedInPool(v, s, depth) }
	switch x := irutil.Stored(x).(type) {
	case *ssa.Phi:
		return allOf(x.Edges, func(e ssa.Value) bool { return e == x || grown(e, x) })
	case *ssa.UnOp:
		alloc := irutil.Variable(x.X)
		if alloc == nil || x.Op != token.MUL {
			return false
		}
		return allOf(storesInto(alloc), func(st *ssa.Store) bool {
			load, ok := st.Val.(*ssa.Call)
			if ok && len(load.Call.Args) > 0 {
				if ld, isLoad := load.Call.Args[0].(*ssa.UnOp); isLoad && irutil.Variable(ld.X) == alloc {
					return c.appendedInPool(st.Val, ld, depth)
				}
			}
			return c.chosenSize(st.Val, depth+1)
		})
	case *ssa.Call:
		if _, ok := x.Type().Underlying().(*types.Slice); !ok || c.callee(&x.Call) != nil {
			return false
		}
		return anyOf(x.Call.Args, isIntConst)
	}
	return false
}

// appendedInPool reports whether v is append(s, e) of single elements
// in loops that all have a chosen count, s being the slice itself or
// another one of chosen size.
func (c *checker) appendedInPool(v, s ssa.Value, depth int) bool {
	call, ok := v.(*ssa.Call)
	if !ok || !irutil.IsBuiltin(&call.Call, "append") || len(call.Call.Args) != 2 ||
		call.Call.Args[0] != s && !c.chosenSize(call.Call.Args[0], depth+1) {
		return false
	}
	if elems, ok := call.Call.Args[1].(*ssa.Slice); !ok || !isArrayAlloc(elems.X) {
		return false // append(s, xs...)
	}
	enclosing := c.forest.Enclosing(call)
	return len(enclosing) > 0 && depth < 4 && !slices.ContainsFunc(enclosing, c.overData)
}

// isArrayAlloc reports whether v is a new array, as the builder makes
// for the elements of a variadic call.
func isArrayAlloc(v ssa.Value) bool {
	a, ok := v.(*ssa.Alloc)
	if !ok {
		return false
	}
	_, isArray := irutil.Deref(a.Type()).Underlying().(*types.Array)
	return isArray
}

// storesInto returns the stores into the local variable alloc, in its
// function and in the closures that capture it.
func storesInto(alloc *ssa.Alloc) []*ssa.Store {
	var stores []*ssa.Store
	var visit func(addr ssa.Value, depth int)
	visit = func(addr ssa.Value, depth int) {
		for _, ref := range *addr.Referrers() {
			switch ref := ref.(type) {
			case *ssa.Store:
				if ref.Addr == addr {
					stores = append(stores, ref)
				}
			case *ssa.MakeClosure:
				fn := ref.Fn.(*ssa.Function)
				for i, b := range ref.Bindings {
					if b == addr && depth < 4 {
						visit(fn.FreeVars[i], depth+1)
					}
				}
			}
		}
	}
	visit(alloc, 0)
	return stores
}

// isIntConst reports whether v is an integer constant other than 0 or 1.
func isIntConst(v ssa.Value) bool {
	k, ok := v.(*ssa.Const)
	return ok && k.Value != nil && k.Value.Kind() == constant.Int && constant.Compare(k.Value, token.GTR, constant.MakeInt64(1))
}

// storedValues returns the values stored into a local variable, in its
// function and in the closures that capture it.
func storedValues(alloc *ssa.Alloc) []ssa.Value {
	stores := storesInto(alloc)
	vals := make([]ssa.Value, len(stores))
	for i, st := range stores {
		vals[i] = st.Val
	}
	return vals
}

func allOf[T any](xs []T, pred func(T) bool) bool {
	for _, x := range xs {
		if !pred(x) {
			return false
		}
	}
	return len(xs) > 0
}

func anyOf[T any](xs []T, pred func(T) bool) bool {
	for _, x := range xs {
		if pred(x) {
			return true
		}
	}
	return false
}
