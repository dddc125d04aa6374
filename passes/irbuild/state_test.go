package irbuild_test

import (
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irbuild"
)

// stateReporter reports, like reporter, which declarations irbuild
// built, and for every static call in a built body the state of its
// callee.
var stateReporter = &analysis.Analyzer{
	Name:     "irstate",
	Doc:      "report the body state of every callee of built code (test only)",
	Requires: []*analysis.Analyzer{irbuild.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		if _, err := reporter.Run(pass); err != nil {
			return nil, err
		}
		ir := pass.ResultOf[irbuild.Analyzer].(*irbuild.IR)
		for _, fn := range ir.Funcs {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					call, ok := instr.(ssa.CallInstruction)
					if !ok || call.Common().StaticCallee() == nil {
						continue
					}
					callee := call.Common().StaticCallee()
					name := strings.TrimPrefix(callee.RelString(pass.Pkg), pass.Pkg.Name()+".")
					pass.Reportf(instr.Pos(), "calls %s: %s", name, stateName[ir.State(callee)])
				}
			}
		}
		return nil, nil
	},
}

var stateName = map[irbuild.State]string{irbuild.Built: "built", irbuild.OutOfScope: "out of scope", irbuild.Foreign: "foreign"}

// TestClosure checks that the whole same-package closure of the roots is
// built, with the holders' mentions, and the state each call's callee
// reports.
func TestClosure(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), stateReporter, "closure")
}

// TestOutOfScope checks the state of a method of the package that no
// built body refers to, as the builder creates it for a method set.
func TestOutOfScope(t *testing.T) {
	probe := &analysis.Analyzer{
		Name:     "outofscope",
		Doc:      "report the state of unreached (test only)",
		Requires: []*analysis.Analyzer{irbuild.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			ir := pass.ResultOf[irbuild.Analyzer].(*irbuild.IR)
			named := pass.Pkg.Scope().Lookup("T").Type()
			sel := types.NewMethodSet(types.NewPointer(named)).Lookup(pass.Pkg, "unreached")
			obj := sel.Obj().(*types.Func)
			fn := ir.Pkg.Prog.MethodValue(sel)
			pass.Reportf(obj.Pos(), "unreached: %s", stateName[ir.State(fn)])
			if ir.Body(fn) != nil || ir.Func(obj) != nil {
				pass.Reportf(obj.Pos(), "unreached has a body")
			}
			return nil, nil
		},
	}
	analysistest.Run(t, analysistest.TestData(), probe, "unreached")
}
