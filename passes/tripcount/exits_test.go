package tripcount_test

import (
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/tripcount"
)

// exitReporter reports, for every loop, its count's source expression
// and how many early exits it has, so the golden files assert both.
var exitReporter = &analysis.Analyzer{
	Name:     "exitreport",
	Doc:      "report every loop's bound expression and early exits (test only)",
	Requires: []*analysis.Analyzer{loops.Analyzer, tripcount.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		forest := pass.ResultOf[loops.Analyzer].(*loops.Forest)
		counts := pass.ResultOf[tripcount.Analyzer].(*tripcount.Counts)
		for _, l := range forest.All {
			c := counts.Of(l)
			expr := "none"
			if c.Expr != nil {
				expr = types.ExprString(c.Expr)
			}
			at := "none"
			if e, ok := counts.CountingExit(l); ok {
				at = "body"
				if e.From == l.Header {
					at = "header"
				}
			}
			pass.Reportf(l.Pos(), "%s expr %s early %d exit %s depth %d", c, expr, len(counts.EarlyExits(l)), at, l.Depth)
		}
		return nil, nil
	},
}

func TestEarlyExits(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), exitReporter, "exits")
}
