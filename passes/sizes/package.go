package sizes

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// TrustExported says that an exported package-level variable keeps the
// size its own package gives it: importers may assign it, but a list
// such as var Formats = []string{"json", "yaml"} is in practice a
// constant its package owns, and treating it as data would report
// every search of it.
const TrustExported = true

// global is the size of a package-level variable of this package that
// holds a literal or a constant and is never stored to again.
func (s *Sizes) global(g *ssa.Global) Size {
	v, ok := g.Object().(*types.Var)
	if !ok || v.Pkg() != s.pkg {
		return top(g) // g's type is a pointer; top looks at nothing else
	}
	if s.globals == nil {
		s.globals = initialisedGlobals(s.pkg, s.info, s.files)
	}
	if sz, ok := s.globals[v]; ok {
		return sz
	}
	if isInteger(v.Type()) {
		return Size{Kind: Chosen}
	}
	return Size{Kind: Data}
}

// initialisedGlobals returns the size of each package-level variable
// whose initialiser has one and that nothing in the package stores to
// afterwards. Maps are left out: any use may grow them.
//
// Exported variables are included although importers may assign them:
// see TrustExported.
func initialisedGlobals(pkg *types.Package, info *types.Info, files []*ast.File) map[*types.Var]Size {
	sizes := make(map[*types.Var]Size)
	for _, f := range files {
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if len(vs.Values) != len(vs.Names) {
					continue
				}
				for i, name := range vs.Names {
					v, ok := info.Defs[name].(*types.Var)
					if !ok || v.Exported() && !TrustExported && pkg.Name() != "main" {
						continue
					}
					if _, isMap := v.Type().Underlying().(*types.Map); isMap {
						continue
					}
					if sz, ok := exprSize(info, vs.Values[i]); ok {
						sizes[v] = sz
					}
				}
			}
		}
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			for _, id := range storedTo(info, n) {
				if v, ok := info.Uses[id].(*types.Var); ok {
					delete(sizes, v)
				}
			}
			return true
		})
	}
	return sizes
}

// exprSize returns the size of an initialiser: a constant, a slice or
// array literal, or make([]T, n) with a constant n.
func exprSize(info *types.Info, e ast.Expr) (Size, bool) {
	e = ast.Unparen(e)
	tv := info.Types[e]
	if tv.Value != nil {
		switch tv.Value.Kind() {
		case constant.Int:
			n, exact := constant.Int64Val(tv.Value)
			return Of(n), exact
		case constant.String:
			return Of(int64(len(constant.StringVal(tv.Value)))), true
		}
		return Size{}, false
	}
	if n, ok := arrayLen(tv.Type); ok && tv.Type != nil {
		return Of(n), true
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		if _, ok := tv.Type.Underlying().(*types.Slice); ok {
			return literalLen(info, e)
		}
	case *ast.CallExpr:
		if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok && len(e.Args) >= 2 {
			if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "make" {
				return exprSize(info, e.Args[1])
			}
		}
	}
	return Size{}, false
}

// literalLen returns the length of a slice literal: one past its
// highest index, keys included ([]T{5: x} has six elements).
func literalLen(info *types.Info, lit *ast.CompositeLit) (Size, bool) {
	n, next := int64(0), int64(0)
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			k := info.Types[kv.Key].Value
			if k == nil {
				return Size{}, false
			}
			i, exact := constant.Int64Val(constant.ToInt(k))
			if !exact {
				return Size{}, false
			}
			next = i
		}
		next++
		n = max(n, next)
	}
	return Of(n), true
}

// storedTo returns the identifiers of variables that n assigns, steps or
// takes the address of, explicitly or by calling a pointer method.
func storedTo(info *types.Info, n ast.Node) []*ast.Ident {
	var exprs []ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		exprs = n.Lhs
	case *ast.IncDecStmt:
		exprs = []ast.Expr{n.X}
	case *ast.RangeStmt:
		if n.Tok == token.ASSIGN {
			exprs = []ast.Expr{n.Key, n.Value}
		}
	case *ast.UnaryExpr:
		if n.Op == token.AND {
			exprs = []ast.Expr{n.X}
		}
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[n]; ok && sel.Kind() == types.MethodVal && pointerMethod(sel) {
			exprs = []ast.Expr{n.X}
		}
	}
	var ids []*ast.Ident
	for _, e := range exprs {
		if e == nil {
			continue
		}
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			ids = append(ids, id)
		}
	}
	return ids
}

// pointerMethod reports whether a method value or call selects a method
// with a pointer receiver on an addressable operand, taking its address.
func pointerMethod(sel *types.Selection) bool {
	recv := sel.Obj().(*types.Func).Signature().Recv()
	if recv == nil {
		return false
	}
	_, ptrRecv := recv.Type().Underlying().(*types.Pointer)
	_, ptrOperand := sel.Recv().Underlying().(*types.Pointer)
	return ptrRecv && !ptrOperand
}

// variadic is the size of p when it is the variadic parameter of an
// unexported function of the package that is only ever called, with
// its arguments listed: at most the longest list.
func (s *Sizes) variadic(p *ssa.Parameter) Size {
	fn := p.Parent()
	if fn == nil || !fn.Signature.Variadic() || len(fn.Params) == 0 || fn.Params[len(fn.Params)-1] != p {
		return top(p)
	}
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Exported() || obj.Pkg() != s.pkg {
		return top(p)
	}
	if s.varargs == nil {
		s.varargs = variadicCalls(s.info, s.files)
	}
	if sz, ok := s.varargs[obj]; ok {
		return sz
	}
	return top(p)
}

// variadicCalls returns, for each unexported variadic function of the
// package that is only called (never used as a value, never given xs...),
// the join of the lengths of its argument lists.
func variadicCalls(info *types.Info, files []*ast.File) map[*types.Func]Size {
	sizes := make(map[*types.Func]Size)
	spread := make(map[*types.Func]bool)
	called := make(map[*ast.Ident]bool)
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			id := calleeIdent(call.Fun)
			fn, ok := info.Uses[id].(*types.Func)
			if !ok || !fn.Signature().Variadic() || fn.Exported() {
				return true
			}
			fn = fn.Origin()
			called[id] = true
			if call.Ellipsis.IsValid() {
				spread[fn] = true
				return true
			}
			listed := Of(int64(len(call.Args) - (fn.Signature().Params().Len() - 1)))
			if prev, seen := sizes[fn]; seen {
				listed = Join(prev, listed)
			}
			sizes[fn] = listed
			return true
		})
	}
	for id, obj := range info.Uses {
		if fn, ok := obj.(*types.Func); ok && !called[id] {
			spread[fn.Origin()] = true // used as a value: its callers are unknown
		}
	}
	for fn := range spread {
		delete(sizes, fn)
	}
	return sizes
}

// calleeIdent returns the name a call's function expression ends in
// (f, pkg.f, x.m, f[T]), or nil.
func calleeIdent(fun ast.Expr) *ast.Ident {
	switch f := ast.Unparen(fun).(type) {
	case *ast.Ident:
		return f
	case *ast.SelectorExpr:
		return f.Sel
	case *ast.IndexExpr:
		return calleeIdent(f.X)
	case *ast.IndexListExpr:
		return calleeIdent(f.X)
	}
	return nil
}
