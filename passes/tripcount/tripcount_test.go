package tripcount_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/tripcount"
)

// reporter reports each loop's trip count and hotness, so the golden
// files assert the classification directly.
var reporter = &analysis.Analyzer{
	Name:     "tripreport",
	Doc:      "report every loop's trip count (test only)",
	Requires: []*analysis.Analyzer{loops.Analyzer, tripcount.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		forest := pass.ResultOf[loops.Analyzer].(*loops.Forest)
		counts := pass.ResultOf[tripcount.Analyzer].(*tripcount.Counts)
		for _, l := range forest.All {
			c := counts.Of(l)
			heat := "cold"
			if counts.Hot(l) {
				heat = "hot"
			}
			exact := ""
			if !c.Exact && c.Kind != tripcount.Unknown {
				exact = " bound"
			}
			pass.Reportf(l.Pos(), "trip %s%s %s", c, exact, heat)
		}
		return nil, nil
	},
}

func TestTripCounts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), reporter, "counts")
}

func TestColdThresholdFlag(t *testing.T) {
	f := tripcount.Analyzer.Flags.Lookup("cold")
	if f == nil {
		t.Fatal("tripcount has no -cold flag")
	}
	if f.DefValue != "8" {
		t.Errorf("-cold defaults to %s, want 8 as the spec says", f.DefValue)
	}
}
