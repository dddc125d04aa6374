package scope_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/passes/hotness"
	"github.com/perfvet/perfvet/passes/scope"
)

// reporter reports, for every function declaration, whether findings
// there are reported, and whether it is shared; the report names the
// variant, since each variant is checked against the same want comments.
var reporter = &analysis.Analyzer{
	Name:     "scopereport",
	Doc:      "report the reporting scope of every function (test only)",
	Requires: []*analysis.Analyzer{scope.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		sc := pass.ResultOf[scope.Analyzer].(*scope.Scope)
		if pass.Pkg.Name() == "main" {
			return nil, nil // the test main package go test generates
		}
		variant := "plain"
		if scope.IsTestVariant(pass.Fset, pass.Files) {
			variant = "variant"
		}
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok {
					continue
				}
				msg := variant + ": reported"
				if !sc.Reported(fd.Pos()) {
					msg = variant + ": not reported"
				}
				if sc.Shared(fd.Pos()) {
					msg += ", shared"
				}
				pass.Reportf(fd.Name.Pos(), "%s", msg)
			}
		}
		return nil, nil
	},
}

// TestDefaultScope checks that generated and test files are out of
// scope by default, and that without -dedup nothing is shared.
func TestDefaultScope(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), reporter, "plain")
}

// TestDedupScope checks that under -dedup the test variant shares the
// package's own files, and that -testfiles brings test files in.
func TestDedupScope(t *testing.T) {
	if err := scope.Analyzer.Flags.Set("dedup", "true"); err != nil {
		t.Fatal(err)
	}
	defer scope.Analyzer.Flags.Set("dedup", "false")
	hotness.TestFiles = true
	defer func() { hotness.TestFiles = false }()
	analysistest.Run(t, analysistest.TestData(), reporter, "dedup")
}
