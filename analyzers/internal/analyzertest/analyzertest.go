// Package analyzertest runs a perfvet analyzer over its golden testdata.
package analyzertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	// Linking the registry registers every analyzer name, so that
	// //perfvet:ignore directives parse as they do in the binary.
	_ "github.com/perfvet/perfvet/analyzers"
)

// Run runs a over every scenario package in the caller's testdata/src (a
// directory whose name has no dot; dotted paths hold stubs of imported
// modules), checking its // want comments and, where the scenario has
// .golden files, that applying the suggested fixes yields them.
func Run(t *testing.T, a *analysis.Analyzer) {
	t.Helper()
	dir := analysistest.TestData()
	scenarios, err := Scenarios(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(scenarios) == 0 {
		t.Fatalf("no scenario packages under %s", filepath.Join(dir, "src"))
	}
	for _, s := range scenarios {
		t.Run(s, func(t *testing.T) {
			if HasGolden(filepath.Join(dir, "src", s)) {
				analysistest.RunWithSuggestedFixes(t, dir, a, s)
			} else {
				analysistest.Run(t, dir, a, s)
			}
		})
	}
}

// Scenarios lists the scenario packages under dir/src.
func Scenarios(dir string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(dir, "src"))
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() && !strings.Contains(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// HasGolden reports whether dir holds a .golden file.
func HasGolden(dir string) bool {
	matches, _ := filepath.Glob(filepath.Join(dir, "*.golden"))
	return len(matches) > 0
}
