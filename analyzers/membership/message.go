package membership

import (
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/passes/loops"
)

// message says what t costs in loop l and what to do instead.
func message(pass *analysis.Pass, t *test, l *loops.Loop, k kind) string {
	mapType := "map[" + typeString(pass, t.keyType) + "]" + t.valueType
	field := fieldNames(t.path)
	switch k {
	case dedup:
		seen := "seen elements"
		if field != "" {
			seen = "the " + field + " of seen elements"
		}
		return t.what + " scans " + t.xsName + " on every iteration of " + l.Describe() +
			", and " + t.xsName + " grows as the loop appends to it (O(n²)); track " + seen + " in a " + mapType
	case self:
		seen := "seen elements"
		if field != "" {
			seen = "the " + field + " of seen elements"
		}
		return t.what + " scans " + t.xsName + " for its own elements on every iteration of " + l.Describe() +
			" (O(n²)); track " + seen + " in a " + mapType + " instead"
	}
	keyed := ""
	if field != "" {
		keyed = " keyed by " + field
	}
	return t.what + " scans " + t.xsName + " on every iteration of " + l.Describe() +
		" (O(n·m)); build a " + mapType + " from " + t.xsName + keyed + " once before the loop"
}

// typeString writes t as the package being analysed refers to it.
func typeString(pass *analysis.Pass, t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string {
		if p == pass.Pkg {
			return ""
		}
		return p.Name()
	})
}
