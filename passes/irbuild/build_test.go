package irbuild

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/passes/scope"
)

// TestMissingImportIsAnError checks that building with too few imported
// packages reports an error, which run answers by building again with
// all of them, instead of crashing the whole run; and that the imported
// packages are created with only the members the bodies refer to.
func TestMissingImportIsAnError(t *testing.T) {
	probe := &analysis.Analyzer{
		Name:     "buildprobe",
		Doc:      "build without imports (test only)",
		Requires: Analyzer.Requires,
		Run: func(pass *analysis.Pass) (any, error) {
			keep, _ := closure(pass, roots(pass, pass.ResultOf[scope.Analyzer].(*scope.Scope)), nil, nil)
			if _, err := build(pass, keep, nil, wholeImports(nil), pruneDecls); err != nil {
				pass.Reportf(pass.Files[0].Package, "without imports: error")
			}
			pkg, err := build(pass, keep, nil, referencedMembers(pass, keep, nil).create, pruneDecls)
			if err != nil {
				return nil, nil
			}
			members := slices.Sorted(maps.Keys(pkg.Prog.ImportedPackage("strings").Members))
			pass.Reportf(pass.Files[0].Name.Pos(), "with referenced imports: built; strings members %s", strings.Join(members, " "))
			return nil, nil
		},
	}
	analysistest.Run(t, analysistest.TestData(), probe, "imports")
}
