package fanout

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/analyzers/internal/source"
)

// groupLimits decides, from the syntax of a package, whether the
// errgroup.Group a Go call runs on may have a limit. It follows the
// variable, parameter or field holding the group: where the group comes
// from and everything done with it. Anything it cannot follow counts as
// a possible limit, so a group is reported only when every use is seen.
type groupLimits struct {
	pass  *analysis.Pass
	insp  *inspector.Inspector
	decls map[*types.Func]*ast.FuncDecl
	memo  map[*types.Var]bool
}

func newGroupLimits(pass *analysis.Pass) *groupLimits {
	return &groupLimits{pass: pass, memo: make(map[*types.Var]bool)}
}

// limited reports whether the group of call, a (*errgroup.Group).Go
// call, has or may have a limit.
func (g *groupLimits) limited(call *ssa.Call) bool {
	sel := g.goSelector(call.Pos())
	if sel == nil {
		return true
	}
	v := g.holder(sel)
	if v == nil {
		return true
	}
	if lim, ok := g.memo[v]; ok {
		return lim
	}
	lim := g.holderLimited(v)
	g.memo[v] = lim
	return lim
}

// goSelector returns the g.Go of the call whose parenthesis is at lparen.
func (g *groupLimits) goSelector(lparen token.Pos) *ast.SelectorExpr {
	_, path := source.Enclosing(g.pass, lparen)
	for _, n := range path {
		if call, ok := n.(*ast.CallExpr); ok && call.Lparen == lparen {
			sel, _ := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			return sel
		}
	}
	return nil
}

// holder returns the variable or field that holds the group of the
// method selection sel (g.Go, s.group.Go, or s.Go with the group
// embedded in s), or nil if the group is reached another way.
func (g *groupLimits) holder(sel *ast.SelectorExpr) *types.Var {
	info := g.pass.TypesInfo
	selection := info.Selections[sel]
	if selection == nil {
		return nil
	}
	switch idx := selection.Index(); len(idx) {
	case 1:
		return g.variable(stripAddress(sel.X))
	case 2:
		return embeddedField(selection.Recv(), idx[0])
	}
	return nil
}

// variable returns the variable or field x denotes.
func (g *groupLimits) variable(x ast.Expr) *types.Var {
	info := g.pass.TypesInfo
	switch x := x.(type) {
	case *ast.Ident:
		v, _ := info.Uses[x].(*types.Var)
		return v
	case *ast.SelectorExpr:
		if s := info.Selections[x]; s != nil && s.Kind() == types.FieldVal {
			v, _ := s.Obj().(*types.Var)
			return v
		}
		v, _ := info.Uses[x.Sel].(*types.Var) // a package-qualified variable
		return v
	}
	return nil
}

// embeddedField returns field i of the struct recv is or points to.
func embeddedField(recv types.Type, i int) *types.Var {
	if p, ok := recv.Underlying().(*types.Pointer); ok {
		recv = p.Elem()
	}
	st, ok := recv.Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() {
		return nil
	}
	return st.Field(i)
}

// stripAddress removes parentheses, & and * around x.
func stripAddress(x ast.Expr) ast.Expr {
	for {
		switch e := x.(type) {
		case *ast.ParenExpr:
			x = e.X
		case *ast.StarExpr:
			x = e.X
		case *ast.UnaryExpr:
			if e.Op != token.AND {
				return x
			}
			x = e.X
		default:
			return x
		}
	}
}

// use classifies one mention of a group holder.
type use int

const (
	neutral use = iota // Go, Wait, a declaration without a value
	fresh              // assigned a new group with no limit
	limit              // SetLimit, directly or through a helper
	unknown            // anything else: a parameter, an alias, an escape
)

// holderLimited reports whether the group held by v may have a limit:
// v is declared in another package or is a parameter, or one of its
// uses sets a limit or cannot be followed, or it is a pointer never
// seen assigned a new group.
func (g *groupLimits) holderLimited(v *types.Var) bool {
	if v.Pkg() != g.pass.Pkg {
		return true
	}
	lo, hi := token.NoPos, token.NoPos
	if !v.IsField() && v.Parent() != v.Pkg().Scope() {
		decl := enclosingDecl(g.pass.Files, v.Pos())
		if decl == nil {
			return true
		}
		lo, hi = decl.Pos(), decl.End()
	}
	sawFresh := isGroup(v.Type())
	for _, u := range g.uses(v, lo, hi) {
		switch u {
		case limit, unknown:
			return true
		case fresh:
			sawFresh = true
		}
	}
	return !sawFresh
}

// enclosingDecl returns the function declaration of files containing pos.
func enclosingDecl(files []*ast.File, pos token.Pos) *ast.FuncDecl {
	for _, f := range files {
		if pos < f.FileStart || pos >= f.FileEnd {
			continue
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Pos() <= pos && pos < fd.End() {
				return fd
			}
		}
	}
	return nil
}

// uses classifies every mention of v between lo and hi (the whole
// package if lo is NoPos).
func (g *groupLimits) uses(v *types.Var, lo, hi token.Pos) []use {
	if g.insp == nil {
		g.insp = inspector.New(g.pass.Files)
	}
	info := g.pass.TypesInfo
	var out []use
	kinds := []ast.Node{(*ast.Ident)(nil), (*ast.SelectorExpr)(nil)}
	g.insp.WithStack(kinds, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push || lo.IsValid() && (n.Pos() < lo || n.End() > hi) {
			return true
		}
		parentSel := func() bool {
			p, ok := stack[len(stack)-2].(*ast.SelectorExpr)
			return ok && p.Sel == n
		}
		switch n := n.(type) {
		case *ast.Ident:
			// A field's declaration is not a use; a variable's is.
			if (info.Uses[n] == v || info.Defs[n] == v && !v.IsField()) && !parentSel() {
				out = append(out, g.classify(stack))
			}
		case *ast.SelectorExpr:
			s := info.Selections[n]
			switch {
			case s == nil:
				if info.Uses[n.Sel] == v {
					out = append(out, g.classify(stack))
				}
			case s.Kind() == types.FieldVal && s.Obj() == v:
				out = append(out, g.classify(stack))
			case len(s.Index()) == 2 && embeddedField(s.Recv(), s.Index()[0]) == v:
				out = append(out, g.methodUse(s.Obj(), stack))
			}
		}
		return true
	})
	return out
}

// classify says what the mention of a holder at the top of stack does
// with the group.
func (g *groupLimits) classify(stack []ast.Node) use {
	i := len(stack) - 1
	child := stack[i]
	for i > 0 {
		switch p := stack[i-1].(type) {
		case *ast.ParenExpr, *ast.StarExpr:
		case *ast.UnaryExpr:
			if p.Op != token.AND {
				return unknown
			}
		default:
			return g.classifyIn(p, child.(ast.Expr), stack[:i])
		}
		i--
		child = stack[i]
	}
	return unknown
}

// classifyIn classifies the mention e of a holder inside its parent p;
// stack ends with p.
func (g *groupLimits) classifyIn(p ast.Node, e ast.Expr, stack []ast.Node) use {
	info := g.pass.TypesInfo
	switch p := p.(type) {
	case *ast.SelectorExpr:
		if s := info.Selections[p]; s != nil && s.Kind() == types.MethodVal {
			return g.methodUse(s.Obj(), stack)
		}
		return neutral
	case *ast.AssignStmt:
		for j, lhs := range p.Lhs {
			if lhs != e {
				continue
			}
			switch {
			case p.Tok != token.ASSIGN && p.Tok != token.DEFINE:
				return unknown
			case len(p.Lhs) == len(p.Rhs):
				return g.origin(p.Rhs[j])
			case len(p.Rhs) == 1 && j == 0:
				return g.origin(p.Rhs[0])
			}
			return unknown
		}
		return unknown // copied or aliased
	case *ast.ValueSpec:
		for j, name := range p.Names {
			if name == e {
				switch {
				case len(p.Values) == 0:
					return neutral
				case len(p.Values) == len(p.Names):
					return g.origin(p.Values[j])
				case len(p.Values) == 1 && j == 0:
					return g.origin(p.Values[0])
				}
			}
		}
		return unknown
	case *ast.KeyValueExpr:
		if p.Key == e {
			return g.origin(p.Value)
		}
	case *ast.CallExpr:
		for _, arg := range p.Args {
			if stripAddress(arg) == stripAddress(e) || arg == e {
				return g.helperUse(p)
			}
		}
	}
	return unknown
}

// methodUse classifies a method selected on the group: SetLimit with a
// limit sets one; errgroup's other methods leave it as it is.
func (g *groupLimits) methodUse(m types.Object, stack []ast.Node) use {
	fn, _ := m.(*types.Func)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != errgroupPath {
		return unknown
	}
	if !isSetLimit(fn) {
		return neutral
	}
	if len(stack) >= 2 {
		if call, ok := stack[len(stack)-2].(*ast.CallExpr); ok && len(call.Args) == 1 && g.negative(call.Args[0]) {
			return neutral // a negative limit removes the limit
		}
	}
	return limit
}

// negative reports whether e is a negative constant.
func (g *groupLimits) negative(e ast.Expr) bool {
	tv := g.pass.TypesInfo.Types[e]
	return tv.Value != nil && tv.Value.Kind() == constant.Int && constant.Sign(tv.Value) < 0
}

// helperUse classifies passing the group to a function: a same-package
// function that calls SetLimit limits it, one that does not leaves it as
// it is, and any other function may do anything.
func (g *groupLimits) helperUse(call *ast.CallExpr) use {
	fn, _ := typeutil.Callee(g.pass.TypesInfo, call).(*types.Func)
	if fn == nil {
		return unknown
	}
	decl := g.decl(fn)
	if decl == nil {
		return unknown
	}
	if g.setsLimit(decl, 0) {
		return limit
	}
	return neutral
}

// origin classifies the value assigned to a group holder.
func (g *groupLimits) origin(e ast.Expr) use {
	info := g.pass.TypesInfo
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		if isGroup(info.TypeOf(e)) {
			return fresh
		}
	case *ast.CallExpr:
		switch fn := typeutil.Callee(info, e).(type) {
		case *types.Builtin:
			if fn.Name() == "new" && len(e.Args) == 1 && isGroup(info.TypeOf(e.Args[0])) {
				return fresh
			}
		case *types.Func:
			if isFunc(fn, errgroupPath, "WithContext") {
				return fresh
			}
			if decl := g.decl(fn); decl != nil && g.setsLimit(decl, 0) {
				return limit
			}
		}
	case *ast.Ident:
		if e.Name == "nil" && info.Uses[e] == types.Universe.Lookup("nil") {
			return neutral
		}
	}
	return unknown
}

// setsLimit reports whether decl calls SetLimit with a limit, directly
// or through same-package functions.
func (g *groupLimits) setsLimit(decl *ast.FuncDecl, depth int) bool {
	if decl.Body == nil || depth > maxCallDepth {
		return false
	}
	found := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		fn, _ := typeutil.Callee(g.pass.TypesInfo, call).(*types.Func)
		switch {
		case isSetLimit(fn):
			found = len(call.Args) != 1 || !g.negative(call.Args[0])
		case fn != nil:
			if d := g.decl(fn); d != nil && d != decl {
				found = g.setsLimit(d, depth+1)
			}
		}
		return !found
	})
	return found
}

// decl returns the declaration of a function of this package.
func (g *groupLimits) decl(fn *types.Func) *ast.FuncDecl {
	if fn.Pkg() != g.pass.Pkg {
		return nil
	}
	if g.decls == nil {
		g.decls = make(map[*types.Func]*ast.FuncDecl)
		for _, f := range g.pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					if obj, ok := g.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
						g.decls[obj] = fd
					}
				}
			}
		}
	}
	return g.decls[fn.Origin()]
}

// isGroup reports whether t is errgroup.Group (not a pointer to it).
func isGroup(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named)
	return ok && named.Obj().Name() == "Group" && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == errgroupPath
}
