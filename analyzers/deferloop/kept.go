package deferloop

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/loops"
)

// handedOn reports whether the deferred call of d, in loop l, releases
// something the iteration hands on beyond itself: appended to a slice,
// stored into a map, a field or an element of memory that is not a
// temporary, sent on a channel, or held in a variable declared outside
// the loop. Such a resource (files opened in the loop and read after it)
// must stay open until the function returns, and the defer is how to
// release it then: holding it is the point, not the cost. A deferred
// literal that reads a variable of the function, moreover, releases what
// the variable holds when the function returns, not one resource per
// iteration.
func handedOn(l *loops.Loop, d *ssa.Defer) bool {
	for _, v := range released(d.Common()) {
		if outlivesIteration(l, v) {
			return true
		}
		for _, w := range contents(v) {
			if kept(w, 0) {
				return true
			}
		}
	}
	return false
}

// outlivesIteration reports whether v is the cell of a variable declared
// outside loop l that the loop assigns: the iteration puts what it
// acquires into one variable shared by every iteration and the code
// after the loop.
func outlivesIteration(l *loops.Loop, v ssa.Value) bool {
	cell, ok := v.(*ssa.Alloc)
	if !ok || cell.Block() == nil || cell.Block().Parent() != l.Fn || l.Contains(cell.Block()) {
		return false
	}
	for _, ref := range *cell.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == cell && l.ContainsInstr(st) {
			return true
		}
	}
	return false
}

// released returns the values the deferred call acts on: the receiver
// and arguments, and the variables a deferred function literal captures.
func released(c *ssa.CallCommon) []ssa.Value {
	var vs []ssa.Value
	if c.IsInvoke() {
		vs = append(vs, c.Value)
	}
	vs = append(vs, c.Args...)
	if mc, ok := c.Value.(*ssa.MakeClosure); ok {
		vs = append(vs, mc.Bindings...)
	}
	return vs
}

// contents returns v and, when v is a variable's cell or a load from
// one, the values stored into that variable and loaded from it.
func contents(v ssa.Value) []ssa.Value {
	vs := []ssa.Value{v}
	cell, _ := v.(*ssa.Alloc)
	if ld, ok := v.(*ssa.UnOp); ok && ld.Op == token.MUL {
		cell, _ = ld.X.(*ssa.Alloc)
	}
	if cell == nil {
		return vs
	}
	for _, ref := range *cell.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Store:
			if ref.Addr == cell {
				vs = append(vs, ref.Val)
			}
		case *ssa.UnOp:
			if ref.Op == token.MUL {
				vs = append(vs, ref)
			}
		}
	}
	return vs
}

// kept reports whether v is appended to a slice, stored into a map, sent
// on a channel, or stored into memory other than a variable's own cell
// or a call's argument array, directly or through conversions and the
// aggregates it is stored into.
func kept(v ssa.Value, depth int) bool {
	if depth > 3 || v.Referrers() == nil {
		return false
	}
	for _, ref := range *v.Referrers() {
		switch ref := ref.(type) {
		case *ssa.MakeInterface, *ssa.ChangeType, *ssa.ChangeInterface, *ssa.Convert:
			if kept(ref.(ssa.Value), depth+1) {
				return true
			}
		case *ssa.MapUpdate:
			if ref.Value == v || ref.Key == v {
				return true
			}
		case *ssa.Send:
			if ref.X == v {
				return true
			}
		case *ssa.Store:
			if ref.Val == v && storeKeeps(ref.Addr, depth) {
				return true
			}
		}
	}
	return false
}

// storeKeeps reports whether a value stored at addr is kept: addr is an
// element of a call's argument array that append receives, or memory
// that is neither a variable's cell nor part of a local aggregate that
// is not kept itself.
func storeKeeps(addr ssa.Value, depth int) bool {
	var base ssa.Value
	switch a := addr.(type) {
	case *ssa.Alloc:
		return false // the variable itself
	case *ssa.IndexAddr:
		base = a.X
	case *ssa.FieldAddr:
		base = a.X
	default:
		return true
	}
	arr, ok := base.(*ssa.Alloc)
	if !ok {
		return true // memory reached through a pointer or a slice
	}
	for _, ref := range *arr.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Slice:
			if appended(ref) {
				return true
			}
		case *ssa.UnOp:
			if ref.Op == token.MUL && kept(ref, depth+1) {
				return true
			}
		}
	}
	return kept(arr, depth+1)
}

// appended reports whether s is the slice of values passed to append.
func appended(s *ssa.Slice) bool {
	for _, ref := range *s.Referrers() {
		if call, ok := ref.(*ssa.Call); ok {
			if b, ok := call.Common().Value.(*ssa.Builtin); ok && b.Name() == "append" {
				return len(call.Common().Args) == 2 && call.Common().Args[1] == s
			}
		}
	}
	return false
}
