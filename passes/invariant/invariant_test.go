package invariant_test

import (
	"go/ast"
	"go/token"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/loops"
)

// reporter reports, for every load and len call in a loop, whether it is
// invariant in its innermost loop, and for each loop whether it
// synchronises, so the golden files assert the oracle's answers.
var reporter = &analysis.Analyzer{
	Name:     "invreport",
	Doc:      "report invariance of loads in loops (test only)",
	Requires: []*analysis.Analyzer{loops.Analyzer, invariant.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		forest := pass.ResultOf[loops.Analyzer].(*loops.Forest)
		oracle := pass.ResultOf[invariant.Analyzer].(*invariant.Oracle)
		for _, l := range forest.All {
			if oracle.Synchronises(l) {
				pass.Reportf(l.Pos(), "synchronises")
			}
			for _, instr := range l.Instrs() {
				if forest.Innermost(instr) != l {
					continue
				}
				v, ok := instr.(ssa.Value)
				if !ok || !isReported(v) {
					continue
				}
				verdict := "varies"
				if oracle.Invariant(v, l) {
					verdict = "invariant"
				}
				pass.Reportf(v.Pos(), "%s %s", describe(pass, v), verdict)
			}
		}
		return nil, nil
	},
}

// isReported selects the loads the tests talk about: loads of fields
// and of dereferenced pointers written in the source.
func isReported(v ssa.Value) bool {
	u, ok := v.(*ssa.UnOp)
	return ok && u.Op == token.MUL && u.Pos().IsValid()
}

func describe(pass *analysis.Pass, v ssa.Value) string {
	for _, f := range pass.Files {
		if f.FileStart <= v.Pos() && v.Pos() < f.FileEnd {
			var found string
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.SelectorExpr:
					if n.Sel.Pos() == v.Pos() || n.X.End() == v.Pos()-1 || n.Pos() == v.Pos() {
						found = "load " + n.Sel.Name
					}
				case *ast.StarExpr:
					if n.Pos() == v.Pos() {
						found = "load *"
					}
				}
				return found == ""
			})
			if found != "" {
				return found
			}
		}
	}
	return "load"
}

func TestInvariance(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), reporter, "inv")
}
