package prealloc_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/internal/analyzertest"
	"github.com/perfvet/perfvet/analyzers/prealloc"
)

func TestPrealloc(t *testing.T) {
	analyzertest.Run(t, prealloc.Analyzer)
}

// TestConditional runs the scenarios of -prealloc.conditional, which
// also reports filtering loops.
func TestConditional(t *testing.T) {
	setFlag(t, "conditional", "true")
	analyzertest.RunDir(t, prealloc.Analyzer, filepath.Join(analysistest.TestData(), "conditional"))
}

func TestConditionalIsOffByDefault(t *testing.T) {
	f := prealloc.Analyzer.Flags.Lookup("conditional")
	if f == nil {
		t.Fatal("prealloc has no -conditional flag")
	}
	if f.DefValue != "false" {
		t.Errorf("-conditional defaults to %s, want false", f.DefValue)
	}
}

// setFlag sets one of the analyzer's flags for the duration of the test.
func setFlag(t *testing.T, name, value string) {
	t.Helper()
	f := prealloc.Analyzer.Flags.Lookup(name)
	if f == nil {
		t.Fatalf("no flag %s", name)
	}
	old := f.Value.String()
	if err := f.Value.Set(value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Value.Set(old) })
}

// TestOldGoVersion runs prealloc on a module whose go version predates
// slices.Grow and max: the messages suggest neither, and the fixes that
// would need them are withheld.
func TestOldGoVersion(t *testing.T) {
	for _, r := range analysistest.Run(t, filepath.Join(analysistest.TestData(), "go1.20"), prealloc.Analyzer, "./...") {
		for _, d := range r.Diagnostics {
			for _, fix := range d.SuggestedFixes {
				for _, e := range fix.TextEdits {
					if text := string(e.NewText); strings.Contains(text, "max(") || strings.Contains(text, "slices.") {
						t.Errorf("%s: fix writes %q, which go 1.20 lacks", r.Pass.Fset.Position(d.Pos), text)
					}
				}
			}
		}
	}
}
