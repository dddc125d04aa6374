package analyzers_test

import (
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers"
)

// TestWrapKeepsOneGraph checks that the copies Wrap makes require each
// other, not the originals, so that a front end running them runs no
// analyzer twice, and that the directives analyzer still reads the
// copies' outcomes.
func TestWrapKeepsOneGraph(t *testing.T) {
	originals := analyzers.Analyzers()
	copies := analyzers.WithDiagnostics(originals, func(*analysis.Analyzer, *analysis.Diagnostic) {})
	for _, c := range copies {
		for _, r := range c.Requires {
			if slices.Contains(originals, r) {
				t.Errorf("the copy of %s requires the original %s", c.Name, r.Name)
			}
		}
	}
	directives := copies[len(copies)-1]
	dir, err := filepath.Abs(filepath.Join("internal", "lint", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, directives, "quiet")
}
