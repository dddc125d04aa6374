package sliceedit

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/passes/loops"
)

// deleteFuncFix rewrites a loop that deletes from the slice it walks
// into one call of slices.DeleteFunc.
func deleteFuncFix(pass *analysis.Pass, file *ast.File, path []ast.Node, l *loops.Loop, call *ast.CallExpr) (analysis.SuggestedFix, bool) {
	return analysis.SuggestedFix{}, false
}
