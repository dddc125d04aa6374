// Package irutil holds small queries on SSA values and types that the
// passes and the analyzers share.
package irutil

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// CoreType returns the underlying type of t or, for a type parameter,
// the one underlying type shared by every type its constraint allows
// (S ~[]E gives []E), or nil if there is none. Embedded interfaces that
// only require methods (comparable, fmt.Stringer) do not restrict it.
func CoreType(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	tp, ok := types.Unalias(t).(*types.TypeParam)
	if !ok {
		return t.Underlying()
	}
	iface, ok := tp.Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	var core types.Type
	for i := range iface.NumEmbeddeds() {
		for _, term := range terms(iface.EmbeddedType(i)) {
			under := term.Underlying()
			if embedded, ok := under.(*types.Interface); ok {
				if embedded.IsMethodSet() || types.Identical(term, comparable) {
					continue
				}
				return nil // nested type sets: not worth resolving
			}
			if core != nil && !types.Identical(core, under) {
				return nil
			}
			core = under
		}
	}
	return core
}

var comparable = types.Universe.Lookup("comparable").Type()

// terms returns the types of a union's terms, or the embedded type itself.
func terms(embedded types.Type) []types.Type {
	u, ok := embedded.(*types.Union)
	if !ok {
		return []types.Type{embedded}
	}
	ts := make([]types.Type, u.Len())
	for i := range ts {
		ts[i] = u.Term(i).Type()
	}
	return ts
}

// Unconvert returns v with conversions that keep its identity stripped:
// a pointer, channel or map converted to another named type, boxed into
// an interface, or changed between interfaces is still the same object.
func Unconvert(v ssa.Value) ssa.Value {
	for {
		switch c := v.(type) {
		case *ssa.ChangeType:
			v = c.X
		case *ssa.MakeInterface:
			v = c.X
		case *ssa.ChangeInterface:
			v = c.X
		case *ssa.Convert:
			v = c.X
		default:
			return v
		}
	}
}

// Precedes reports whether a runs before b whenever b runs: a's block
// dominates b's, and a comes first if they share it.
func Precedes(a, b ssa.Instruction) bool {
	ab, bb := a.Block(), b.Block()
	if ab != bb {
		return ab.Dominates(bb)
	}
	for _, instr := range ab.Instrs {
		switch instr {
		case a:
			return true
		case b:
			return false
		}
	}
	return false
}

// IsBuiltin reports whether c calls one of the named built-in functions.
func IsBuiltin(c *ssa.CallCommon, names ...string) bool {
	b, ok := c.Value.(*ssa.Builtin)
	return ok && slices.Contains(names, b.Name())
}

// Deref returns the element type of a pointer type, or t itself.
func Deref(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// IsString reports whether t is a string type, named or not.
func IsString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}
