package suppress_test

import (
	"go/ast"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/passes/suppress"
)

func init() {
	suppress.Register("alpha")
	suppress.Register("beta")
	suppress.Register("alphabet")
}

// reporter reports every directive as parsed, and for every call to a
// function named finding whether a directive suppresses it for alpha.
var reporter = &analysis.Analyzer{
	Name:     "suppressreport",
	Doc:      "report directives and suppression (test only)",
	Requires: []*analysis.Analyzer{suppress.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		ds := pass.ResultOf[suppress.Analyzer].(*suppress.Directives)
		for _, d := range ds.List {
			misspelt := ""
			if d.Misspelt != "" {
				misspelt = " misspelt " + d.Misspelt
			}
			if d.Malformed != "" {
				misspelt += " malformed " + d.Malformed
			}
			pass.Reportf(d.Pos, "directive names=[%s] reason=%q%s", strings.Join(d.Names, " "), d.Reason, misspelt)
		}
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "finding" {
					switch {
					case ds.Find(call.Pos(), "alpha") != nil:
						pass.Reportf(call.Pos(), "suppressed")
					default:
						pass.Reportf(call.Pos(), "reported")
					}
				}
				return true
			})
		}
		return nil, nil
	},
}

func TestDirectives(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), reporter, "dirs")
}

// TestFileWideDirectives checks //perfvet:file-ignore: it covers every
// line of its own file, for the analyzers it names, and no other file.
func TestFileWideDirectives(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), reporter, "filewide")
}
