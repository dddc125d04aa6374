package prealloc

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/analyzers/internal/report"
	"github.com/perfvet/perfvet/analyzers/internal/source"
	"github.com/perfvet/perfvet/passes/loops"
)

// reportCandidate reports c if the source shows the variable declared
// as the analyzer requires, untouched until the loop.
func reportCandidate(pass *analysis.Pass, r *report.Reporter, c candidate) {
	slices.SortFunc(c.sites, func(a, b ssa.Instruction) int { return int(a.Pos() - b.Pos()) })
	file, path := source.Enclosing(pass, c.sites[0].Pos())
	if file == nil {
		return
	}
	v := variableOf(pass.TypesInfo, file, c)
	if v == nil {
		return
	}
	d, ok := findDecl(pass.TypesInfo, file, v)
	if !ok || !d.matches(c) {
		return
	}
	loopStmt, list := statementOf(file, c.loop)
	if loopStmt == nil || d.end > loopStmt.Pos() || usedBetween(pass.TypesInfo, file, v, d.end, loopStmt.Pos()) {
		return
	}
	if mentions(pass.TypesInfo, c.total.size, v) {
		return // the count depends on the variable itself
	}
	sizeText, ok := renderSize(c.total.size, nil)
	if !ok {
		return // a count whose source the loop does not show
	}
	node := siteNode(path)
	if node == nil {
		return
	}
	f := &fixer{pass: pass, file: file, v: v, d: d, c: c, loopStmt: loopStmt, list: list}
	var fixes []analysis.SuggestedFix
	if fix, ok := f.fix(); ok {
		fixes = append(fixes, fix)
	}
	at := newPlacement(pass, file, loopStmt.Pos(), v)
	at.forMessage = true
	r.InLoop(node, c.loop, message(pass, file, v, d, c, sizeText, at), fixes...)
}

// message says what grows, where, what it costs and what to do. The
// remedy is written for the file's Go version, at, before the loop:
// slices.Grow and max only where the version has them, and a count
// that may be negative clamped at zero, as make and slices.Grow panic
// on a negative size.
func message(pass *analysis.Pass, file *ast.File, v *types.Var, d decl, c candidate, sizeText string, at *placement) string {
	typ := types.TypeString(v.Type(), qualifier(pass.Pkg, file))
	remedySize, ok := renderSize(c.total.size, at)
	if !ok {
		remedySize = sizeText
	}
	var b strings.Builder
	b.WriteString(v.Name())
	if c.isMap {
		b.WriteString(" is filled in " + c.loop.Describe() + " without a size hint, rehashing its entries O(log n) times as it grows; ")
	} else {
		b.WriteString(" grows by append in " + c.loop.Describe() + " without capacity, reallocating and copying its elements O(log n) times; ")
	}
	if !c.total.exact {
		noun := " elements: "
		if c.isMap {
			noun = " entries: "
		}
		b.WriteString("it gets at most " + sizeText + noun)
	}
	switch {
	case c.isMap:
		b.WriteString("create it with make(" + typ + ", " + remedySize + ")")
	case d.origin == emptySlice:
		b.WriteString("create it with make(" + typ + ", 0, " + remedySize + ")")
	case c.nilSafe() && at.goAtLeast("go1.21"):
		b.WriteString("reserve the capacity first with " + v.Name() + " = slices.Grow(" + v.Name() + ", " + remedySize + ")")
	default:
		b.WriteString("create it with make(" + typ + ", 0, " + remedySize + ") if an empty result need not be nil")
	}
	if at.unclamped {
		b.WriteString(", first clamping a negative count at 0 (make panics on it)")
	}
	if calls := impure(pass.TypesInfo, c.total.size); len(calls) > 0 {
		b.WriteString(", evaluating " + strings.Join(calls, " and ") + " once, before the loop")
	}
	return b.String()
}

// impure lists the counts in s whose source has side effects (calls):
// the remedy must not evaluate them twice.
func impure(info *types.Info, s size) []string {
	var calls []string
	seen := make(map[string]bool)
	for _, t := range s {
		for _, f := range t.factors {
			if text := shortExpr(f.expr); !pure(info, f.expr) && !seen[text] {
				seen[text] = true
				calls = append(calls, text)
			}
		}
	}
	return calls
}

// qualifier names other packages as file refers to them.
func qualifier(pkg *types.Package, file *ast.File) types.Qualifier {
	return func(p *types.Package) string {
		if p == pkg {
			return ""
		}
		for _, imp := range file.Imports {
			if path, _ := strconv.Unquote(imp.Path.Value); path == p.Path() && imp.Name != nil && imp.Name.Name != "_" && imp.Name.Name != "." {
				return imp.Name.Name
			}
		}
		return p.Name()
	}
}

// nilSafe reports whether preallocating the computed size keeps a nil
// slice nil exactly when the loop appends nothing: the size is zero
// exactly when nothing is appended. That holds when every iteration
// appends the same amount and the count is exact, or is the length of a
// string ranged over (non-empty exactly when it has a rune).
func (c candidate) nilSafe() bool {
	return c.total.exact || (c.perExact && isStringRange(c.loop))
}

// variableOf returns the variable c fills, checking that every growth
// site names it: v = append(v, ...) or v[k] = x.
func variableOf(info *types.Info, file *ast.File, c candidate) *types.Var {
	var v *types.Var
	if c.cell != nil {
		v = definedAt(info, file, c.cell.Pos())
		if v == nil {
			return nil
		}
	}
	for _, s := range c.sites {
		path, _ := astutil.PathEnclosingInterval(file, s.Pos(), s.Pos())
		var named *types.Var
		if c.isMap {
			named = mapStoreVar(info, path)
		} else {
			named = appendVar(info, path)
		}
		if named == nil || (v != nil && named != v) {
			return nil
		}
		v = named
	}
	return v
}

// definedAt returns the variable whose declaring identifier is at pos.
func definedAt(info *types.Info, file *ast.File, pos token.Pos) *types.Var {
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	if len(path) == 0 {
		return nil
	}
	id, ok := path[0].(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.Defs[id].(*types.Var)
	return v
}

// appendVar returns v for an append call on path (innermost first) that
// is part of v = append(v, ...), possibly nested: v = append(append(v,
// a), b).
func appendVar(info *types.Info, path []ast.Node) *types.Var {
	if len(path) == 0 {
		return nil
	}
	call, ok := path[0].(*ast.CallExpr)
	if !ok || !isAppend(info, call) {
		return nil
	}
	innermost := call
	for len(innermost.Args) > 0 {
		next, ok := ast.Unparen(innermost.Args[0]).(*ast.CallExpr)
		if !ok || !isAppend(info, next) {
			break
		}
		innermost = next
	}
	i := 1
	for ; i < len(path); i++ {
		if _, isParen := path[i].(*ast.ParenExpr); isParen {
			continue
		}
		outer, ok := path[i].(*ast.CallExpr)
		if !ok || !isAppend(info, outer) || len(outer.Args) == 0 || !contains(outer.Args[0], path[i-1]) {
			break
		}
	}
	if i >= len(path) || len(innermost.Args) == 0 {
		return nil
	}
	as, ok := path[i].(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) {
		return nil
	}
	idx := slices.IndexFunc(as.Rhs, func(e ast.Expr) bool { return contains(e, path[i-1]) })
	if idx < 0 {
		return nil
	}
	lhs := identVar(info, as.Lhs[idx])
	if lhs == nil || identVar(info, innermost.Args[0]) != lhs {
		return nil
	}
	return lhs
}

// contains reports whether outer is n or encloses it.
func contains(outer ast.Expr, n ast.Node) bool {
	return outer.Pos() <= n.Pos() && n.End() <= outer.End()
}

func isAppend(info *types.Info, call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == "append"
}

// identVar returns the local variable e names, if it is an identifier.
func identVar(info *types.Info, e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.Uses[id].(*types.Var)
	return v
}

// mapStoreVar returns m for a store m[k] = x whose index expression is
// innermost on path.
func mapStoreVar(info *types.Info, path []ast.Node) *types.Var {
	if len(path) < 2 {
		return nil
	}
	ix, ok := path[0].(*ast.IndexExpr)
	if !ok {
		return nil
	}
	as, ok := path[1].(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN || !slices.Contains(as.Lhs, ast.Expr(ix)) {
		return nil
	}
	return identVar(info, ix.X)
}

// statementOf returns the statement of loop l as it stands in its block
// (with its label, if any), and the statement list holding it.
func statementOf(file *ast.File, l *loops.Loop) (ast.Stmt, []ast.Stmt) {
	if l.Stmt == nil {
		return nil, nil
	}
	path, _ := astutil.PathEnclosingInterval(file, l.Stmt.Pos(), l.Stmt.End())
	stmt, list, _ := source.InBlock(path, l.Stmt)
	return stmt, list
}

// usedBetween reports whether v is referred to in [from, to).
func usedBetween(info *types.Info, file *ast.File, v *types.Var, from, to token.Pos) bool {
	used := false
	ast.Inspect(file, func(n ast.Node) bool {
		if used || n == nil || n.End() <= from || n.Pos() >= to {
			return false
		}
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == v {
			used = true
		}
		return !used
	})
	return used
}

// mentions reports whether the source of s refers to v.
func mentions(info *types.Info, s size, v *types.Var) bool {
	for _, t := range s {
		for _, f := range t.factors {
			if f.expr == nil {
				continue
			}
			found := false
			ast.Inspect(f.expr, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && info.Uses[id] == v {
					found = true
				}
				return !found
			})
			if found {
				return true
			}
		}
	}
	return false
}

// siteNode returns the node to report for the growth site innermost on
// path: the append call, or the assignment m[k] = x.
func siteNode(path []ast.Node) ast.Node {
	if len(path) == 0 {
		return nil
	}
	if _, ok := path[0].(*ast.IndexExpr); ok && len(path) > 1 {
		if as, ok := path[1].(*ast.AssignStmt); ok {
			return as
		}
	}
	return path[0]
}
