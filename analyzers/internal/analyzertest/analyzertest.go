// Package analyzertest runs a perfvet analyzer over its golden testdata.
package analyzertest

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/internal/lint"

	// Linking the registry registers every analyzer name, so that
	// //perfvet:ignore directives parse as they do in the binary.
	_ "github.com/perfvet/perfvet/analyzers"
)

// Run runs a over every scenario package in the caller's testdata/src (a
// directory whose name has no dot; dotted paths hold stubs of imported
// modules), checking its // want comments and, where the scenario has
// .golden files, that applying the suggested fixes yields them. The
// directives are checked too, as if a were the only analyzer (see
// lint.Alone): its golden cases hold the directives that name it.
func Run(t *testing.T, a *analysis.Analyzer) {
	t.Helper()
	RunDir(t, a, analysistest.TestData())
}

// RunDir is Run over the scenario packages in dir/src, for scenarios
// that need the analyzer configured differently (a flag set) and so
// live apart from the default ones.
func RunDir(t *testing.T, a *analysis.Analyzer, dir string) {
	t.Helper()
	a = lint.Alone(a)
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
				checkGoldenCompiles(t, filepath.Join(dir, "src", s))
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

// checkGoldenCompiles type-checks the scenario package as the suggested
// fixes leave it: each file replaced by its .golden version where there
// is one. A fix that reads well but does not compile fails here.
func checkGoldenCompiles(t *testing.T, dir string) {
	t.Helper()
	sources, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, src := range sources {
		if _, err := os.Stat(src + ".golden"); err == nil {
			src += ".golden"
		}
		f, err := parser.ParseFile(fset, src, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Errorf("fixed source does not parse: %v", err)
			return
		}
		files = append(files, f)
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	if _, err := conf.Check(filepath.Base(dir), fset, files, nil); err != nil {
		t.Errorf("fixed package %s does not compile: %v", filepath.Base(dir), err)
	}
}
