package invariant

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

// readsOnly reports whether c calls a function known to only read the
// slices passed to it.
func readsOnly(c *ssa.CallCommon) bool {
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
	return false
}
