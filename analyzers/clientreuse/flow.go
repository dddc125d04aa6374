package clientreuse

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
)

// fate is what becomes of a new pool in the function that makes it.
type fate int

const (
	// used: the pool is used and dropped; the next call or iteration
	// makes another.
	used fate = iota
	// returned: the function hands the pool to its caller, which
	// decides how long it lives.
	returned
	// kept: the pool is stored where it outlives the call (a field, a
	// package-level variable, a map or slice element, a channel) or
	// given to a function of the package that stores it.
	kept
)

// follower decides the fate of pools, following each value through the
// local values and variables that hold it.
type follower struct {
	seen map[ssa.Value]bool
	// cells are the local variables and struct values, and their field
	// addresses, that the pool was stored into: loads from them give
	// the pool back.
	cells map[ssa.Value]bool
	// holders are the local struct values the pool was stored into
	// (&http.Client{Transport: t}), outermost last.
	holders []*ssa.Alloc
}

// fateOf returns the fate of the new pool v and the local values that
// hold it.
func fateOf(v ssa.Value) (fate, []*ssa.Alloc) {
	f := newFollower()
	return f.follow(v, 0), f.holders
}

func newFollower() *follower {
	return &follower{seen: make(map[ssa.Value]bool), cells: make(map[ssa.Value]bool)}
}

func (f *follower) follow(v ssa.Value, depth int) fate {
	if f.seen[v] || depth > 12 {
		return used
	}
	f.seen[v] = true
	result := used
	for _, ref := range *v.Referrers() {
		result = max(result, f.use(v, ref, depth))
		if result == kept {
			return kept
		}
	}
	return result
}

// use returns the fate that ref, a use of v, gives v.
func (f *follower) use(v ssa.Value, ref ssa.Instruction, depth int) fate {
	switch ref := ref.(type) {
	case *ssa.Return:
		return returned
	case *ssa.Store:
		if ref.Val != v {
			return used // a store into the pool's own fields
		}
		return f.stored(ref.Addr, depth)
	case *ssa.MapUpdate:
		if ref.Value == v || ref.Key == v {
			return kept
		}
	case *ssa.Send:
		if ref.X == v {
			return kept
		}
	case *ssa.Extract:
		if !isError(ref.Type()) {
			return f.follow(ref, depth+1)
		}
	case *ssa.MakeInterface, *ssa.ChangeType, *ssa.Convert, *ssa.Phi, *ssa.TypeAssert, *ssa.ChangeInterface:
		return f.follow(ref.(ssa.Value), depth+1)
	case *ssa.FieldAddr, *ssa.IndexAddr, *ssa.Slice:
		// Loads of a holder's fields and elements give the pool back;
		// a slice of an array holding it (a variadic argument) holds it.
		if ref := ref.(ssa.Value); f.cells[v] {
			f.cells[ref] = true
			return f.follow(ref, depth+1)
		}
	case *ssa.UnOp:
		if ref.Op == token.MUL && f.cells[v] {
			return f.follow(ref, depth+1)
		}
	case *ssa.Call:
		return f.passed(v, ref.Common())
	case *ssa.Go:
		return f.passed(v, ref.Common())
	case *ssa.Defer:
		return f.passed(v, ref.Common())
	case *ssa.MakeClosure:
		return f.captured(v, ref)
	}
	return used
}

// stored returns the fate of a pool stored at addr: kept, unless addr is
// a field of a local value or a local variable, whose own fate it
// then shares.
func (f *follower) stored(addr ssa.Value, depth int) fate {
	root := irutil.AllocRoot(addr)
	if root == nil {
		return kept // through a pointer, into a global or a slice element
	}
	if root.Heap && escapes(root) {
		return kept
	}
	if _, isStruct := irutil.Deref(root.Type()).Underlying().(*types.Struct); isStruct {
		f.holders = append(f.holders, root)
	}
	f.cells[root] = true
	return f.follow(root, depth+1)
}

// escapes reports whether the variable a is captured by a closure: the
// closure may keep what it holds.
func escapes(a *ssa.Alloc) bool {
	for _, ref := range *a.Referrers() {
		if _, ok := ref.(*ssa.MakeClosure); ok {
			return true
		}
	}
	return false
}

// passed returns the fate of a pool passed to a call: kept when appended
// to a slice or given to a function of the package that stores it or
// returns it; used otherwise (the pool's own methods, functions that
// use it and return).
func (f *follower) passed(v ssa.Value, c *ssa.CallCommon) fate {
	if irutil.IsBuiltin(c, "append") {
		return kept
	}
	callee := irutil.Callee(c)
	if callee == nil || callee.Blocks == nil || callee.Pkg == nil {
		return used
	}
	args := c.Args
	if c.IsInvoke() {
		return used
	}
	for i, arg := range args {
		if arg != v || i >= len(callee.Params) {
			continue
		}
		if newFollower().follow(callee.Params[i], 0) != used {
			return kept
		}
	}
	return used
}

// captured returns the fate of a pool captured by a closure: kept when
// the closure stores or returns it.
func (f *follower) captured(v ssa.Value, mc *ssa.MakeClosure) fate {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return used
	}
	for i, b := range mc.Bindings {
		if b != v || i >= len(fn.FreeVars) {
			continue
		}
		inner := newFollower()
		inner.cells[fn.FreeVars[i]] = f.cells[v] // a captured variable
		if inner.follow(fn.FreeVars[i], 0) != used {
			return kept
		}
	}
	return used
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}
