package effects

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
)

// This file holds the type-based alias model. Memory is a tree of
// regions: a variable or heap object, the fields of a struct, the
// elements of an array (a slice's backing array included). Two regions
// overlap only when one contains the other, so a write may change the
// location a load reads when the written region may hold the location or
// the location may hold the written region. Types decide "may": a region
// of type T can hold a region of type U only if T contains U in place
// (as itself, a field, an array element); see underlyingTypesAlias and
// typeParamsHoldAnything.
//
// Two facts of the SSA form sharpen it. A confined local variable (see
// confined.go) is written only by stores through its own address, and a
// package-level variable is a region of its own: a store to one is not a
// store to another.

// location is the memory a load reads, described by type.
type location struct {
	// structs are the struct types whose fields the address selects,
	// the base pointer's pointee first; for *p, the single type *p. For
	// an element of a slice, the element type.
	structs []types.Type
	// fields are the selected fields, one per entry of structs except
	// for *p and slice elements, which select none.
	fields []int
	// typ is the loaded type.
	typ types.Type
	// inSlice says the location is an element of a slice's array: only
	// element writes, pointers and what holds arrays can reach it.
	inSlice bool
	// local is the confined variable the location lies in, or nil.
	local *ssa.Alloc
	// global is the package-level variable the location lies in (not
	// through a pointer), or nil.
	global *ssa.Global
	// reachedFrom are the packages whose variables the address is
	// computed from (other.Reg.List: other), through loads and fields.
	reachedFrom []*types.Package
}

// locationAt describes the memory a load from addr reads.
func locationAt(addr ssa.Value) location {
	loc := location{typ: irutil.Deref(addr.Type()), local: confinedRoot(addr)}
	base := addr
	var fields []*ssa.FieldAddr
	for {
		if fa, ok := base.(*ssa.FieldAddr); ok && len(fields) < maxTypeDepth {
			fields = append(fields, fa)
			base = fa.X
			continue
		}
		break
	}
	switch b := base.(type) {
	case *ssa.IndexAddr:
		if isSlice(b.X.Type()) {
			if len(fields) == 0 {
				loc.inSlice = true
			}
		} else if len(fields) == 0 {
			// An element of an array: the whole array, wherever it lives.
			outer := locationAt(b.X)
			outer.local = loc.local
			return outer
		}
	case *ssa.Global:
		loc.global = b
	}
	if len(fields) == 0 {
		loc.structs = []types.Type{loc.typ}
	}
	for i := len(fields) - 1; i >= 0; i-- {
		loc.structs = append(loc.structs, irutil.Deref(fields[i].X.Type()))
		loc.fields = append(loc.fields, fields[i].Field)
	}
	for _, p := range irutil.PointerChain(addr) {
		if g, ok := p.(*ssa.Global); ok && g.Pkg != nil {
			loc.reachedFrom = append(loc.reachedFrom, g.Pkg.Pkg)
		}
	}
	return loc
}

// elementsOf describes the elements of a slice of type sl.
func elementsOf(sl *types.Slice) location {
	return location{structs: []types.Type{sl.Elem()}, typ: sl.Elem(), inSlice: true}
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
	// reachWrite is a call to a function without a body here (in
	// another package) receiving a value of type typ: it may write
	// whatever that value reaches.
	reachWrite
	// packageWrite is a call into package pkg: it may write that
	// package's variables and what they reach (see
	// foreignVariablesHoldTheirTypes).
	packageWrite
)

// A write is what the alias model knows of one store or call.
type write struct {
	kind  writeKind
	typ   types.Type
	index int
	// local is the confined variable the store writes into, or nil:
	// such a store writes nothing else.
	local *ssa.Alloc
	// global is the package-level variable the store writes into, or
	// nil.
	global *ssa.Global
	pkg    *types.Package
}

// writeAt describes a store to addr.
func writeAt(addr ssa.Value) write {
	w := writeTo(addr)
	w.local = confinedRoot(addr)
	return w
}

func writeTo(addr ssa.Value) write {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		w := write{kind: fieldWrite, typ: irutil.Deref(a.X.Type()), index: a.Field}
		if g, ok := a.X.(*ssa.Global); ok {
			w.global = g
		}
		return w
	case *ssa.IndexAddr:
		if isSlice(a.X.Type()) {
			return write{kind: elementWrite, typ: irutil.Deref(a.Type())}
		}
		// An element of an array: count it as a write to the whole
		// array, wherever the array lives.
		return writeTo(a.X)
	case *ssa.Global:
		return write{kind: variableWrite, typ: irutil.Deref(a.Type()), global: a}
	case *ssa.Alloc, *ssa.FreeVar:
		return write{kind: variableWrite, typ: irutil.Deref(a.Type())}
	}
	return write{kind: pointerWrite, typ: irutil.Deref(addr.Type())}
}

// mayWrite reports whether w, in the code of m's package, may change the
// memory at loc.
func (w write) mayWrite(loc location, m *Model) bool {
	if w.local != loc.local {
		return false // a confined variable is written only through itself
	}
	if w.global != nil && loc.global != nil && w.global != loc.global {
		return false // distinct package-level variables
	}
	switch w.kind {
	case fieldWrite:
		if loc.inSlice {
			return regionMayHold(w.typ, loc) || mayContain(loc.typ, w.typ)
		}
		for j, t := range loc.structs {
			if j < len(loc.fields) && loc.fields[j] == w.index && sameUnderlying(t, w.typ) {
				return true // the same field, or a field holding the location
			}
		}
		ft := fieldType(w.typ, w.index)
		return ft == nil || mayContain(ft, loc.structs[0]) || mayContain(loc.typ, w.typ)
	case variableWrite:
		if loc.inSlice {
			return inArray(w.typ, loc.typ, 0)
		}
		return mayContain(w.typ, loc.structs[0])
	case elementWrite:
		if loc.inSlice {
			return mayContain(w.typ, loc.typ) || mayContain(loc.typ, w.typ)
		}
		return anyContained(w.typ, loc.structs) || inArray(loc.typ, w.typ, 0)
	case pointerWrite:
		return regionMayHold(w.typ, loc) || mayContain(loc.typ, w.typ)
	case reachWrite:
		r := reacher{loc: loc, model: m, seen: make(map[types.Type]bool)}
		return r.mayReach(w.typ)
	case packageWrite:
		return !foreignVariablesHoldTheirTypes || m.packageMayHold(w.pkg, loc)
	}
	return true
}

// regionMayHold reports whether a region of type outer, wherever it is,
// may hold loc.
func regionMayHold(outer types.Type, loc location) bool {
	if loc.inSlice {
		return sameUnderlying(outer, loc.typ) || inArray(outer, loc.typ, 0)
	}
	return anyContained(outer, loc.structs)
}

// packageMayHold reports whether the variables of package pkg, or what
// they reach, may hold loc: loc is reached from variables of pkg or of a
// package pkg sees, or lies in a struct of a type declared there.
func (m *Model) packageMayHold(pkg *types.Package, loc location) bool {
	for _, from := range loc.reachedFrom {
		if m.sees(pkg, from) {
			return true
		}
	}
	for _, t := range append(loc.structs[:len(loc.structs):len(loc.structs)], loc.typ) {
		if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil && m.sees(pkg, n.Obj().Pkg()) {
			return true
		}
		if isTypeParam(t) {
			return true
		}
	}
	return false
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

func mayContainDepth(outer, inner types.Type, depth int) bool {
	if typeParamsHoldAnything && (isTypeParam(outer) || isTypeParam(inner)) {
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
	if (typeParamsHoldAnything && isTypeParam(outer)) || depth > maxTypeDepth {
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

// A reacher answers whether values may lead, through the pointers,
// slices, maps and channels they hold, to memory that may hold loc or
// lie in it. Interfaces, functions and unsafe pointers may lead
// anywhere, except from inside a struct of another package's type (see
// foreignFieldsHoldTheirOwn).
type reacher struct {
	loc   location
	model *Model
	seen  map[types.Type]bool
}

// mayReach reports whether a value of type t may lead to loc.
func (r *reacher) mayReach(t types.Type) bool {
	if (typeParamsHoldAnything && isTypeParam(t)) || len(r.seen) > maxReachTypes {
		return true
	}
	if r.seen[t] {
		return false
	}
	r.seen[t] = true
	switch u := t.Underlying().(type) {
	case *types.Pointer:
		// The region pointed to may hold loc, lie in it, or lead on.
		e := u.Elem()
		return regionMayHold(e, r.loc) || mayContain(r.loc.typ, e) || r.mayReach(e)
	case *types.Slice:
		// The elements are those of an array: they lie in loc only if
		// loc holds an array of them.
		e := u.Elem()
		return regionMayHold(e, r.loc) || inArray(r.loc.typ, e, 0) || r.mayReach(e)
	case *types.Array:
		return r.mayReach(u.Elem())
	case *types.Struct:
		if pkg := r.foreignDeclarer(t); pkg != nil && foreignFieldsHoldTheirOwn {
			return r.model.packageMayHold(pkg, r.loc)
		}
		for i := range u.NumFields() {
			if r.mayReach(u.Field(i).Type()) {
				return true
			}
		}
		return false
	case *types.Map:
		return r.mayReach(u.Key()) || r.mayReach(u.Elem())
	case *types.Chan:
		return r.mayReach(u.Elem())
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	case *types.Tuple:
		for i := range u.Len() {
			if r.mayReach(u.At(i).Type()) {
				return true
			}
		}
		return false
	}
	return true // interfaces, functions
}

// foreignDeclarer returns the package that declares the named type t,
// if it is not the package being analysed, or nil.
func (r *reacher) foreignDeclarer(t types.Type) *types.Package {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg() == r.model.pkg {
		return nil
	}
	return n.Obj().Pkg()
}

func sameUnderlying(a, b types.Type) bool {
	if !underlyingTypesAlias {
		return types.Identical(a, b)
	}
	return types.Identical(a.Underlying(), b.Underlying())
}

func isTypeParam(t types.Type) bool {
	_, ok := types.Unalias(t).(*types.TypeParam)
	return ok
}

func isSlice(t types.Type) bool {
	_, ok := t.Underlying().(*types.Slice)
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
