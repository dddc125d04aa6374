package irbuild

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/passes/hotness"
	"github.com/perfvet/perfvet/passes/scope"
)

// TestDedupSkipsPackageCodeInTestVariant checks that with -dedup (and
// test files reported) the test variant of a package builds only its
// test functions and what they call, while the package itself builds
// all of its loops. The report names the variant, since each variant is
// checked against the same want comments.
func TestDedupSkipsPackageCodeInTestVariant(t *testing.T) {
	if err := scope.Analyzer.Flags.Set("dedup", "true"); err != nil {
		t.Fatal(err)
	}
	defer scope.Analyzer.Flags.Set("dedup", "false")
	hotness.TestFiles = true
	defer func() { hotness.TestFiles = false }()
	probe := &analysis.Analyzer{
		Name:     "dedupprobe",
		Doc:      "report which loop functions each variant builds (test only)",
		Requires: Analyzer.Requires,
		Run: func(pass *analysis.Pass) (any, error) {
			variant := "plain"
			if scope.IsTestVariant(pass.Fset, pass.Files) {
				variant = "variant"
			}
			keep, _ := closure(pass, roots(pass, pass.ResultOf[scope.Analyzer].(*scope.Scope)), nil, nil)
			for _, d := range funcDecls(pass.Files) {
				switch {
				case keep[d]:
					pass.Reportf(d.Name.Pos(), "%s: kept", variant)
				case d.Body != nil && containsLoop(d.Body):
					pass.Reportf(d.Name.Pos(), "%s: skipped", variant)
				}
			}
			return nil, nil
		},
	}
	analysistest.Run(t, analysistest.TestData(), probe, "variant")
}
