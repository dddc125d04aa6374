package membership_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/internal/analyzertest"
	"github.com/perfvet/perfvet/analyzers/membership"
)

func TestMembership(t *testing.T) {
	analyzertest.Run(t, membership.Analyzer)
}

// TestSmallFlag checks that -small moves the line between slices too
// short to be worth a set and the rest.
func TestSmallFlag(t *testing.T) {
	f := membership.Analyzer.Flags.Lookup("small")
	if f == nil {
		t.Fatal("membership has no -small flag")
	}
	if f.DefValue != "8" {
		t.Errorf("-small defaults to %s, want 8 as the spec says", f.DefValue)
	}
	if err := f.Value.Set("3"); err != nil {
		t.Fatal(err)
	}
	defer f.Value.Set(f.DefValue)
	analysistest.Run(t, filepath.Join(analysistest.TestData(), "threshold"), membership.Analyzer, "threshold")
}
