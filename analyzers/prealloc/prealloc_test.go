package prealloc_test

import (
	"path/filepath"
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
