package irbuild

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// closure returns the declarations whose bodies must be built, and the
// package-level variable initializers to build: the roots and inits,
// and transitively
//
//   - every same-package function with a body that a built body or
//     initializer refers to: any use of the function's name, so that
//     functions passed as values are built as well as those called
//     (an interface method call reaches no declaration: its callee is
//     unknown whatever is built);
//   - every function and initializer that mentions a holder: a field or
//     package-level variable of this package on whose value a built
//     body calls a method, directly (s.group.Go) or promoted through an
//     embedded field (s.Go). What a holder holds is set wherever it is
//     mentioned (a constructor's composite literal, a SetLimit in an
//     init method), so all of those mentions are built, and a consumer
//     follows the holder through its SSA addresses alone.
//
// A body or initializer that invalid finds of unknown type is left out.
func closure(pass *analysis.Pass, roots []*ast.FuncDecl, inits []*types.Initializer, invalid *invalidTypes) (map[*ast.FuncDecl]bool, []*types.Initializer) {
	c := &closer{
		pass:    pass,
		declOf:  make(map[types.Object]*ast.FuncDecl),
		keep:    make(map[*ast.FuncDecl]bool),
		holders: make(map[*types.Var]bool),
		inits:   slices.Clone(inits),
		invalid: invalid,
	}
	for _, d := range funcDecls(pass.Files) {
		if obj := pass.TypesInfo.Defs[d.Name]; obj != nil && d.Body != nil {
			c.declOf[obj] = d
		}
	}
	for _, d := range roots {
		c.add(d)
	}
	c.inits = slices.DeleteFunc(c.inits, func(init *types.Initializer) bool { return c.invalid.unknown(init.Rhs) })
	for _, init := range c.inits {
		ast.Inspect(init.Rhs, c.visit)
	}
	for len(c.work) > 0 {
		d := c.work[len(c.work)-1]
		c.work = c.work[:len(c.work)-1]
		ast.Inspect(d.Body, c.visit)
	}
	return c.keep, c.inits
}

// closer computes the closure (see closure).
type closer struct {
	pass   *analysis.Pass
	declOf map[types.Object]*ast.FuncDecl
	keep   map[*ast.FuncDecl]bool
	work   []*ast.FuncDecl
	inits  []*types.Initializer
	// holders are the holders found so far; mentions indexes, once a
	// holder is found, the functions mentioning each field or variable.
	holders  map[*types.Var]bool
	mentions map[*types.Var][]*ast.FuncDecl
	invalid  *invalidTypes
}

// add marks d to be built and visited.
func (c *closer) add(d *ast.FuncDecl) {
	if !c.keep[d] && !c.invalid.unknown(d.Body) {
		c.keep[d] = true
		c.work = append(c.work, d)
	}
}

// visit adds what the node n of a built body refers to.
func (c *closer) visit(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.Ident:
		obj := c.pass.TypesInfo.Uses[n]
		if fn, ok := obj.(*types.Func); ok {
			obj = fn.Origin() // a method of an instantiated type
		}
		if d, ok := c.declOf[obj]; ok {
			c.add(d)
		}
	case *ast.SelectorExpr:
		sel := c.pass.TypesInfo.Selections[n]
		if sel == nil || sel.Kind() == types.FieldVal {
			return true
		}
		for _, v := range c.receiverHolders(n.X, sel) {
			c.addHolder(v)
		}
	}
	return true
}

// receiverHolders returns the fields and package variables of this
// package that hold the receiver of the method selection sel on x: the
// field or variable x denotes, and the embedded fields the method is
// promoted through.
func (c *closer) receiverHolders(x ast.Expr, sel *types.Selection) []*types.Var {
	vars := c.embedded(sel.Recv(), sel.Index())
	x = ast.Unparen(x)
	if star, ok := x.(*ast.StarExpr); ok {
		x = ast.Unparen(star.X)
	}
	var id *ast.Ident
	switch x := x.(type) {
	case *ast.Ident:
		id = x
	case *ast.SelectorExpr:
		id = x.Sel
	}
	if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && c.isHolderKind(v) {
		vars = append(vars, v.Origin())
	}
	return vars
}

// embedded returns the embedded fields of this package that the
// selection path index walks through from t, its last step aside.
func (c *closer) embedded(t types.Type, index []int) []*types.Var {
	var vars []*types.Var
	for _, i := range index[:len(index)-1] {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() {
			break
		}
		f := st.Field(i)
		if f.Pkg() == c.pass.Pkg {
			vars = append(vars, f.Origin())
		}
		t = f.Type()
	}
	return vars
}

// isHolderKind reports whether v is a field or a package-level variable
// of this package.
func (c *closer) isHolderKind(v *types.Var) bool {
	return v.Pkg() == c.pass.Pkg && (v.IsField() || v.Parent() == v.Pkg().Scope())
}

// addHolder adds the functions and initializers that mention v.
func (c *closer) addHolder(v *types.Var) {
	if c.holders[v] {
		return
	}
	c.holders[v] = true
	if c.mentions == nil {
		c.mentions = c.indexMentions()
	}
	for _, d := range c.mentions[v] {
		c.add(d)
	}
	if v.IsField() {
		return
	}
	for _, init := range c.pass.TypesInfo.InitOrder {
		if slices.Contains(init.Lhs, v) && !slices.Contains(c.inits, init) && !c.invalid.unknown(init.Rhs) {
			c.inits = append(c.inits, init)
			ast.Inspect(init.Rhs, c.visit)
		}
	}
}

// indexMentions maps each field and package-level variable of this
// package to the function declarations that mention it, by name or as an
// embedded field a selection goes through.
func (c *closer) indexMentions() map[*types.Var][]*ast.FuncDecl {
	info := c.pass.TypesInfo
	index := make(map[*types.Var][]*ast.FuncDecl)
	for _, d := range funcDecls(c.pass.Files) {
		if d.Body == nil {
			continue
		}
		seen := make(map[*types.Var]bool)
		mention := func(v *types.Var) {
			if v = v.Origin(); !seen[v] {
				seen[v] = true
				index[v] = append(index[v], d)
			}
		}
		ast.Inspect(d.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Ident:
				if v, ok := info.Uses[n].(*types.Var); ok && c.isHolderKind(v) {
					mention(v)
				}
			case *ast.SelectorExpr:
				if sel := info.Selections[n]; sel != nil {
					for _, v := range c.embedded(sel.Recv(), sel.Index()) {
						mention(v)
					}
				}
			}
			return true
		})
	}
	return index
}
