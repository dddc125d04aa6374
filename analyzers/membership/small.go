package membership

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
)

// small reports whether xs has a small constant length: scanning it
// costs less than hashing the searched value, so no set would help. That
// is the case for arrays and composite literals shorter than
// SmallThreshold, slices of them, package-level variables initialised
// with such a literal and never assigned again, the results of
// same-package functions that return one, and short constant strings
// converted to []byte or []rune.
func (c *checker) small(xs ssa.Value) bool {
	return c.smallValue(xs, make(map[ssa.Value]bool))
}

func (c *checker) smallValue(xs ssa.Value, seen map[ssa.Value]bool) bool {
	if n := arrayLen(xs.Type()); n >= 0 {
		return n < int64(SmallThreshold)
	}
	if seen[xs] {
		return true // a cycle through phis adds no new value
	}
	seen[xs] = true
	switch x := xs.(type) {
	case *ssa.Const:
		return x.IsNil()
	case *ssa.Slice:
		return c.smallValue(x.X, seen)
	case *ssa.ChangeType:
		return c.smallValue(x.X, seen)
	case *ssa.Phi:
		for _, e := range x.Edges {
			if !c.smallValue(e, seen) {
				return false
			}
		}
		return true
	case *ssa.UnOp:
		if g, ok := x.X.(*ssa.Global); ok && x.Op == token.MUL {
			return c.smallGlobal(g)
		}
	case *ssa.Call:
		return c.smallResult(x.Call.StaticCallee(), seen)
	case *ssa.Parameter:
		return c.smallVariadic(x)
	case *ssa.Convert:
		return shortConstant(x.X)
	}
	return false
}

// shortConstant reports whether v is a constant string, converted to a
// []byte or []rune ([]byte("_-.*")), with fewer than SmallThreshold
// bytes: the slice has fewer elements still.
func shortConstant(v ssa.Value) bool {
	k, ok := v.(*ssa.Const)
	return ok && k.Value != nil && k.Value.Kind() == constant.String &&
		len(constant.StringVal(k.Value)) < SmallThreshold
}

// smallVariadic reports whether p is the variadic parameter of an
// unexported function of the package that every call lists fewer than
// SmallThreshold arguments for (oneOf(c, ' ', '\t')): at each call the
// slice is a short literal. Exported functions may be called from other
// packages with anything.
func (c *checker) smallVariadic(p *ssa.Parameter) bool {
	fn := p.Parent()
	if !fn.Signature.Variadic() || fn.Params[len(fn.Params)-1] != p {
		return false
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Exported() {
		return false
	}
	if c.varargs == nil {
		c.varargs = shortVariadicCalls(c.pass.TypesInfo, c.pass.Files)
	}
	return c.varargs[obj]
}

// shortVariadicCalls returns the unexported variadic functions of the
// package that are only ever called, never used as values, each call
// passing fewer than SmallThreshold variadic arguments and no xs...
func shortVariadicCalls(info *types.Info, files []*ast.File) map[*types.Func]bool {
	short := make(map[*types.Func]bool)
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
			called[id] = true
			varargs := len(call.Args) - (fn.Signature().Params().Len() - 1)
			wasShort, seen := short[fn]
			short[fn] = (wasShort || !seen) && !call.Ellipsis.IsValid() && varargs < SmallThreshold
			return true
		})
	}
	for id, obj := range info.Uses {
		if fn, ok := obj.(*types.Func); ok && !called[id] && short[fn] {
			short[fn] = false // used as a value: its callers are unknown
		}
	}
	return short
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

// smallResult reports whether fn, a same-package function with one
// result, always returns a small slice (func names() []string { return
// []string{...} }).
func (c *checker) smallResult(fn *ssa.Function, seen map[ssa.Value]bool) bool {
	results := irutil.Returned(fn)
	for _, r := range results {
		if !c.smallValue(r, seen) {
			return false
		}
	}
	return len(results) > 0
}

// arrayLen returns the length of an array or pointer-to-array type, or
// -1 for any other type.
func arrayLen(t types.Type) int64 {
	if a, ok := irutil.Deref(t).Underlying().(*types.Array); ok {
		return a.Len()
	}
	return -1
}

// smallGlobal reports whether g is one of the package's small globals.
func (c *checker) smallGlobal(g *ssa.Global) bool {
	if c.globals == nil {
		c.globals = findSmallGlobals(c.pass.TypesInfo, c.pass.Files)
	}
	v, ok := g.Object().(*types.Var)
	return ok && c.globals[v]
}

// findSmallGlobals returns the package-level variables initialised with
// a short composite literal and never assigned again in the package.
func findSmallGlobals(info *types.Info, files []*ast.File) map[*types.Var]bool {
	small := make(map[*types.Var]bool)
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
					lit, isLit := ast.Unparen(vs.Values[i]).(*ast.CompositeLit)
					if ok && isLit && literalLen(info, lit) < int64(SmallThreshold) {
						small[v] = true
					}
				}
			}
		}
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			for _, id := range reassigned(n) {
				if v, ok := info.Uses[id].(*types.Var); ok {
					delete(small, v)
				}
			}
			return true
		})
	}
	return small
}

// reassigned returns the variables n assigns to or takes the address
// of.
func reassigned(n ast.Node) []*ast.Ident {
	var exprs []ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		exprs = n.Lhs
	case *ast.RangeStmt:
		if n.Tok == token.ASSIGN {
			exprs = []ast.Expr{n.Key, n.Value}
		}
	case *ast.UnaryExpr:
		if n.Op == token.AND {
			exprs = []ast.Expr{n.X}
		}
	}
	var ids []*ast.Ident
	for _, e := range exprs {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			ids = append(ids, id)
		}
	}
	return ids
}

// literalLen returns the length of a slice or array composite literal,
// or a large number for other literals.
func literalLen(info *types.Info, lit *ast.CompositeLit) int64 {
	t := info.TypeOf(lit)
	if t == nil {
		return 1 << 62
	}
	switch u := t.Underlying().(type) {
	case *types.Array:
		return u.Len()
	case *types.Slice:
		n, next := int64(0), int64(0)
		for _, elt := range lit.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				k := info.Types[kv.Key].Value
				if k == nil {
					return 1 << 62
				}
				i, exact := constant.Int64Val(constant.ToInt(k))
				if !exact {
					return 1 << 62
				}
				next = i
			}
			next++
			n = max(n, next)
		}
		return n
	}
	return 1 << 62
}
