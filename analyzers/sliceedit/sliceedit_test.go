package sliceedit_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/internal/analyzertest"
	"github.com/perfvet/perfvet/analyzers/sliceedit"
)

func TestSliceedit(t *testing.T) {
	analyzertest.Run(t, sliceedit.Analyzer)
}

// TestOldGoVersion runs sliceedit on a module whose go version predates
// the slices package: the messages do not suggest its functions, and
// the fix that needs slices.DeleteFunc is withheld.
func TestOldGoVersion(t *testing.T) {
	for _, r := range analysistest.Run(t, filepath.Join(analysistest.TestData(), "go1.20"), sliceedit.Analyzer, "./...") {
		for _, d := range r.Diagnostics {
			if len(d.SuggestedFixes) > 0 {
				t.Errorf("%s: a fix in a go 1.20 module: %v", r.Pass.Fset.Position(d.Pos), d.SuggestedFixes)
			}
		}
	}
}
