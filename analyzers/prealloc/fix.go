package prealloc

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"go/version"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers/internal/source"
	"github.com/perfvet/perfvet/passes/tripcount"
)

// renderSize writes s as a Go expression, an outer count common to all
// terms factored out: len(rows)*(1 + len(cols)). With a placement, each
// factor is checked to be side-effect free and to mean the same at the
// place the expression goes, and is converted to int and clamped at zero
// where needed, so that the expression can be evaluated there; without
// one, the text is for a message.
func renderSize(s size, at *placement) (string, bool) {
	if len(s) == 0 {
		return "", false
	}
	if f, rest, ok := commonFactor(s); ok {
		outer, ok := renderFactor(f, at, true)
		if !ok {
			return "", false
		}
		inner, ok := renderSize(rest, at)
		if !ok {
			return "", false
		}
		return outer + "*(" + inner + ")", true
	}
	terms := make([]string, 0, len(s))
	for _, t := range s {
		parts := make([]string, 0, len(t.factors)+1)
		if t.coef != 1 || len(t.factors) == 0 {
			parts = append(parts, strconv.FormatInt(t.coef, 10))
		}
		for _, f := range t.factors {
			text, ok := renderFactor(f, at, len(t.factors) > 1 || t.coef != 1)
			if !ok {
				return "", false
			}
			parts = append(parts, text)
		}
		terms = append(terms, strings.Join(parts, "*"))
	}
	return strings.Join(terms, " + "), true
}

// shortExpr writes e for a message, eliding the arguments of a long
// call: append(...).
func shortExpr(e ast.Expr) string {
	const long = 40
	text := types.ExprString(e)
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && len(text) > long {
		return types.ExprString(call.Fun) + "(...)"
	}
	return text
}

// commonFactor splits a sum of several terms that all start with the
// same count into that count and what it multiplies.
func commonFactor(s size) (factor, size, bool) {
	if len(s) < 2 {
		return factor{}, nil, false
	}
	for _, t := range s {
		if len(t.factors) == 0 || (term{factors: t.factors[:1]}).key() != (term{factors: s[0].factors[:1]}).key() {
			return factor{}, nil, false
		}
	}
	rest := make(size, len(s))
	for i, t := range s {
		rest[i] = term{coef: t.coef, factors: t.factors[1:]}
	}
	return s[0].factors[0], rest, true
}

// renderFactor writes one trip count, len(x) or n, parenthesised when it
// is a product's operand.
func renderFactor(f factor, at *placement, operand bool) (string, bool) {
	if f.expr == nil {
		return "", false
	}
	text := types.ExprString(f.expr)
	if at == nil || at.forMessage {
		text = shortExpr(f.expr)
	}
	if f.kind == tripcount.Len {
		if at != nil && !at.forMessage && (!at.universal("len") || !at.portable(f.expr)) {
			return "", false
		}
		return "len(" + text + ")", true
	}
	if at == nil || at.forMessage {
		if _, isBinary := ast.Unparen(f.expr).(*ast.BinaryExpr); isBinary && operand {
			text = "(" + text + ")"
		}
		if at != nil && !at.nonNegative(f.expr) {
			text = at.clampForMessage(text)
		}
		return text, true
	}
	if !at.portable(f.expr) {
		return "", false
	}
	if t := at.info.TypeOf(f.expr); t == nil || !types.Identical(t, types.Typ[types.Int]) {
		if !at.universal("int") {
			return "", false
		}
		text = "int(" + text + ")"
	} else if _, isBinary := ast.Unparen(f.expr).(*ast.BinaryExpr); isBinary && operand {
		text = "(" + text + ")"
	}
	if !at.nonNegative(f.expr) {
		// A loop up to a negative n runs zero times; make would panic.
		if !at.canClamp() {
			return "", false
		}
		text = "max(" + text + ", 0)"
	}
	return text, true
}

// clampForMessage returns a count the message's remedy uses, text, as
// the remedy must write it when the count may be negative: clamped at
// zero with max where the file's Go version has it. Otherwise it
// returns text unchanged and records that the message must say to
// clamp it, since make and slices.Grow panic on a negative size.
func (p *placement) clampForMessage(text string) string {
	if p.canClamp() {
		return "max(" + text + ", 0)"
	}
	p.unclamped = true
	return text
}

// canClamp reports whether the builtin max can clamp a count at the
// placement: the file's Go version has it and no declaration hides it.
func (p *placement) canClamp() bool {
	return p.universal("max") && p.goAtLeast("go1.21")
}

// placement is where a suggested fix evaluates the size expression.
type placement struct {
	info  *types.Info
	pkg   *types.Package
	file  *ast.File
	pos   token.Pos
	scope *types.Scope
	v     *types.Var // the variable being filled, which the size must not use

	// forMessage says the size is written for a message's remedy: as
	// text to read, not checked to evaluate at pos, but clamped at zero
	// as a fix would clamp it. unclamped records that a count that may
	// be negative could not be clamped in the file's Go version.
	forMessage, unclamped bool
}

func newPlacement(pass *analysis.Pass, file *ast.File, pos token.Pos, v *types.Var) *placement {
	scope := pass.TypesInfo.Scopes[file]
	if scope != nil {
		scope = scope.Innermost(pos)
	}
	return &placement{info: pass.TypesInfo, pkg: pass.Pkg, file: file, pos: pos, scope: scope, v: v}
}

// universal reports whether name means the predeclared identifier at the
// placement.
func (p *placement) universal(name string) bool {
	if p.scope == nil {
		return false
	}
	_, obj := p.scope.LookupParent(name, p.pos)
	return obj != nil && obj == types.Universe.Lookup(name)
}

// goAtLeast reports whether the file's Go version is at least v.
func (p *placement) goAtLeast(v string) bool {
	fv := p.info.FileVersions[p.file]
	if fv == "" {
		fv = p.pkg.GoVersion()
	}
	return fv == "" || version.Compare(fv, v) >= 0
}

// portable reports whether e can be evaluated at the placement with the
// same value as where the loop evaluates it: it has no side effects and
// each identifier in it denotes the same object there.
func (p *placement) portable(e ast.Expr) bool {
	ok := pure(p.info, e)
	walkIdents(p.info, e, func(id *ast.Ident, obj types.Object) {
		if obj == p.v {
			ok = false
			return
		}
		if p.scope == nil {
			ok = false
			return
		}
		if _, found := p.scope.LookupParent(id.Name, p.pos); found != obj {
			ok = false
		}
	})
	return ok
}

// walkIdents calls visit for each identifier of e that is resolved in
// scope: not field or method names, not the names of qualified
// identifiers.
func walkIdents(info *types.Info, e ast.Expr, visit func(*ast.Ident, types.Object)) {
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			walkIdents(info, n.X, visit)
			return false
		case *ast.Ident:
			if obj := info.Uses[n]; obj != nil {
				visit(n, obj)
			}
		}
		return true
	})
}

// pure reports whether evaluating e has no side effect and calls nothing
// but len, cap and conversions, so that evaluating it once more is
// harmless.
func pure(info *types.Info, e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident, *ast.BasicLit:
		return true
	case *ast.ParenExpr:
		return pure(info, e.X)
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; ok {
			return sel.Kind() == types.FieldVal && pure(info, e.X)
		}
		return true // a qualified identifier
	case *ast.StarExpr:
		return pure(info, e.X)
	case *ast.IndexExpr:
		return pure(info, e.X) && pure(info, e.Index)
	case *ast.UnaryExpr:
		return e.Op != token.ARROW && e.Op != token.AND && pure(info, e.X)
	case *ast.BinaryExpr:
		return pure(info, e.X) && pure(info, e.Y)
	case *ast.CallExpr:
		if len(e.Args) != 1 {
			return false
		}
		if !info.Types[e.Fun].IsType() && !isBuiltin(info, e.Fun, "len") && !isBuiltin(info, e.Fun, "cap") {
			return false
		}
		return pure(info, e.Args[0])
	}
	return false
}

// nonNegative reports whether e cannot be negative: a length, an
// unsigned integer, a non-negative constant.
func (p *placement) nonNegative(e ast.Expr) bool {
	tv := p.info.Types[e]
	if tv.Value != nil {
		return tv.Value.Kind() == constant.Int && constant.Sign(tv.Value) >= 0
	}
	if b, ok := tv.Type.Underlying().(*types.Basic); ok && b.Info()&types.IsUnsigned != 0 {
		return true
	}
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok {
		return isBuiltin(p.info, call.Fun, "len") || isBuiltin(p.info, call.Fun, "cap")
	}
	return false
}

// fixer builds the suggested fix for one report.
type fixer struct {
	pass     *analysis.Pass
	file     *ast.File
	v        *types.Var
	d        decl
	c        candidate
	loopStmt ast.Stmt   // the loop statement, with its label
	list     []ast.Stmt // the statement list holding loopStmt
}

// fix returns the rewrite that preallocates the variable, if one
// provably keeps behaviour:
//
//   - an empty slice or map declared alone, with nothing but quiet
//     declarations between it and the loop, gets its capacity or size
//     hint in the declaration: s := make([]T, 0, n);
//   - any other slice is grown before the loop with slices.Grow, which
//     keeps a nil slice nil when the size is zero;
//   - a nil slice whose loop may add nothing though the size is not zero
//     (a conditional append) gets no fix: preallocating would turn a nil
//     result into an empty one.
func (f *fixer) fix() (analysis.SuggestedFix, bool) {
	if f.d.origin != nilSlice {
		if fix, ok := f.inDeclaration(); ok {
			return fix, true
		}
	}
	if f.c.isMap || (f.d.origin == nilSlice && !f.c.nilSafe()) {
		return analysis.SuggestedFix{}, false
	}
	return f.growBeforeLoop()
}

// inDeclaration rewrites the declaration's initialiser into a make with
// the size, when the size can be evaluated there with the value it has
// at the loop.
func (f *fixer) inDeclaration() (analysis.SuggestedFix, bool) {
	if f.d.stmt == nil || f.d.value == nil || f.d.typ == nil || !f.quietUntilLoop() {
		return analysis.SuggestedFix{}, false
	}
	at := newPlacement(f.pass, f.file, f.d.value.Pos(), f.v)
	sizeText, ok := renderSize(f.c.total.size, at)
	if !ok || !at.universal("make") {
		return analysis.SuggestedFix{}, false
	}
	typ, err := source.Text(f.pass, f.d.typ)
	if err != nil {
		return analysis.SuggestedFix{}, false
	}
	text := "make(" + typ + ", 0, " + sizeText + ")"
	if f.c.isMap {
		text = "make(" + typ + ", " + sizeText + ")"
	}
	return analysis.SuggestedFix{
		Message:   "Preallocate " + f.v.Name(),
		TextEdits: []analysis.TextEdit{{Pos: f.d.value.Pos(), End: f.d.value.End(), NewText: []byte(text)}},
	}, true
}

// quietUntilLoop reports whether the declaration and the loop are in the
// same statement list with only quiet statements between them: nothing
// that calls a function or assigns an existing variable, so the size has
// the same value at both.
func (f *fixer) quietUntilLoop() bool {
	from := slices.Index(f.list, f.d.stmt)
	to := slices.Index(f.list, f.loopStmt)
	if from < 0 || to < from {
		return false
	}
	for _, s := range f.list[from+1 : to] {
		if !quiet(f.pass.TypesInfo, s) {
			return false
		}
	}
	return true
}

// quiet reports whether s only declares new variables from side-effect
// free initialisers.
func quiet(info *types.Info, s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.EmptyStmt:
		return true
	case *ast.DeclStmt:
		gd, ok := s.Decl.(*ast.GenDecl)
		if !ok {
			return false
		}
		for _, spec := range gd.Specs {
			if vs, ok := spec.(*ast.ValueSpec); ok && slices.ContainsFunc(vs.Values, func(e ast.Expr) bool { return !quietExpr(info, e) }) {
				return false
			}
		}
		return true
	case *ast.AssignStmt:
		if s.Tok != token.DEFINE {
			return false
		}
		for _, lhs := range s.Lhs {
			if id, ok := lhs.(*ast.Ident); !ok || (id.Name != "_" && info.Defs[id] == nil) {
				return false // assigns a variable declared earlier
			}
		}
		for _, e := range s.Rhs {
			if !quietExpr(info, e) {
				return false
			}
		}
		return true
	}
	return false
}

// quietExpr reports whether evaluating e has no side effect other than
// allocating: pure expressions, composite literals, make and new.
func quietExpr(info *types.Info, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		for _, elt := range e.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				if !quietExpr(info, kv.Value) || !quietExpr(info, kv.Key) && !isFieldKey(info, kv.Key) {
					return false
				}
			} else if !quietExpr(info, elt) {
				return false
			}
		}
		return true
	case *ast.CallExpr:
		if isBuiltin(info, e.Fun, "make") || isBuiltin(info, e.Fun, "new") {
			for _, a := range e.Args[1:] {
				if !pure(info, a) {
					return false
				}
			}
			return true
		}
	}
	return pure(info, e)
}

// isFieldKey reports whether e is a field name in a struct literal.
func isFieldKey(info *types.Info, e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	return ok && v.IsField()
}

// growBeforeLoop inserts v = slices.Grow(v, size) right before the loop,
// where the loop itself evaluates its count.
func (f *fixer) growBeforeLoop() (analysis.SuggestedFix, bool) {
	if f.list == nil {
		return analysis.SuggestedFix{}, false
	}
	pos := f.loopStmt.Pos()
	at := newPlacement(f.pass, f.file, pos, f.v)
	if at.scope == nil || !at.goAtLeast("go1.21") {
		return analysis.SuggestedFix{}, false
	}
	if _, obj := at.scope.LookupParent(f.v.Name(), pos); obj != f.v {
		return analysis.SuggestedFix{}, false
	}
	sizeText, ok := renderSize(f.c.total.size, at)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	pkg, importEdits, ok := source.PackageName(f.pass.TypesInfo, f.file, pos, "slices", "slices")
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	name := f.v.Name()
	grow := name + " = " + pkg + ".Grow(" + name + ", " + sizeText + ")\n" + source.Indent(f.pass, pos)
	edits := append(importEdits, analysis.TextEdit{Pos: pos, End: pos, NewText: []byte(grow)})
	return analysis.SuggestedFix{Message: "Preallocate " + name, TextEdits: edits}, true
}
