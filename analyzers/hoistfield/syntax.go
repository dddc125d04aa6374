package hoistfield

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/loops"
)

// useOf relates the occurrence of path p in loop l to its source
// expression. It fails when the expression is not a plain chain of field
// selections and dereferences from a variable (p.cfg.limit, (*p)[i],
// pkg.Table.rows), when it does not match p step for step, or when it
// reads through no pointer at all (a field of a local struct variable).
func (c *checker) useOf(p invariant.Path, l *loops.Loop) (*use, bool) {
	expr, node, ok := c.pathExpr(p)
	if !ok {
		return nil, false
	}
	sh, ok := shapeOf(c.pass.TypesInfo, expr)
	if !ok || sh.derefs == 0 || !slices.Equal(sh.fields, ssaFields(p)) {
		return nil, false
	}
	steps := sh.derefs
	if p.ReadsVariable() {
		steps++
	}
	if steps != len(p.Steps) {
		return nil, false
	}
	loads := sh.derefs
	if sh.global {
		loads++
	}
	return &use{
		path:  p,
		expr:  expr,
		node:  node,
		loads: loads,
		inner: c.forest.Innermost(p.Value()),
	}, true
}

// pathExpr finds the source expression whose evaluation ends with the
// last load of p: the selector of its last field, or the dereference *x.
func (c *checker) pathExpr(p invariant.Path) (expr, node ast.Expr, ok bool) {
	last := p.Steps[len(p.Steps)-1]
	if n := len(last.Fields); n > 0 {
		sel := c.exprs.selectors[last.Fields[n-1].Pos()]
		if sel == nil {
			return nil, nil, false
		}
		expr = sel
	} else {
		star := c.exprs.stars[last.Load.Pos()]
		if star == nil {
			return nil, nil, false
		}
		expr = star
	}
	node = expr
	for c.exprs.parens[node] != nil {
		node = c.exprs.parens[node]
	}
	return expr, node, true
}

// exprIndex finds selector and dereference expressions by the positions
// SSA gives their instructions, without searching the syntax tree for
// each (which costs time quadratic in the size of large functions).
type exprIndex struct {
	selectors map[token.Pos]*ast.SelectorExpr // by the position of Sel
	stars     map[token.Pos]*ast.StarExpr     // by the position of *
	parens    map[ast.Expr]*ast.ParenExpr     // the parentheses around an expression
}

func newExprIndex(files []*ast.File) *exprIndex {
	x := &exprIndex{
		selectors: make(map[token.Pos]*ast.SelectorExpr),
		stars:     make(map[token.Pos]*ast.StarExpr),
		parens:    make(map[ast.Expr]*ast.ParenExpr),
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				x.selectors[n.Sel.Pos()] = n
			case *ast.StarExpr:
				x.stars[n.Star] = n
			case *ast.ParenExpr:
				x.parens[n.X] = n
			}
			return true
		})
	}
	return x
}

// exprShape describes a chain of selections and dereferences.
type exprShape struct {
	root   *types.Var
	global bool  // root is a package-level variable
	derefs int   // pointers dereferenced, explicitly or by selection
	fields []int // the field indices selected, embedded fields included
}

// shapeOf describes expr, which must be a chain of field selections and
// dereferences starting at a variable.
func shapeOf(info *types.Info, expr ast.Expr) (exprShape, bool) {
	switch e := ast.Unparen(expr).(type) {
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok {
			return exprShape{}, false
		}
		return exprShape{root: v, global: isPackageLevel(v)}, true
	case *ast.StarExpr:
		sh, ok := shapeOf(info, e.X)
		sh.derefs++
		return sh, ok
	case *ast.SelectorExpr:
		sel, ok := info.Selections[e]
		if !ok {
			// A qualified identifier: pkg.Var.
			v, ok := info.Uses[e.Sel].(*types.Var)
			if !ok {
				return exprShape{}, false
			}
			return exprShape{root: v, global: true}, true
		}
		if sel.Kind() != types.FieldVal {
			return exprShape{}, false
		}
		sh, ok := shapeOf(info, e.X)
		if !ok {
			return exprShape{}, false
		}
		t := info.TypeOf(e.X)
		for _, index := range sel.Index() {
			if ptr, isPtr := t.Underlying().(*types.Pointer); isPtr {
				sh.derefs++
				t = ptr.Elem()
			}
			st, isStruct := t.Underlying().(*types.Struct)
			if !isStruct || index >= st.NumFields() {
				return exprShape{}, false
			}
			sh.fields = append(sh.fields, index)
			t = st.Field(index).Type()
		}
		return sh, true
	}
	return exprShape{}, false
}

func isPackageLevel(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// ssaFields returns the field indices p selects, in order.
func ssaFields(p invariant.Path) []int {
	var fields []int
	for _, s := range p.Steps {
		for _, fa := range s.Fields {
			fields = append(fields, fa.Field)
		}
	}
	return fields
}

// atomicFields returns the struct fields (generic ones as declared, by
// their origin) whose address the package
// passes to a function of sync/atomic (atomic.AddInt64(&s.n, 1)): other
// goroutines update them, so a plain load of one in a loop is a value
// that may change, not one to hoist.
func atomicFields(pass *analysis.Pass) map[*types.Var]bool {
	fields := make(map[*types.Var]bool)
	if !importsAtomic(pass.Pkg) {
		return fields
	}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || !callsAtomic(pass.TypesInfo, call) {
				return true
			}
			for _, arg := range call.Args {
				addr, ok := ast.Unparen(arg).(*ast.UnaryExpr)
				if !ok || addr.Op != token.AND {
					continue
				}
				if sel, ok := ast.Unparen(addr.X).(*ast.SelectorExpr); ok {
					if v, ok := pass.TypesInfo.Uses[sel.Sel].(*types.Var); ok && v.IsField() {
						fields[v.Origin()] = true
					}
				}
			}
			return true
		})
	}
	return fields
}

func importsAtomic(pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		if imp.Path() == "sync/atomic" {
			return true
		}
	}
	return false
}

// callsAtomic reports whether call calls a function of sync/atomic.
func callsAtomic(info *types.Info, call *ast.CallExpr) bool {
	var id *ast.Ident
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		id = fun.Sel
	case *ast.Ident:
		id = fun
	default:
		return false
	}
	fn, ok := info.Uses[id].(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == "sync/atomic"
}
