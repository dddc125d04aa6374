package membership

import (
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/irutil"
)

// A key names a compared value by where it comes from: a root value and
// the selections that lead from it. Keys see through copies into local
// variables written once, so that two reads of u.Role are the same key,
// and o.ID, read from the copy a range statement makes of each element,
// leads back to the slice element it came from.
type key struct {
	root ssa.Value
	path []step
}

// A step selects a field of a struct value or loads through a pointer.
type step struct {
	deref bool
	field int    // the field index, unless deref
	name  string // the field name, unless deref
}

// maxKeyDepth bounds the selections followed back from one value.
const maxKeyDepth = 32

// keyOf returns the key of v.
func keyOf(v ssa.Value) key { return valueKey(v, 0) }

func valueKey(v ssa.Value, depth int) key {
	if depth < maxKeyDepth {
		switch x := v.(type) {
		case *ssa.Field:
			return valueKey(x.X, depth+1).then(fieldStep(x.X.Type(), x.Field))
		case *ssa.UnOp:
			if x.Op == token.MUL {
				return storedKey(x.X, depth+1)
			}
		}
	}
	return key{root: v}
}

// storedKey returns the key of the value stored at addr.
func storedKey(addr ssa.Value, depth int) key {
	if depth < maxKeyDepth {
		switch a := addr.(type) {
		case *ssa.FieldAddr:
			return storedKey(a.X, depth+1).then(fieldStep(irutil.Deref(a.X.Type()), a.Field))
		case *ssa.Alloc:
			if st := invariant.StoredOnce(a); st != nil {
				return valueKey(st.Val, depth+1)
			}
		}
	}
	return valueKey(addr, depth+1).then(step{deref: true})
}

// then returns k extended by steps.
func (k key) then(steps ...step) key {
	return key{root: k.root, path: append(slices.Clip(k.path), steps...)}
}

func (k key) equal(other key) bool {
	return k.root == other.root && slices.Equal(k.path, other.path)
}

// element splits a key that reads an element of a slice or array into
// the collection, the index and the path from the element to the key.
func (k key) element() (xs, index ssa.Value, rest []step, ok bool) {
	switch r := k.root.(type) {
	case *ssa.IndexAddr:
		if len(k.path) > 0 && k.path[0].deref {
			return r.X, r.Index, k.path[1:], true
		}
	case *ssa.Index:
		return r.X, r.Index, k.path, true
	}
	return nil, nil, nil, false
}

// throughPointer reports whether a path loads through a pointer: the
// key then lives in memory the slice only points to.
func throughPointer(path []step) bool {
	return slices.ContainsFunc(path, func(s step) bool { return s.deref })
}

// fieldNames renders the fields a path selects, "ID" or "Addr.Port", or
// "" for a path that selects none.
func fieldNames(path []step) string {
	var names []string
	for _, s := range path {
		if !s.deref {
			names = append(names, s.name)
		}
	}
	return strings.Join(names, ".")
}

func fieldStep(structType types.Type, index int) step {
	s := step{field: index}
	if st, ok := structType.Underlying().(*types.Struct); ok && index < st.NumFields() {
		s.name = st.Field(index).Name()
	}
	return s
}

// mapKeyable reports whether a map keyed by values of t finds exactly
// what == finds, and building it cannot panic. That holds for strictly
// comparable types: booleans, numbers (a NaN key is never found, and NaN
// == NaN is false too), strings, pointers, channels, and arrays and
// structs of those. Interfaces are left out: == on two interfaces panics
// only when their dynamic types match and are not comparable, but hashing
// such a value as a map key always panics. A type parameter qualifies
// when its constraint makes it comparable, as a generic function's
// author declares it fit to be a map key.
func mapKeyable(t types.Type) bool { return keyable(t, 0) }

func keyable(t types.Type, depth int) bool {
	if depth > maxKeyDepth {
		return false
	}
	if tp, ok := types.Unalias(t).(*types.TypeParam); ok {
		return types.Comparable(tp)
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsUntyped == 0
	case *types.Pointer, *types.Chan:
		return true
	case *types.Array:
		return keyable(u.Elem(), depth+1)
	case *types.Struct:
		for i := range u.NumFields() {
			if !keyable(u.Field(i).Type(), depth+1) {
				return false
			}
		}
		return true
	}
	return false
}
