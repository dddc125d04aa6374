package invariant_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/loops"
)

// localsReporter reports, for the argument of every call to a function
// named use, whether it is invariant in the innermost loop around the
// call by Invariant and by InvariantThroughLocals.
var localsReporter = &analysis.Analyzer{
	Name:     "localsreport",
	Doc:      "report the invariance of use(x) arguments (test only)",
	Requires: []*analysis.Analyzer{loops.Analyzer, invariant.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		forest := pass.ResultOf[loops.Analyzer].(*loops.Forest)
		oracle := pass.ResultOf[invariant.Analyzer].(*invariant.Oracle)
		for _, l := range forest.All {
			for _, b := range l.Blocks() {
				for _, instr := range b.Instrs {
					call, ok := instr.(*ssa.Call)
					if !ok || forest.Innermost(call) != l || !callsUse(call) {
						continue
					}
					arg := call.Common().Args[0]
					pass.Reportf(call.Pos(), "plain %s, through locals %s",
						verdict(oracle.Invariant(arg, l)), verdict(oracle.InvariantThroughLocals(arg, l)))
				}
			}
		}
		return nil, nil
	},
}

func callsUse(call *ssa.Call) bool {
	fn := call.Common().StaticCallee()
	return fn != nil && strings.HasPrefix(fn.Name(), "use") && len(call.Common().Args) == 1
}

func verdict(invariant bool) string {
	if invariant {
		return "invariant"
	}
	return "varies"
}

func TestInvariantThroughLocals(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), localsReporter, "locals")
}
