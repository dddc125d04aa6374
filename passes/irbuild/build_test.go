package irbuild

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestMissingImportIsAnError checks that building with too few imported
// packages reports an error, which run answers by building again with
// all of them, instead of crashing the whole run.
func TestMissingImportIsAnError(t *testing.T) {
	probe := &analysis.Analyzer{
		Name: "buildprobe",
		Doc:  "build without imports (test only)",
		Run: func(pass *analysis.Pass) (any, error) {
			keep := interestingFuncs(pass)
			if _, err := build(pass, keep, nil, nil); err != nil {
				pass.Reportf(pass.Files[0].Package, "without imports: error")
			}
			if _, err := build(pass, keep, nil, referencedPackages(pass, keep, nil)); err == nil {
				pass.Reportf(pass.Files[0].Name.Pos(), "with referenced imports: built")
			}
			return nil, nil
		},
	}
	analysistest.Run(t, analysistest.TestData(), probe, "imports")
}
