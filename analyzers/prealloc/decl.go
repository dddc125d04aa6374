package prealloc

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/astutil"
)

// origin is how a variable is declared before the loop fills it.
type origin int

const (
	nilSlice   origin = iota // var s []T, or a named result
	emptySlice               // s := []T{}, s := make([]T, 0)
	emptyMap                 // m := map[K]V{}, m := make(map[K]V)
)

// decl is the declaration of a filled variable.
type decl struct {
	origin origin
	// stmt declares the variable alone (var s []T, s := []T{}); nil for
	// named results and for statements declaring several variables.
	stmt ast.Stmt
	// value is the initialiser, nil for var s []T and named results;
	// typ is the type written in it or in the declaration.
	value, typ ast.Expr
	// end is where the declaration ends: code after it and before the
	// loop must not touch the variable.
	end token.Pos
}

// findDecl finds and classifies the declaration of the local variable v.
func findDecl(info *types.Info, file *ast.File, v *types.Var) (decl, bool) {
	path, _ := astutil.PathEnclosingInterval(file, v.Pos(), v.Pos())
	if len(path) < 4 {
		return decl{}, false
	}
	if id, ok := path[0].(*ast.Ident); !ok || info.Defs[id] != v {
		return decl{}, false
	}
	switch parent := path[1].(type) {
	case *ast.ValueSpec:
		stmt, ok := path[3].(*ast.DeclStmt)
		if !ok {
			return decl{}, false // a package-level variable
		}
		d := decl{end: stmt.End(), typ: parent.Type}
		if len(parent.Names) == 1 && len(path[2].(*ast.GenDecl).Specs) == 1 {
			d.stmt = stmt
		}
		if len(parent.Values) == 0 {
			d.origin = nilSlice
			return d, isSlice(v.Type())
		}
		if len(parent.Values) != len(parent.Names) {
			return decl{}, false
		}
		i := slices.IndexFunc(parent.Names, func(id *ast.Ident) bool { return id.Pos() == v.Pos() })
		return classify(info, d, parent.Values[i])
	case *ast.AssignStmt:
		if parent.Tok != token.DEFINE || len(parent.Lhs) != len(parent.Rhs) {
			return decl{}, false
		}
		d := decl{end: parent.End()}
		if len(parent.Lhs) == 1 {
			d.stmt = parent
		}
		i := slices.IndexFunc(parent.Lhs, func(e ast.Expr) bool { return e.Pos() == v.Pos() })
		return classify(info, d, parent.Rhs[i])
	case *ast.Field:
		return namedResult(path, v)
	}
	return decl{}, false
}

// namedResult classifies a named result of slice type, which starts
// nil; code before the loop is the function body up to it.
func namedResult(path []ast.Node, v *types.Var) (decl, bool) {
	fields, ok := path[2].(*ast.FieldList)
	if !ok || len(path) < 5 || !isSlice(v.Type()) {
		return decl{}, false
	}
	var ft *ast.FuncType
	var body *ast.BlockStmt
	switch fn := path[4].(type) {
	case *ast.FuncDecl:
		ft, body = fn.Type, fn.Body
	case *ast.FuncLit:
		ft, body = fn.Type, fn.Body
	}
	if ft == nil || body == nil || ft.Results != fields {
		return decl{}, false
	}
	return decl{origin: nilSlice, end: body.Lbrace + 1, typ: path[1].(*ast.Field).Type}, true
}

// classify records the initialiser e of a declaration: nil, an empty
// composite literal, or make without capacity or size hint.
func classify(info *types.Info, d decl, e ast.Expr) (decl, bool) {
	e = ast.Unparen(e)
	d.value = e
	t := info.TypeOf(e)
	if t == nil {
		return decl{}, false
	}
	switch e := e.(type) {
	case *ast.Ident:
		if info.Types[e].IsNil() {
			d.origin, d.value = nilSlice, nil
			return d, isSlice(t)
		}
	case *ast.CallExpr:
		if tv := info.Types[e.Fun]; tv.IsType() && len(e.Args) == 1 && info.Types[e.Args[0]].IsNil() {
			d.origin, d.value = nilSlice, nil
			if d.typ == nil {
				d.typ = e.Fun
			}
			return d, isSlice(t)
		}
		if !isBuiltin(info, e.Fun, "make") || len(e.Args) == 0 {
			return decl{}, false
		}
		d.typ = e.Args[0]
		for _, n := range e.Args[1:] {
			if !isZero(info, n) {
				return decl{}, false
			}
		}
		switch {
		case isSlice(t) && len(e.Args) >= 2:
			d.origin = emptySlice
			return d, true
		case isMap(t) && len(e.Args) == 1:
			// make(map[K]V, 0) states a size on purpose, often to
			// measure growth; only make(map[K]V) leaves it out.
			d.origin = emptyMap
			return d, true
		}
	case *ast.CompositeLit:
		if len(e.Elts) > 0 || e.Type == nil {
			return decl{}, false
		}
		d.typ = e.Type
		switch {
		case isSlice(t):
			d.origin = emptySlice
			return d, true
		case isMap(t):
			d.origin = emptyMap
			return d, true
		}
	}
	return decl{}, false
}

func isBuiltin(info *types.Info, fun ast.Expr, name string) bool {
	id, ok := ast.Unparen(fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == name
}

// isZero reports whether e is the constant 0.
func isZero(info *types.Info, e ast.Expr) bool {
	tv := info.Types[e]
	return tv.Value != nil && tv.Value.String() == "0"
}

// matches reports whether the declaration agrees with what SSA saw.
func (d decl) matches(c candidate) bool {
	switch d.origin {
	case emptyMap:
		return c.isMap
	case nilSlice:
		return !c.isMap && c.isNil
	}
	return !c.isMap && !c.isNil
}
