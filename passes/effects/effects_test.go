package effects_test

import (
	"go/token"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/effects"
	"github.com/perfvet/perfvet/passes/irbuild"
	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
)

// reporter reports, for every load written in the source of a loop,
// whether the loop may write the location it reads, and for each loop
// whether it makes an unknown call or synchronises, so the golden files
// assert the model's answers directly.
var reporter = &analysis.Analyzer{
	Name:     "effectsreport",
	Doc:      "report what loops may write (test only)",
	Requires: []*analysis.Analyzer{loops.Analyzer, effects.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		forest := pass.ResultOf[loops.Analyzer].(*loops.Forest)
		model := pass.ResultOf[effects.Analyzer].(*effects.Model)
		for _, l := range forest.All {
			s := model.Loop(l)
			if s.Unknown() {
				pass.Reportf(l.Pos(), "unknown")
			}
			if s.Synchronises() {
				pass.Reportf(l.Pos(), "synchronises")
			}
			for _, instr := range l.Instrs() {
				ld, ok := instr.(*ssa.UnOp)
				if !ok || ld.Op != token.MUL || !ld.Pos().IsValid() || forest.Innermost(ld) != l {
					continue
				}
				verdict := "kept"
				if s.MayWrite(ld.X) {
					verdict = "written"
				}
				pass.Reportf(ld.Pos(), "%s %s", describe(ld.X), verdict)
			}
		}
		return nil, nil
	},
}

// describe names the location at addr by the field it selects, or by
// the kind of address.
func describe(addr ssa.Value) string {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		st := irutil.Deref(a.X.Type()).Underlying().(*types.Struct)
		return st.Field(a.Field).Name()
	case *ssa.IndexAddr:
		return "element"
	case *ssa.Global, *ssa.FreeVar, *ssa.Alloc:
		return "variable"
	}
	return "*"
}

func TestModel(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), reporter, "model")
}

// elementsReporter reports, at each loop of a function with a slice
// parameter named xs, whether the loop may change its elements.
var elementsReporter = &analysis.Analyzer{
	Name:     "elementsreport",
	Doc:      "report whether loops may write the elements of xs (test only)",
	Requires: []*analysis.Analyzer{loops.Analyzer, effects.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		forest := pass.ResultOf[loops.Analyzer].(*loops.Forest)
		model := pass.ResultOf[effects.Analyzer].(*effects.Model)
		for _, l := range forest.All {
			for _, p := range l.Fn.Params {
				if p.Name() != "xs" {
					continue
				}
				verdict := "xs unchanged"
				if model.Loop(l).MayWriteElements(p) {
					verdict = "xs changes"
				}
				pass.Reportf(l.Pos(), "%s", verdict)
			}
		}
		return nil, nil
	},
}

func TestElements(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), elementsReporter, "elements")
}

// funcReporter reports, at each function of the package whose name
// starts with "writes", whether a call of it may write the package-level
// variable g, and the same for each call in it of a function whose name
// starts with "callee".
var funcReporter = &analysis.Analyzer{
	Name:     "funcreport",
	Doc:      "report whether functions and calls may write g (test only)",
	Requires: []*analysis.Analyzer{irbuild.Analyzer, effects.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		ir := pass.ResultOf[irbuild.Analyzer].(*irbuild.IR)
		if ir.Pkg == nil {
			return nil, nil
		}
		model := pass.ResultOf[effects.Analyzer].(*effects.Model)
		g := ir.Pkg.Var("g")
		verdict := func(s *effects.Summary) string {
			if s.MayWrite(g) {
				return "writes g"
			}
			return "keeps g"
		}
		for _, fn := range ir.Funcs {
			if strings.HasPrefix(fn.Name(), "writes") {
				pass.Reportf(fn.Pos(), "%s", verdict(model.Func(fn)))
			}
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					call, ok := instr.(*ssa.Call)
					if !ok {
						continue
					}
					if callee := call.Common().StaticCallee(); callee != nil && strings.HasPrefix(callee.Name(), "callee") {
						pass.Reportf(call.Pos(), "call %s", verdict(model.Call(call.Common())))
					}
				}
			}
		}
		return nil, nil
	},
}

func TestFuncsAndCalls(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), funcReporter, "funcs")
}
