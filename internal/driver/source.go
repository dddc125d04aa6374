package driver

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"
)

// Packages are type-checked from their files as written (GoFiles), not
// from what the go command compiles (CompiledGoFiles, which for a cgo
// package are cgo's output: generated files in the build cache, where
// nothing is reported). References to package C are type-checked as
// unknown (types.Config.FakeImportC), so the analysis needs nothing cgo
// produces, and it is the same whether or not cgo could run: a cgo
// package whose cgo step failed (a missing C header, no C compiler) is
// analysed from its files, and so is every package that imports it,
// which the go command could not compile either.

// checkSource parses p's files and type-checks them into pkg, with p's
// imports through v, recording into info. It returns the files, or one
// line saying why p cannot be analysed.
func (v *exportView) checkSource(p *packages.Package, pkg *types.Package, info *types.Info) ([]*ast.File, []string) {
	files, problems := parseFiles(v.fset, p.GoFiles)
	if len(problems) > 0 {
		return nil, []string{fmt.Sprintf("package %s does not parse: %s", p.PkgPath, firstAndCount(problems))}
	}
	usesC := importsC(files)
	compiled := p.ExportFile != ""
	tc := &types.Config{
		Importer:    v.importer(p),
		Sizes:       p.TypesSizes,
		GoVersion:   goVersion(p),
		FakeImportC: true,
		Error: func(err error) {
			if !followsFromC(err, usesC, compiled) {
				problems = append(problems, err.Error())
			}
		},
	}
	_ = types.NewChecker(tc, v.fset, pkg, info).Files(files)
	if len(problems) > 0 {
		// The go command compiled p (or only its cgo step failed), so
		// this is rare: a difference between the compiler and go/types.
		return nil, []string{fmt.Sprintf("package %s does not type-check: %s", p.PkgPath, firstAndCount(problems))}
	}
	return files, nil
}

// followsFromC reports whether a type error follows from C's names
// being unknown rather than from a mistake: in a package that imports C
// and that the compiler accepted with cgo's declarations, any error; in
// one the go command could not compile (its cgo step failed, or that of
// a package it imports, so go/types is the only check of its Go code),
// an error about a value of invalid type, which is what go/types calls a
// value made from C's names (say, indirecting the result of a helper
// that returns a C pointer, or converting a C value another package
// returns).
func followsFromC(err error, usesC, compiled bool) bool {
	if compiled {
		return usesC
	}
	return strings.Contains(err.Error(), "invalid type")
}

// fromSource type-checks dep, a dependency without export data, into
// the view: a cgo package whose cgo step failed, or a package that
// imports one, directly or not. Other packages without export data are
// broken, and their dependents are not analysed (see listProblems).
func (v *exportView) fromSource(dep *packages.Package) (*types.Package, error) {
	if problems := listProblems(dep); len(problems) > 0 {
		return nil, fmt.Errorf("no export data for %s", dep.ID)
	}
	pkg := v.get(dep) // the package other imports may already refer to
	// Only what type-checking itself needs: nothing analyses dep.
	if _, problems := v.checkSource(dep, pkg, &types.Info{}); len(problems) > 0 {
		delete(v.pkgs, dep.PkgPath) // never a half-checked package
		return nil, fmt.Errorf("%s", problems[0])
	}
	return pkg, nil
}

// cgoStepFailed reports whether the go command failed p at its cgo step
// alone: p uses cgo, cgo produced none of the files the compiler would
// compile (go/packages then lists the files as written as the compiled
// ones), and every error is a build step's, with no position in the Go
// source (cgo's or the C compiler's report, or "cgo: exit status 2").
func cgoStepFailed(p *packages.Package) bool {
	if len(p.Errors) == 0 || !slices.Equal(p.CompiledGoFiles, p.GoFiles) {
		return false
	}
	for _, e := range p.Errors {
		if e.Kind != packages.ListError || e.Pos != "" {
			return false // a problem in the Go source: a bad import, say
		}
	}
	return slices.ContainsFunc(p.GoFiles, fileImportsC)
}

// fileImportsC reports whether the named file imports "C", reading only
// its imports.
func fileImportsC(name string) bool {
	src, err := os.ReadFile(name)
	if err != nil {
		return false
	}
	f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly)
	return err == nil && importsC([]*ast.File{f})
}

// importsC reports whether one of files imports "C".
func importsC(files []*ast.File) bool {
	for _, f := range files {
		for _, imp := range f.Imports {
			if path, _ := strconv.Unquote(imp.Path.Value); path == "C" {
				return true
			}
		}
	}
	return false
}
