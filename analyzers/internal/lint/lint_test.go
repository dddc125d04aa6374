package lint_test

import (
	"flag"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/analyzers/concatloop"
	"github.com/perfvet/perfvet/analyzers/hoistfield"
	"github.com/perfvet/perfvet/analyzers/internal/analyzertest"
	"github.com/perfvet/perfvet/analyzers/internal/lint"
)

// TestDirectives runs the directives analyzer of the registry, and so
// every analyzer, over each scenario of testdata/src.
func TestDirectives(t *testing.T) {
	runDirectives(t, analysistest.TestData())
}

// TestDirectivesStatic checks that hoistfield's directives are judged
// once it reports without a profile.
func TestDirectivesStatic(t *testing.T) {
	setFlag(t, &hoistfield.Analyzer.Flags, "static", "true")
	runDirectives(t, filepath.Join(analysistest.TestData(), "static"))
}

// TestDirectivesDeselected checks that the directives of an analyzer
// the command line leaves out are not judged.
func TestDirectivesDeselected(t *testing.T) {
	fs := flag.NewFlagSet("perfvet", flag.ContinueOnError)
	fs.Bool("sortloop", true, "")
	if err := fs.Set("sortloop", "false"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(lint.SetCommandLine(fs))
	runDirectives(t, filepath.Join(analysistest.TestData(), "deselected"))
}

// TestAlone checks an analyzer run alone with its directives, as its
// golden tests run it: findings and directives together.
func TestAlone(t *testing.T) {
	analysistest.Run(t, filepath.Join(analysistest.TestData(), "alone"), lint.Alone(concatloop.Analyzer), "related")
}

func runDirectives(t *testing.T, dir string) {
	t.Helper()
	scenarios, err := analyzertest.Scenarios(dir)
	if err != nil || len(scenarios) == 0 {
		t.Fatalf("no scenarios under %s: %v", dir, err)
	}
	for _, s := range scenarios {
		t.Run(s, func(t *testing.T) {
			analysistest.Run(t, dir, analyzers.Directives, s)
		})
	}
}

// setFlag sets the flag called name of fs for the test.
func setFlag(t *testing.T, fs *flag.FlagSet, name, value string) {
	t.Helper()
	old := fs.Lookup(name).Value.String()
	if err := fs.Set(name, value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fs.Set(name, old) })
}
