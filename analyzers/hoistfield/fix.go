package hoistfield

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"unicode"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/analyzers/internal/source"
	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/loops"
)

// hoistFix copies a path to a new local declared right before loop l
// and replaces its uses in l, given in source order, with the local. The
// path is invariant in l, so the copy reads what every use reads; the
// fix is offered only when reading it before the loop cannot fail where
// the loop would not:
//
//   - the loop's condition evaluates the whole path first thing on entry
//     (the nil dereference, if any, happens at the same point), or
//   - the path dereferences one pointer, which is a new object or is
//     already dereferenced on every path to the loop;
//
// and when nothing between the new declaration and the loop's first
// read can run code: the for statement's init and the range operand
// are plain expressions.
func (c *checker) hoistFix(l *loops.Loop, uses []*use) (analysis.SuggestedFix, bool) {
	if len(uses) == 0 {
		return analysis.SuggestedFix{}, false
	}
	stmt, ok := source.BeforeLoop(c.pass, l)
	if !ok || !source.PlainLoopEntry(c.pass.TypesInfo, l) || !(c.readsOnEntry(l, uses) || nilSafe(l, uses[0].path)) {
		return analysis.SuggestedFix{}, false
	}
	first := uses[0]
	file, _ := source.Enclosing(c.pass, stmt.Pos())
	if file == nil || !rootVisible(c.pass.TypesInfo, file, stmt.Pos(), first) {
		return analysis.SuggestedFix{}, false
	}
	text, err := source.Text(c.pass, first.expr)
	if err != nil {
		return analysis.SuggestedFix{}, false
	}
	name, ok := c.pickName(file, stmt, l.Stmt, baseNames(first))
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	edits := []analysis.TextEdit{{
		Pos:     stmt.Pos(),
		End:     stmt.Pos(),
		NewText: []byte(name + " := " + text + "\n" + source.Indent(c.pass, stmt.Pos())),
	}}
	for _, u := range uses {
		edits = append(edits, analysis.TextEdit{Pos: u.node.Pos(), End: u.node.End(), NewText: []byte(name)})
	}
	if rs, ok := l.Stmt.(*ast.RangeStmt); ok && c.cost.samePath(rs.X, first.expr) {
		// The operand is evaluated right after the copy, so it is the
		// same value; ranging over the local lets the compiler see
		// that the loop is bounded by the length of what it indexes.
		edits = append(edits, analysis.TextEdit{Pos: rs.X.Pos(), End: rs.X.End(), NewText: []byte(name)})
	}
	return analysis.SuggestedFix{
		Message:   "Copy " + types.ExprString(first.expr) + " to " + name + " before the loop",
		TextEdits: edits,
	}, true
}

// readsOnEntry reports whether l's condition, evaluated first on every
// entry to l and calling nothing, reads the whole path.
func (c *checker) readsOnEntry(l *loops.Loop, uses []*use) bool {
	fs, ok := l.Stmt.(*ast.ForStmt)
	if !ok || fs.Cond == nil || !source.PlainExprs(c.pass.TypesInfo, fs.Cond) {
		return false
	}
	for _, u := range uses {
		if allInBlock(u, l.Header) {
			return true
		}
	}
	return false
}

// allInBlock reports whether every load of u runs in b.
func allInBlock(u *use, b *ssa.BasicBlock) bool {
	for _, s := range u.path.Steps {
		if s.Load.Block() != b {
			return false
		}
	}
	return true
}

// nilSafe reports whether loading the path before l cannot panic where
// the loop would not: the path dereferences a single pointer, and that
// pointer is a new object or is dereferenced, before l, on every path
// to it.
func nilSafe(l *loops.Loop, p invariant.Path) bool {
	if len(p.Steps) != 1 {
		return false
	}
	root := p.Root
	if _, isNew := root.(*ssa.Alloc); isNew {
		return true
	}
	refs := root.Referrers()
	if refs == nil {
		return false
	}
	for _, ref := range *refs {
		b := ref.Block()
		if b == nil || b.Parent() != l.Fn || l.Contains(b) || !b.Dominates(l.Header) {
			continue
		}
		switch ref := ref.(type) {
		case *ssa.FieldAddr, *ssa.IndexAddr:
			return true
		case *ssa.UnOp:
			if ref.Op == token.MUL {
				return true
			}
		case *ssa.Store:
			if ref.Addr == root {
				return true
			}
		}
	}
	return false
}

// rootVisible reports whether the identifier u's expression starts from
// (the variable, or the package of a qualified pkg.Var) denotes at pos
// what it denotes in the loop, so the copy reads the same variable.
func rootVisible(info *types.Info, file *ast.File, pos token.Pos, u *use) bool {
	scope := source.InnermostScope(info, file, pos)
	id := leftmostIdent(u.expr)
	if scope == nil || id == nil {
		return false
	}
	_, obj := scope.LookupParent(id.Name, pos)
	return obj != nil && obj == info.Uses[id]
}

// leftmostIdent returns the identifier a chain of selections and
// dereferences starts from.
func leftmostIdent(e ast.Expr) *ast.Ident {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.SelectorExpr:
			e = x.X
		case *ast.Ident:
			return x
		default:
			return nil
		}
	}
}

// baseNames proposes names for the local holding u's path, best first:
// the last field in lower camel case (limit, items), then prefixed with
// the field or variable before it (cfgLimit). A dereference *p proposes
// pVal.
func baseNames(u *use) []string {
	parts := nameParts(u.expr)
	if len(parts) == 0 {
		return nil
	}
	last := parts[len(parts)-1]
	names := []string{lowerCamel(last)}
	if len(parts) > 1 {
		names = append(names, lowerCamel(parts[len(parts)-2])+upperFirst(last))
	}
	return names
}

// nameParts returns the identifiers along a chain: p.cfg.limit gives p,
// cfg, limit; *p gives pVal.
func nameParts(e ast.Expr) []string {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return []string{x.Name}
	case *ast.SelectorExpr:
		return append(nameParts(x.X), x.Sel.Name)
	case *ast.StarExpr:
		parts := nameParts(x.X)
		if len(parts) > 0 {
			parts[len(parts)-1] += "Val"
		}
		return parts
	}
	return nil
}

// lowerCamel lowers the leading capitals of an identifier the way Go
// names locals: Items → items, ID → id, URLPath → urlPath.
func lowerCamel(s string) string {
	runes := []rune(s)
	n := 0
	for n < len(runes) && unicode.IsUpper(runes[n]) {
		n++
	}
	switch {
	case n == 0:
		return s
	case n == len(runes) || n == 1:
		n = min(n, len(runes))
	default:
		n-- // keep the capital that starts the next word: URLPath → urlPath
	}
	for i := range n {
		runes[i] = unicode.ToLower(runes[i])
	}
	return string(runes)
}

func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// pickName returns the first of the proposed names, then of numbered
// variants, that can be declared before stmt without clashing: not
// declared in the same block, not hiding any declaration visible there,
// not declared inside the loop (which would hide the new local from the
// uses it replaces), not already taken by another fix in the same block:
// perfvet -fix applies them all.
func (c *checker) pickName(file *ast.File, stmt, loop ast.Stmt, proposed []string) (string, bool) {
	if len(proposed) == 0 {
		return "", false
	}
	scope := source.BlockScope(c.pass.TypesInfo, file, stmt)
	if scope == nil {
		return "", false
	}
	taken := c.names[scope]
	if taken == nil {
		taken = make(map[string]bool)
		c.names[scope] = taken
	}
	candidates := append([]string(nil), proposed...)
	for i := 2; i <= 9; i++ {
		candidates = append(candidates, proposed[0]+strconv.Itoa(i))
	}
	for _, name := range candidates {
		if name == "_" || token.IsKeyword(name) || !token.IsIdentifier(name) || taken[name] {
			continue
		}
		if scope.Lookup(name) != nil {
			continue
		}
		if _, obj := scope.LookupParent(name, stmt.Pos()); obj != nil {
			continue
		}
		if declaredWithin(scope, loop, name) {
			continue
		}
		taken[name] = true
		return name, true
	}
	return "", false
}

// declaredWithin reports whether a scope nested in scope and lying
// within node declares name.
func declaredWithin(scope *types.Scope, node ast.Node, name string) bool {
	for i := range scope.NumChildren() {
		child := scope.Child(i)
		if child.End() <= node.Pos() || child.Pos() >= node.End() {
			continue
		}
		if child.Lookup(name) != nil || declaredWithin(child, node, name) {
			return true
		}
	}
	return false
}
