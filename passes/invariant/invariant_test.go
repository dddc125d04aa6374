package invariant_test

import (
	"go/token"
	"go/types"
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
				pass.Reportf(v.Pos(), "%s %s", describe(v), verdict)
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

// describe names a load by the field it reads, or * for a plain
// dereference.
func describe(v ssa.Value) string {
	fa, ok := v.(*ssa.UnOp).X.(*ssa.FieldAddr)
	if !ok {
		return "load *"
	}
	st := fa.X.Type().Underlying().(*types.Pointer).Elem().Underlying().(*types.Struct)
	return "load " + st.Field(fa.Field).Name()
}

func TestInvariance(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), reporter, "inv")
}
