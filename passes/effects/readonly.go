package effects

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// readOnlySlices lists the functions of package slices that only read
// the slices they receive: passing a slice to them leaves its elements
// as they were (a predicate they call is a separate function value).
var readOnlySlices = map[string]bool{
	"BinarySearch": true, "BinarySearchFunc": true,
	"Compare": true, "CompareFunc": true,
	"Contains": true, "ContainsFunc": true,
	"Equal": true, "EqualFunc": true,
	"Index": true, "IndexFunc": true,
	"IsSorted": true, "IsSortedFunc": true,
	"Max": true, "MaxFunc": true,
	"Min": true, "MinFunc": true,
}

// readOnlyStd lists other standard-library functions that only read
// the slices they receive, by package path and name.
var readOnlyStd = map[string]bool{
	"strings.Join": true, "strings.NewReplacer": true,
	"bytes.Join": true, "path.Join": true, "path/filepath.Join": true,
}

// ReadsOnly reports whether c calls a function known to only read what
// it is passed: the searches and comparisons of package slices, and the
// joins of strings, bytes and paths. The functions passed to it (a
// predicate) may still write.
func ReadsOnly(c *ssa.CallCommon) bool {
	fn := c.StaticCallee()
	if fn == nil {
		return false
	}
	if origin := fn.Origin(); origin != nil {
		fn = origin
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Pkg() == nil {
		return false
	}
	switch obj.Pkg().Path() {
	case "slices", "golang.org/x/exp/slices":
		return readOnlySlices[obj.Name()]
	}
	return readOnlyStd[obj.Pkg().Path()+"."+obj.Name()]
}

// SliceType returns the slice type t is, or the one every type in t's
// type set has when t is a type parameter (S ~[]E).
func SliceType(t types.Type) (*types.Slice, bool) {
	tp, ok := types.Unalias(t).(*types.TypeParam)
	if !ok {
		sl, ok := t.Underlying().(*types.Slice)
		return sl, ok
	}
	iface, ok := tp.Underlying().(*types.Interface)
	if !ok {
		return nil, false
	}
	var only *types.Slice
	for i := range iface.NumEmbeddeds() {
		term := iface.EmbeddedType(i)
		if u, ok := term.(*types.Union); ok {
			if u.Len() != 1 {
				return nil, false
			}
			term = u.Term(0).Type()
		}
		sl, ok := term.Underlying().(*types.Slice)
		if !ok || (only != nil && !types.Identical(only, sl)) {
			return nil, false
		}
		only = sl
	}
	return only, only != nil
}
