package invariant

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
)

// This file holds the type-based alias model behind PathInvariant. Memory
// is a tree of regions: an object, the fields of a struct, the elements
// of an array. Two regions overlap only when one contains the other, so
// a write may change the location a step loads when the written region
// may hold the location or the location may hold the written region.
// Types decide "may": a region of type T can hold a region of type U
// only if T contains U in place (as itself, a field, an array element).
//
// Types are compared by their underlying types, because Go converts
// between pointers to types with identical underlying types: *A and *B
// may point to the same memory when A and B are both struct{ n int }.
// Type parameters may stand for any type, so they may contain anything.

// location is the memory one step of a path loads, described by type.
type location struct {
	// structs are the struct types whose fields the step selects, the
	// base pointer's pointee first; for *p, the single type *p.
	structs []types.Type
	// fields are the selected fields, one per entry of structs except
	// for *p, which selects none.
	fields []int
	// typ is the loaded type.
	typ types.Type
}

// locationOf describes the memory step s loads from base.
func locationOf(s Step) location {
	if len(s.Fields) == 0 {
		t := irutil.Deref(s.Load.X.Type())
		return location{structs: []types.Type{t}, typ: t}
	}
	loc := location{typ: s.Load.Type()}
	for _, f := range s.Fields {
		loc.structs = append(loc.structs, irutil.Deref(f.X.Type()))
		loc.fields = append(loc.fields, f.Field)
	}
	return loc
}

// writeKind classifies a write by what its address is.
type writeKind int

const (
	// fieldWrite stores to field index of a struct of type typ.
	fieldWrite writeKind = iota
	// variableWrite stores to a whole variable of type typ: a local
	// kept in memory, a captured variable, a package-level variable.
	variableWrite
	// elementWrite stores to an element of type typ of a slice's array.
	elementWrite
	// pointerWrite stores a value of type typ through a pointer of
	// unknown origin, which may point into any region of that type.
	pointerWrite
	// reachWrite is a call to a function without a body here (in another
	// package) receiving a value of type typ: it may write whatever that
	// value reaches.
	reachWrite
)

// A write is what the alias model knows of one store or call.
type write struct {
	kind  writeKind
	typ   types.Type
	index int
}

// writeAt describes a store to addr.
func writeAt(addr ssa.Value) write {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		return write{kind: fieldWrite, typ: irutil.Deref(a.X.Type()), index: a.Field}
	case *ssa.IndexAddr:
		if _, isSlice := a.X.Type().Underlying().(*types.Slice); isSlice {
			return write{kind: elementWrite, typ: irutil.Deref(a.Type())}
		}
		// An element of an array: count it as a write to the whole
		// array, wherever the array lives.
		return writeAt(a.X)
	case *ssa.Alloc, *ssa.Global, *ssa.FreeVar:
		return write{kind: variableWrite, typ: irutil.Deref(a.Type())}
	}
	return write{kind: pointerWrite, typ: irutil.Deref(addr.Type())}
}

// mayWrite reports whether w may change the memory at loc.
func (w write) mayWrite(loc location) bool {
	switch w.kind {
	case fieldWrite:
		for j, t := range loc.structs {
			if j < len(loc.fields) && loc.fields[j] == w.index && sameUnderlying(t, w.typ) {
				return true // the same field, or a field holding the location
			}
		}
		ft := fieldType(w.typ, w.index)
		return ft == nil || mayContain(ft, loc.structs[0]) || mayContain(loc.typ, w.typ)
	case variableWrite:
		return mayContain(w.typ, loc.structs[0])
	case elementWrite:
		return anyContained(w.typ, loc.structs) || inArray(loc.typ, w.typ, 0)
	case pointerWrite:
		return anyContained(w.typ, loc.structs) || mayContain(loc.typ, w.typ)
	case reachWrite:
		return mayReach(w.typ, loc, make(map[types.Type]bool))
	}
	return true
}

// anyContained reports whether a region of type outer may hold a value
// of one of the types ts.
func anyContained(outer types.Type, ts []types.Type) bool {
	for _, t := range ts {
		if mayContain(outer, t) {
			return true
		}
	}
	return false
}

// mayContain reports whether a region of type outer may hold a region of
// type inner in place: itself, a field, an array element, recursively.
func mayContain(outer, inner types.Type) bool {
	return mayContainDepth(outer, inner, 0)
}

// maxTypeDepth bounds the walks over nested types; deeper types are
// assumed to contain anything.
const maxTypeDepth = 12

func mayContainDepth(outer, inner types.Type, depth int) bool {
	if isTypeParam(outer) || isTypeParam(inner) {
		return true
	}
	if sameUnderlying(outer, inner) {
		return true
	}
	if depth > maxTypeDepth {
		return true
	}
	switch u := outer.Underlying().(type) {
	case *types.Struct:
		for i := range u.NumFields() {
			if mayContainDepth(u.Field(i).Type(), inner, depth+1) {
				return true
			}
		}
	case *types.Array:
		return mayContainDepth(u.Elem(), inner, depth+1)
	}
	return false
}

// inArray reports whether a region of type outer holds an array whose
// elements may hold a value of type elem: only then can a slice element
// overlap it.
func inArray(outer, elem types.Type, depth int) bool {
	if isTypeParam(outer) || depth > maxTypeDepth {
		return true
	}
	switch u := outer.Underlying().(type) {
	case *types.Array:
		return mayContain(u.Elem(), elem)
	case *types.Struct:
		for i := range u.NumFields() {
			if inArray(u.Field(i).Type(), elem, depth+1) {
				return true
			}
		}
	}
	return false
}

// mayReach reports whether a value of type t may lead, through the
// pointers, slices, maps and channels it holds, to memory that may hold
// loc. Interfaces, functions and unsafe pointers may lead anywhere.
func mayReach(t types.Type, loc location, seen map[types.Type]bool) bool {
	if isTypeParam(t) || len(seen) > 64 {
		return true
	}
	if seen[t] {
		return false
	}
	seen[t] = true
	holds := func(elem types.Type) bool {
		return anyContained(elem, loc.structs) || mayContain(elem, loc.typ) || mayReach(elem, loc, seen)
	}
	switch u := t.Underlying().(type) {
	case *types.Pointer:
		return holds(u.Elem())
	case *types.Slice:
		return holds(u.Elem())
	case *types.Array:
		return mayReach(u.Elem(), loc, seen)
	case *types.Struct:
		for i := range u.NumFields() {
			if mayReach(u.Field(i).Type(), loc, seen) {
				return true
			}
		}
		return false
	case *types.Map:
		return mayReach(u.Key(), loc, seen) || mayReach(u.Elem(), loc, seen)
	case *types.Chan:
		return mayReach(u.Elem(), loc, seen)
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	case *types.Tuple:
		for i := range u.Len() {
			if mayReach(u.At(i).Type(), loc, seen) {
				return true
			}
		}
		return false
	}
	return true // interfaces, functions
}

func sameUnderlying(a, b types.Type) bool {
	return types.Identical(a.Underlying(), b.Underlying())
}

func isTypeParam(t types.Type) bool {
	_, ok := types.Unalias(t).(*types.TypeParam)
	return ok
}

// fieldType returns the type of field index of struct type t, or nil.
func fieldType(t types.Type, index int) types.Type {
	st, ok := t.Underlying().(*types.Struct)
	if !ok || index >= st.NumFields() {
		return nil
	}
	return st.Field(index).Type()
}
