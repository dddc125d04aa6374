// Package source relates SSA positions to syntax and builds the text
// edits of suggested fixes.
package source

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// Enclosing returns the file of pass containing pos and the path of
// nodes from the innermost node at pos out to the file.
func Enclosing(pass *analysis.Pass, pos token.Pos) (*ast.File, []ast.Node) {
	if !pos.IsValid() {
		return nil, nil
	}
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			path, _ := astutil.PathEnclosingInterval(f, pos, pos)
			return f, path
		}
	}
	return nil, nil
}

// Text returns the source text of node as written, comments included.
func Text(pass *analysis.Pass, node ast.Node) (string, error) {
	tf := pass.Fset.File(node.Pos())
	if tf == nil {
		return "", fmt.Errorf("no file for position %d", node.Pos())
	}
	content, err := pass.ReadFile(tf.Name())
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", tf.Name(), err)
	}
	start, end := tf.Offset(node.Pos()), tf.Offset(node.End())
	if start < 0 || end > len(content) || start > end {
		return "", fmt.Errorf("node %d-%d outside %s", start, end, tf.Name())
	}
	return string(content[start:end]), nil
}

// Indent returns the leading white space of the line holding pos.
func Indent(pass *analysis.Pass, pos token.Pos) string {
	tf := pass.Fset.File(pos)
	content, err := pass.ReadFile(tf.Name())
	if err != nil {
		return "\t"
	}
	lineStart := tf.Offset(tf.LineStart(tf.Line(pos)))
	end := lineStart
	for end < len(content) && (content[end] == ' ' || content[end] == '\t') {
		end++
	}
	return string(content[lineStart:end])
}

// PackageName returns the name under which file refers to the package
// with the given import path at pos, and the edits that import it if the
// file does not yet. It fails if the name the package would get is
// already taken at pos by something else.
func PackageName(info *types.Info, file *ast.File, pos token.Pos, path, name string) (string, []analysis.TextEdit, bool) {
	for _, imp := range file.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == path {
			switch {
			case imp.Name == nil:
				return name, nil, true
			case imp.Name.Name == "_" || imp.Name.Name == ".":
				return "", nil, false
			default:
				return imp.Name.Name, nil, true
			}
		}
	}
	if scope := InnermostScope(info, file, pos); scope != nil {
		if _, obj := scope.LookupParent(name, pos); obj != nil {
			return "", nil, false
		}
	}
	return name, importEdits(file, path), true
}

// InnermostScope returns the innermost scope of file containing pos.
func InnermostScope(info *types.Info, file *ast.File, pos token.Pos) *types.Scope {
	s := info.Scopes[file]
	if s == nil {
		return nil
	}
	return s.Innermost(pos)
}

// importEdits adds an import of path to file: into its first import
// declaration, or after the package clause.
func importEdits(file *ast.File, path string) []analysis.TextEdit {
	quoted := strconv.Quote(path)
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		if gd.Lparen.IsValid() {
			return []analysis.TextEdit{{Pos: gd.Lparen + 1, End: gd.Lparen + 1, NewText: []byte("\n\t" + quoted)}}
		}
		return []analysis.TextEdit{
			{Pos: gd.Specs[0].Pos(), End: gd.Specs[0].Pos(), NewText: []byte("(\n\t" + quoted + "\n\t")},
			{Pos: gd.Specs[0].End(), End: gd.Specs[0].End(), NewText: []byte("\n)")},
		}
	}
	return []analysis.TextEdit{{Pos: file.Name.End(), End: file.Name.End(), NewText: []byte("\n\nimport " + quoted)}}
}

// InBlock returns loop statement s as it stands in its enclosing
// statement list (the labelled statement around it, if any), that list,
// and the path of nodes from the list's owner out to the file, given the
// path from s (or a node inside it) outwards. A statement outside any
// list, such as the body of an if without braces, gives a nil list.
func InBlock(path []ast.Node, s ast.Stmt) (ast.Stmt, []ast.Stmt, []ast.Node) {
	i := slices.IndexFunc(path, func(n ast.Node) bool { return n == s })
	if i < 0 {
		return nil, nil, nil
	}
	stmt, rest := s, path[i+1:]
	if len(rest) > 0 {
		if lab, ok := rest[0].(*ast.LabeledStmt); ok && lab.Stmt == s {
			stmt, rest = lab, rest[1:]
		}
	}
	if len(rest) == 0 {
		return stmt, nil, nil
	}
	switch owner := rest[0].(type) {
	case *ast.BlockStmt:
		return stmt, owner.List, rest
	case *ast.CaseClause:
		return stmt, owner.Body, rest
	case *ast.CommClause:
		return stmt, owner.Body, rest
	}
	return stmt, nil, rest
}

// MayImport reports whether the package of pass can import the package
// at path without creating an import cycle: it already depends on it, or
// it is not part of the standard library, whose low-level packages are
// what path's own dependencies are made of.
func MayImport(pass *analysis.Pass, path string) bool {
	if dependsOn(pass.Pkg, path, make(map[*types.Package]bool)) {
		return true
	}
	return !inGOROOT(pass)
}

// dependsOn reports whether pkg imports path, directly or not.
func dependsOn(pkg *types.Package, path string, seen map[*types.Package]bool) bool {
	for _, imp := range pkg.Imports() {
		if imp.Path() == path {
			return true
		}
		if !seen[imp] {
			seen[imp] = true
			if dependsOn(imp, path, seen) {
				return true
			}
		}
	}
	return false
}

// inGOROOT reports whether the files of pass lie in the Go tree.
func inGOROOT(pass *analysis.Pass) bool {
	if len(pass.Files) == 0 {
		return false
	}
	name := pass.Fset.File(pass.Files[0].Pos()).Name()
	root := filepath.Join(build.Default.GOROOT, "src") + string(filepath.Separator)
	return strings.HasPrefix(name, root)
}

// BlockScope returns the scope of the block that holds stmt, where a
// declaration inserted before stmt lands: not the scope a for, if or
// switch statement opens for itself, which begins at the statement.
func BlockScope(info *types.Info, file *ast.File, stmt ast.Stmt) *types.Scope {
	scope := InnermostScope(info, file, stmt.Pos())
	for scope != nil && scope.Pos() >= stmt.Pos() {
		scope = scope.Parent()
	}
	return scope
}
