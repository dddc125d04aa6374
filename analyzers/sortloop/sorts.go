package sortloop

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
)

// sortFuncs lists, by package path, the functions that sort the slice
// they receive first. sort.Sort and sort.Stable receive a
// sort.Interface, which is reported when it is a slice converted to a
// sort.Interface type (byName(people), sort.Reverse(sort.IntSlice(xs))).
var sortFuncs = map[string]map[string]bool{
	"sort": {
		"Slice": true, "SliceStable": true, "Sort": true, "Stable": true,
		"Strings": true, "Ints": true, "Float64s": true,
	},
	"slices": {
		"Sort": true, "SortFunc": true, "SortStableFunc": true,
	},
	"golang.org/x/exp/slices": {
		"Sort": true, "SortFunc": true, "SortStableFunc": true,
	},
}

// sortOf returns the sort that call performs, if it is a call of one of
// sortFuncs on a slice.
func sortOf(call *ssa.Call) (sortCall, bool) {
	c := call.Common()
	pkg, name := calleeName(c)
	if !sortFuncs[pkg][name] || len(c.Args) == 0 {
		return sortCall{}, false
	}
	s := unwrap(c.Args[0])
	if _, ok := irutil.CoreType(s.Type()).(*types.Slice); !ok {
		return sortCall{}, false
	}
	short := pkg
	if pkg == "golang.org/x/exp/slices" {
		short = "slices"
	}
	return sortCall{call: call, name: short + "." + name, slice: s}, true
}

// unwrap strips what stands between a sort call's argument and the
// slice it sorts: boxing into an interface, conversions to named slice
// types, and sort.Reverse.
func unwrap(v ssa.Value) ssa.Value {
	for range 8 {
		switch x := v.(type) {
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.Convert:
			v = x.X
		case *ssa.ChangeInterface:
			v = x.X
		case *ssa.Call:
			pkg, name := calleeName(x.Common())
			if pkg != "sort" || name != "Reverse" || len(x.Common().Args) != 1 {
				return v
			}
			v = x.Common().Args[0]
		default:
			return v
		}
	}
	return v
}

// calleeName returns the package path and name of the function c
// statically calls (the generic origin of an instantiation), or "".
func calleeName(c *ssa.CallCommon) (pkg, name string) {
	fn := c.StaticCallee()
	if fn == nil {
		return "", ""
	}
	if origin := fn.Origin(); origin != nil {
		fn = origin
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Pkg() == nil {
		return "", ""
	}
	if sig, ok := obj.Type().(*types.Signature); ok && sig.Recv() != nil {
		return "", ""
	}
	return obj.Pkg().Path(), obj.Name()
}
