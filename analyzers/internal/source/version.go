package source

import (
	"go/ast"
	"go/version"

	"golang.org/x/tools/go/analysis"
)

// GoAtLeast reports whether file, of pass, is compiled at Go version v
// or later: its //go:build version or else its module's. A message or
// fix names a function (slices.Grow) or builtin (max) only where this
// holds for the version that added it. An unknown version counts as
// new enough.
func GoAtLeast(pass *analysis.Pass, file *ast.File, v string) bool {
	fv := pass.TypesInfo.FileVersions[file]
	if fv == "" {
		fv = pass.Pkg.GoVersion()
	}
	return fv == "" || version.Compare(fv, v) >= 0
}
