package scope_test

import (
	"go/ast"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"

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

// TestMayReport checks the judgement from file names against the rule
// Reported applies, for the three kinds of package a driver lists under
// each setting of -dedup and -testfiles.
func TestMayReport(t *testing.T) {
	plain := []string{"p/a.go", "p/b.go"}
	variant := []string{"p/a.go", "p/a_test.go"}
	external := []string{"p/x_test.go"}
	for _, c := range []struct {
		dedup, testFiles         bool
		plain, variant, external bool
	}{
		{dedup: false, testFiles: false, plain: true, variant: true, external: false},
		{dedup: true, testFiles: false, plain: true, variant: false, external: false},
		{dedup: false, testFiles: true, plain: true, variant: true, external: true},
		{dedup: true, testFiles: true, plain: true, variant: true, external: true},
	} {
		setDedup(t, c.dedup)
		hotness.TestFiles = c.testFiles
		assert.Equal(t, c.plain, scope.MayReport(plain), "plain package, %+v", c)
		assert.Equal(t, c.variant, scope.MayReport(variant), "test variant, %+v", c)
		assert.Equal(t, c.external, scope.MayReport(external), "external test, %+v", c)
	}
	setDedup(t, false)
	hotness.TestFiles = false
}

func setDedup(t *testing.T, on bool) {
	t.Helper()
	if err := scope.Analyzer.Flags.Set("dedup", strconv.FormatBool(on)); err != nil {
		t.Fatal(err)
	}
}
