package irbuild_test

import (
	"go/ast"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/passes/irbuild"
)

// reporter reports, for every function declaration, whether irbuild
// built its body, and counts the functions (literals included) it lists.
var reporter = &analysis.Analyzer{
	Name:     "irreport",
	Doc:      "report which functions irbuild builds (test only)",
	Requires: []*analysis.Analyzer{irbuild.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		ir := pass.ResultOf[irbuild.Analyzer].(*irbuild.IR)
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok {
					continue
				}
				if ir.Func(pass.TypesInfo.Defs[fd.Name].(*types.Func)) != nil {
					pass.Reportf(fd.Name.Pos(), "built")
				} else {
					pass.Reportf(fd.Name.Pos(), "bodiless")
				}
			}
		}
		for _, fn := range ir.Funcs {
			if fn.Parent() != nil {
				pass.Reportf(fn.Pos(), "listed %s", fn.Synthetic)
			}
		}
		return nil, nil
	},
}

func TestBuiltFunctions(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), reporter, "funcs")
}
