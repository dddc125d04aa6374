package sizes_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/sizes"
)

// reporter reports the size of the argument of every call to a function
// named probe, so the golden files assert the lattice directly.
var reporter = &analysis.Analyzer{
	Name:     "sizereport",
	Doc:      "report the size of every probed value (test only)",
	Requires: []*analysis.Analyzer{buildssa.Analyzer, sizes.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		fns := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA).SrcFuncs
		sz := pass.ResultOf[sizes.Analyzer].(*sizes.Sizes)
		for _, fn := range fns {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					call, ok := instr.(*ssa.Call)
					if !ok || len(call.Call.Args) != 1 {
						continue
					}
					if callee := call.Call.StaticCallee(); callee == nil || callee.Object() == nil || callee.Object().Name() != "probe" {
						continue
					}
					pass.Reportf(call.Pos(), "size %s", sz.Of(call.Call.Args[0]))
				}
			}
		}
		return nil, nil
	},
}

func TestSizes(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), reporter, "shapes")
}

func TestLattice(t *testing.T) {
	exact3, most5 := sizes.Of(3), sizes.Max(5)
	cpus, chosen, data := sizes.Size{Kind: sizes.CPUs}, sizes.Size{Kind: sizes.Chosen}, sizes.Size{Kind: sizes.Data}
	for _, tc := range []struct {
		name string
		got  sizes.Size
		want sizes.Size
	}{
		{"join equal", sizes.Join(exact3, exact3), exact3},
		{"join bounded", sizes.Join(exact3, most5), most5},
		{"join cpus", sizes.Join(most5, cpus), cpus},
		{"join data", sizes.Join(chosen, data), data},
		{"meet bounded", sizes.Meet(exact3, most5), sizes.Max(3)},
		{"meet data", sizes.Meet(data, most5), most5},
		{"meet chosen", sizes.Meet(data, chosen), chosen},
		{"add", sizes.Add(exact3, exact3), sizes.Of(6)},
		{"add data", sizes.Add(exact3, data), data},
		{"mul zero", sizes.Mul(sizes.Of(0), data), sizes.Of(0)},
		{"mul cpus", sizes.Mul(sizes.Of(2), cpus), cpus},
		{"sub", sizes.Sub(most5, exact3), most5},
		{"quo data", sizes.Quo(data, exact3), chosen},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, tc.got, tc.want)
		}
	}
	if !sizes.Max(7).Below(8) || sizes.Of(8).Below(8) || chosen.Below(8) {
		t.Error("Below does not compare bounds with the threshold")
	}
}
