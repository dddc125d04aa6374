package sliceedit

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers/internal/source"
	"github.com/perfvet/perfvet/passes/loops"
)

// deleteFuncFix rewrites a counted loop that deletes from the slice it
// walks into one call of slices.DeleteFunc. It applies to the two shapes
// that keep exactly the elements DeleteFunc keeps, in order:
//
//	for i := 0; i < len(s); i++ {
//		if cond { s = append(s[:i], s[i+1:]...); i-- }
//	}
//
//	for i := len(s) - 1; i >= 0; i-- {
//		if cond { s = append(s[:i], s[i+1:]...) }
//	}
//
// (or slices.Delete(s, i, i+1)), where the loop does nothing else, s is
// a variable and cond reads s and i only as s[i]. The forward loop tests
// each element once, in order, as DeleteFunc does; the backward loop
// tests them in reverse, so its condition must call nothing. A loop over
// s by range has no fix: it skips the element after each one deleted,
// which DeleteFunc does not. DeleteFunc zeroes the elements past the new
// length, where the loop leaves stale copies: no correct program reads
// them.
func deleteFuncFix(pass *analysis.Pass, file *ast.File, path []ast.Node, l *loops.Loop, call *ast.CallExpr) (analysis.SuggestedFix, bool) {
	fs, ok := l.Stmt.(*ast.ForStmt)
	if !ok || labelled(path, fs) || !source.GoAtLeast(pass, file, "go1.21") {
		return analysis.SuggestedFix{}, false
	}
	info := pass.TypesInfo
	i, s, forward, ok := countedOver(info, fs)
	if !ok || len(fs.Body.List) != 1 {
		return analysis.SuggestedFix{}, false
	}
	ifs, ok := fs.Body.List[0].(*ast.IfStmt)
	if !ok || ifs.Init != nil || ifs.Else != nil {
		return analysis.SuggestedFix{}, false
	}
	want := 1
	if forward {
		want = 2
	}
	if len(ifs.Body.List) != want || !isDeletion(info, ifs.Body.List[0], s, i, call) {
		return analysis.SuggestedFix{}, false
	}
	if forward && !isDecrement(info, ifs.Body.List[1], i) {
		return analysis.SuggestedFix{}, false
	}
	elems, ok := elementReads(info, ifs.Cond, s, i)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	if calls := hasCalls(info, ifs.Cond); calls && (!forward || !private(info, path, s)) {
		return analysis.SuggestedFix{}, false
	}
	sl, ok := s.Type().Underlying().(*types.Slice)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	elemType, ok := typeText(info, pass.Pkg, file, fs.Pos(), sl.Elem())
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	pkg, importEdits, ok := source.PackageName(info, file, fs.Pos(), "slices", "slices")
	if !ok || (len(importEdits) > 0 && !source.MayImport(pass, "slices")) {
		return analysis.SuggestedFix{}, false
	}
	cond, err := source.Text(pass, ifs.Cond)
	if err != nil {
		return analysis.SuggestedFix{}, false
	}
	param := paramName(ifs.Cond)
	// Replace each s[i] by the parameter, last first so that offsets
	// stay valid.
	base := ifs.Cond.Pos()
	for k := len(elems) - 1; k >= 0; k-- {
		e := elems[k]
		cond = cond[:e.Pos()-base] + param + cond[e.End()-base:]
	}
	text := s.Name() + " = " + pkg + ".DeleteFunc(" + s.Name() + ", func(" + param + " " + elemType + ") bool {\n" +
		source.Indent(pass, fs.Pos()) + "\treturn " + cond + "\n" + source.Indent(pass, fs.Pos()) + "})"
	edits := append(importEdits, analysis.TextEdit{Pos: fs.Pos(), End: fs.End(), NewText: []byte(text)})
	return analysis.SuggestedFix{Message: "Filter with slices.DeleteFunc", TextEdits: edits}, true
}

// labelled reports whether fs carries a label, which the rewrite would
// leave unused.
func labelled(path []ast.Node, fs *ast.ForStmt) bool {
	for k, n := range path {
		if n == fs {
			if k+1 < len(path) {
				if lab, ok := path[k+1].(*ast.LabeledStmt); ok && lab.Stmt == fs {
					return true
				}
			}
			return false
		}
	}
	return true // fs not on the path: leave it alone
}

// countedOver matches "for i := 0; i < len(s); i++" (forward) and
// "for i := len(s) - 1; i >= 0; i--", returning the counter and the
// slice variable.
func countedOver(info *types.Info, fs *ast.ForStmt) (i, s *types.Var, forward, ok bool) {
	init, ok := fs.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
		return nil, nil, false, false
	}
	id, ok := init.Lhs[0].(*ast.Ident)
	if !ok {
		return nil, nil, false, false
	}
	i, _ = info.Defs[id].(*types.Var)
	cond, ok := ast.Unparen(fs.Cond).(*ast.BinaryExpr)
	post, ok2 := fs.Post.(*ast.IncDecStmt)
	if i == nil || !ok || !ok2 || !isVar(info, post.X, i) || !isVar(info, cond.X, i) {
		return nil, nil, false, false
	}
	switch {
	case isIntLit(init.Rhs[0], "0") && cond.Op == token.LSS && post.Tok == token.INC:
		s = lenOf(info, cond.Y)
		forward = true
	case cond.Op == token.GEQ && isIntLit(cond.Y, "0") && post.Tok == token.DEC:
		if b, ok := ast.Unparen(init.Rhs[0]).(*ast.BinaryExpr); ok && b.Op == token.SUB && isIntLit(b.Y, "1") {
			s = lenOf(info, b.X)
		}
	}
	return i, s, forward, s != nil
}

// lenOf returns the variable v of the expression len(v).
func lenOf(info *types.Info, e ast.Expr) *types.Var {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || !isBuiltin(info, call.Fun, "len") {
		return nil
	}
	id, ok := ast.Unparen(call.Args[0]).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.Uses[id].(*types.Var)
	return v
}

// isDeletion reports whether stmt is "s = append(s[:i], s[i+1:]...)" or
// "s = slices.Delete(s, i, i+1)" with the reported call as its value.
func isDeletion(info *types.Info, stmt ast.Stmt, s, i *types.Var, call *ast.CallExpr) bool {
	as, ok := stmt.(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 || ast.Unparen(as.Rhs[0]) != call {
		return false
	}
	if !isVar(info, as.Lhs[0], s) {
		return false
	}
	if isBuiltin(info, call.Fun, "append") {
		if len(call.Args) != 2 || !call.Ellipsis.IsValid() {
			return false
		}
		head, ok1 := ast.Unparen(call.Args[0]).(*ast.SliceExpr)
		tail, ok2 := ast.Unparen(call.Args[1]).(*ast.SliceExpr)
		return ok1 && ok2 && !head.Slice3 && !tail.Slice3 &&
			isVar(info, head.X, s) && head.Low == nil && isVar(info, head.High, i) &&
			isVar(info, tail.X, s) && isNext(info, tail.Low, i) && tail.High == nil
	}
	fn, ok := typeutilCallee(info, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "slices" || fn.Name() != "Delete" || len(call.Args) != 3 {
		return false
	}
	return isVar(info, call.Args[0], s) && isVar(info, call.Args[1], i) && isNext(info, call.Args[2], i)
}

// typeutilCallee returns the function or builtin a call's function
// expression names.
func typeutilCallee(info *types.Info, call *ast.CallExpr) types.Object {
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return info.Uses[fun]
	case *ast.SelectorExpr:
		return info.Uses[fun.Sel]
	case *ast.IndexExpr: // an explicit instantiation
		if sel, ok := fun.X.(*ast.SelectorExpr); ok {
			return info.Uses[sel.Sel]
		}
	}
	return nil
}

// isDecrement reports whether stmt is i--.
func isDecrement(info *types.Info, stmt ast.Stmt, i *types.Var) bool {
	dec, ok := stmt.(*ast.IncDecStmt)
	return ok && dec.Tok == token.DEC && isVar(info, dec.X, i)
}

// elementReads returns the expressions s[i] in cond, in source order,
// provided cond uses s and i nowhere else.
func elementReads(info *types.Info, cond ast.Expr, s, i *types.Var) ([]*ast.IndexExpr, bool) {
	var reads []*ast.IndexExpr
	ok := true
	ast.Inspect(cond, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IndexExpr:
			if isVar(info, n.X, s) && isVar(info, n.Index, i) {
				reads = append(reads, n)
				return false
			}
		case *ast.Ident:
			if obj := info.Uses[n]; obj == s || obj == i {
				ok = false
			}
		case *ast.FuncLit:
			ok = false // a closure could keep the element's address
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				ok = false // &s[i] would point into the slice, not at a copy
			}
		}
		return ok
	})
	return reads, ok
}

// hasCalls reports whether e calls anything but a conversion or the
// built-in len, cap, min or max.
func hasCalls(info *types.Info, e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
			return true
		}
		if !isBuiltin(info, call.Fun, "len", "cap", "min", "max") {
			found = true
		}
		return !found
	})
	return found
}

// private reports whether only the function's own code, not a closure
// or another function, can read the variable s: then a call in the
// condition cannot see s change under it, in the loop or in DeleteFunc.
func private(info *types.Info, path []ast.Node, s *types.Var) bool {
	var body *ast.BlockStmt
	for _, n := range path {
		switch fn := n.(type) {
		case *ast.FuncLit:
			body = fn.Body
		case *ast.FuncDecl:
			body = fn.Body
		}
		if body != nil {
			break
		}
	}
	if body == nil || s.Pos() < body.Pos() && !isParam(path, s) {
		return false // a package-level variable, or captured from outside
	}
	captured := false
	ast.Inspect(body, func(n ast.Node) bool {
		lit, ok := n.(*ast.FuncLit)
		if !ok || captured {
			return !captured
		}
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && info.Uses[id] == s {
				captured = true
			}
			return !captured
		})
		return false
	})
	return !captured
}

// isParam reports whether s is a parameter or result of the innermost
// function on path.
func isParam(path []ast.Node, s *types.Var) bool {
	for _, n := range path {
		var ft *ast.FuncType
		switch fn := n.(type) {
		case *ast.FuncLit:
			ft = fn.Type
		case *ast.FuncDecl:
			ft = fn.Type
		default:
			continue
		}
		return ft.Pos() <= s.Pos() && s.Pos() < ft.End()
	}
	return false
}

// paramName picks a name for the predicate's parameter that cond does
// not mention.
func paramName(cond ast.Expr) string {
	used := make(map[string]bool)
	ast.Inspect(cond, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			used[id.Name] = true
		}
		return true
	})
	for _, name := range []string{"x", "v", "e", "elem"} {
		if !used[name] {
			return name
		}
	}
	for k := 0; ; k++ {
		if name := "x" + strconv.Itoa(k); !used[name] {
			return name
		}
	}
}

// typeText writes t as file can name it at pos: with the names under
// which file imports the packages t mentions. It fails for a package
// file does not import, or whose name something else shadows at pos.
func typeText(info *types.Info, pkg *types.Package, file *ast.File, pos token.Pos, t types.Type) (string, bool) {
	scope := source.InnermostScope(info, file, pos)
	ok := scope != nil
	qualify := func(p *types.Package) string {
		if p == pkg {
			return ""
		}
		for _, imp := range file.Imports {
			if path, _ := strconv.Unquote(imp.Path.Value); path != p.Path() {
				continue
			}
			name := p.Name()
			if imp.Name != nil {
				name = imp.Name.Name
			}
			if scope != nil {
				if _, obj := scope.LookupParent(name, pos); obj != nil {
					if pn, isPkg := obj.(*types.PkgName); isPkg && pn.Imported() == p {
						return name
					}
				}
			}
		}
		ok = false
		return p.Name()
	}
	return types.TypeString(t, qualify), ok
}

func isVar(info *types.Info, e ast.Expr, v *types.Var) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && v != nil && info.Uses[id] == v
}

// isNext reports whether e is i+1.
func isNext(info *types.Info, e ast.Expr, i *types.Var) bool {
	b, ok := ast.Unparen(e).(*ast.BinaryExpr)
	return ok && b.Op == token.ADD && isVar(info, b.X, i) && isIntLit(b.Y, "1")
}

func isIntLit(e ast.Expr, value string) bool {
	lit, ok := ast.Unparen(e).(*ast.BasicLit)
	return ok && lit.Kind == token.INT && lit.Value == value
}

func isBuiltin(info *types.Info, fun ast.Expr, names ...string) bool {
	id, ok := ast.Unparen(fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && slices.Contains(names, b.Name())
}
