package sortloop_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/internal/analyzertest"
	"github.com/perfvet/perfvet/analyzers/sortloop"
)

func TestSortloop(t *testing.T) {
	analyzertest.Run(t, sortloop.Analyzer)
}

// TestOldGoVersion runs sortloop on a module whose go version predates
// the slices package: the remedy does not name slices.BinarySearch.
func TestOldGoVersion(t *testing.T) {
	analysistest.Run(t, filepath.Join(analysistest.TestData(), "go1.20"), sortloop.Analyzer, "./...")
}
