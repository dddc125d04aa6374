package invariant_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/loops"
)

// contentsReporter reports, at each loop, whether the elements of the
// slice parameter named xs may change during it.
var contentsReporter = &analysis.Analyzer{
	Name:     "contentsreport",
	Doc:      "report whether loops may change the elements of xs (test only)",
	Requires: []*analysis.Analyzer{loops.Analyzer, invariant.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		forest := pass.ResultOf[loops.Analyzer].(*loops.Forest)
		oracle := pass.ResultOf[invariant.Analyzer].(*invariant.Oracle)
		for _, l := range forest.All {
			xs := paramNamed(l.Fn, "xs")
			if xs == nil {
				continue
			}
			verdict := "xs unchanged"
			if oracle.ContentsChange(l, xs) {
				verdict = "xs changes"
			}
			pass.Reportf(l.Pos(), "%s", verdict)
		}
		return nil, nil
	},
}

func paramNamed(fn *ssa.Function, name string) ssa.Value {
	for _, p := range fn.Params {
		if p.Name() == name {
			return p
		}
	}
	return nil
}

func TestContentsChange(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), contentsReporter, "contents")
}

// exceptReporter is contentsReporter leaving out calls to functions
// named skipped.
var exceptReporter = &analysis.Analyzer{
	Name:     "exceptreport",
	Doc:      "report whether loops may change the elements of xs other than by calls to skipped (test only)",
	Requires: []*analysis.Analyzer{loops.Analyzer, invariant.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		forest := pass.ResultOf[loops.Analyzer].(*loops.Forest)
		oracle := pass.ResultOf[invariant.Analyzer].(*invariant.Oracle)
		skip := func(instr ssa.Instruction) bool {
			call, ok := instr.(*ssa.Call)
			return ok && call.Common().StaticCallee() != nil && call.Common().StaticCallee().Name() == "skipped"
		}
		for _, l := range forest.All {
			if xs := paramNamed(l.Fn, "xs"); xs != nil {
				verdict := "xs unchanged"
				if oracle.ContentsChangeExcept(l, xs, skip) {
					verdict = "xs changes"
				}
				pass.Reportf(l.Pos(), "%s", verdict)
			}
		}
		return nil, nil
	},
}

func TestContentsChangeExcept(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), exceptReporter, "except")
}
