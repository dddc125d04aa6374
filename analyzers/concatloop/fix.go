package concatloop

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers/internal/source"
	"github.com/perfvet/perfvet/passes/loops"
)

// builderFix rewrites a local string extended by += in loop l into a
// strings.Builder. It applies only to the common shape, where the
// rewrite provably keeps behaviour: a plain string local declared on its
// own, only ever extended with += after its declaration, never read
// inside the loop, never captured by a closure or addressed. Reads after
// the loop become calls to String. A variable already given a fix (at an
// earlier site) gets none: one fix rewrites every site.
func builderFix(pass *analysis.Pass, file *ast.File, l *loops.Loop, as *ast.AssignStmt, fixed map[types.Object]bool) (analysis.SuggestedFix, types.Object, bool) {
	id, ok := as.Lhs[0].(*ast.Ident)
	if !ok || as.Tok != token.ADD_ASSIGN || l.Stmt == nil {
		return analysis.SuggestedFix{}, nil, false
	}
	v, ok := pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || fixed[v] || !types.Identical(v.Type(), types.Typ[types.String]) {
		return analysis.SuggestedFix{}, nil, false
	}
	body := enclosingBody(file, v.Pos())
	if body == nil {
		return analysis.SuggestedFix{}, nil, false // a parameter, result or package-level variable
	}
	uses, ok := classifyUses(pass.TypesInfo, body, v)
	if !ok || uses.readInside(l) {
		return analysis.SuggestedFix{}, nil, false
	}
	pkg, importEdits, ok := source.PackageName(pass.TypesInfo, file, v.Pos(), "strings", "strings")
	if !ok || (len(importEdits) > 0 && !source.MayImport(pass, "strings")) {
		return analysis.SuggestedFix{}, nil, false
	}
	declEdits, ok := declEdits(pass, body, v, pkg)
	if !ok {
		return analysis.SuggestedFix{}, nil, false
	}
	edits := append(importEdits, declEdits...)
	for _, a := range uses.appends {
		edit, ok := appendEdit(pass, a, v.Name())
		if !ok {
			return analysis.SuggestedFix{}, nil, false
		}
		edits = append(edits, edit)
	}
	for _, r := range uses.reads {
		edits = append(edits, analysis.TextEdit{Pos: r.End(), End: r.End(), NewText: []byte(".String()")})
	}
	return analysis.SuggestedFix{Message: "Use strings.Builder", TextEdits: edits}, v, true
}

// appendEdit rewrites name += rhs into a write to the builder name:
// fmt.Fprintf(&name, ...) for name += fmt.Sprintf(...), and likewise for
// Sprint and Sprintln, which formats straight into the builder instead of
// into a string copied there; name.WriteString(rhs) otherwise.
func appendEdit(pass *analysis.Pass, a *ast.AssignStmt, name string) (analysis.TextEdit, bool) {
	if call, fn, ok := sprintCall(pass.TypesInfo, a.Rhs[0]); ok {
		pkg, err := source.Text(pass, call.Fun.(*ast.SelectorExpr).X)
		if err != nil {
			return analysis.TextEdit{}, false
		}
		// Replace "name += fmt.Sprintf(" and keep the arguments as written.
		text := pkg + ".F" + strings.TrimPrefix(fn, "S") + "(&" + name + ", "
		return analysis.TextEdit{Pos: a.Pos(), End: call.Lparen + 1, NewText: []byte(text)}, true
	}
	rhs, err := source.Text(pass, a.Rhs[0])
	if err != nil {
		return analysis.TextEdit{}, false
	}
	return analysis.TextEdit{Pos: a.Pos(), End: a.End(), NewText: []byte(name + ".WriteString(" + rhs + ")")}, true
}

// sprintCall returns e as a call of fmt.Sprintf, fmt.Sprint or
// fmt.Sprintln with at least one argument, and the function's name.
func sprintCall(info *types.Info, e ast.Expr) (*ast.CallExpr, string, bool) {
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return nil, "", false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil, "", false
	}
	fn, ok := info.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "fmt" {
		return nil, "", false
	}
	switch fn.Name() {
	case "Sprintf", "Sprint", "Sprintln":
		return call, fn.Name(), true
	}
	return nil, "", false
}

// uses sorts the references to a string variable.
type uses struct {
	appends []*ast.AssignStmt // v += e
	reads   []*ast.Ident
}

// readInside reports whether v is read inside loop l, where a read would
// need the partial string.
func (u uses) readInside(l *loops.Loop) bool {
	for _, r := range u.reads {
		if l.Stmt.Pos() <= r.Pos() && r.End() <= l.Stmt.End() {
			return true
		}
	}
	return false
}

// classifyUses collects the references to v in body, failing on any
// that the rewrite cannot express: other assignments, &v, or uses inside
// function literals (a Builder must not be copied once used).
func classifyUses(info *types.Info, body *ast.BlockStmt, v *types.Var) (uses, bool) {
	var u uses
	ok := true
	assigned := make(map[*ast.Ident]bool)
	visit := func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			ast.Inspect(n.Body, func(m ast.Node) bool {
				if id, isID := m.(*ast.Ident); isID && info.Uses[id] == v {
					ok = false
				}
				return ok
			})
			return false
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				id, isID := ast.Unparen(lhs).(*ast.Ident)
				if !isID || info.Uses[id] != v {
					continue
				}
				if n.Tok != token.ADD_ASSIGN || len(n.Lhs) != 1 {
					ok = false
					return false
				}
				assigned[id] = true
				u.appends = append(u.appends, n)
			}
		case *ast.IncDecStmt:
			if id, isID := n.X.(*ast.Ident); isID && info.Uses[id] == v {
				ok = false
			}
		case *ast.UnaryExpr:
			if id, isID := ast.Unparen(n.X).(*ast.Ident); isID && n.Op == token.AND && info.Uses[id] == v {
				ok = false
			}
		case *ast.Ident:
			if info.Uses[n] == v && !assigned[n] {
				u.reads = append(u.reads, n)
			}
		}
		return true
	}
	ast.Inspect(body, visit)
	return u, ok
}

// enclosingBody returns the body of the function declaring the local
// variable at pos, or nil if pos is not inside a function body.
func enclosingBody(file *ast.File, pos token.Pos) *ast.BlockStmt {
	var body *ast.BlockStmt
	ast.Inspect(file, func(n ast.Node) bool {
		if n == nil || n.Pos() > pos || n.End() <= pos {
			return n == nil
		}
		switch n := n.(type) {
		case *ast.FuncDecl:
			body = n.Body
		case *ast.FuncLit:
			body = n.Body
		}
		return true
	})
	if body == nil || pos < body.Lbrace {
		return nil
	}
	return body
}

// declEdits turns the declaration of v into a strings.Builder: var v
// string, var v = e, or v := e, declaring v alone.
func declEdits(pass *analysis.Pass, body *ast.BlockStmt, v *types.Var, pkg string) ([]analysis.TextEdit, bool) {
	stmt, init := declaration(body, v)
	if stmt == nil {
		return nil, false
	}
	text := "var " + v.Name() + " " + pkg + ".Builder"
	if init != nil && !isEmptyString(pass.TypesInfo, init) {
		initText, err := source.Text(pass, init)
		if err != nil {
			return nil, false
		}
		text += "\n" + source.Indent(pass, stmt.Pos()) + v.Name() + ".WriteString(" + initText + ")"
	}
	return []analysis.TextEdit{{Pos: stmt.Pos(), End: stmt.End(), NewText: []byte(text)}}, true
}

// declaration finds the statement declaring v alone and its initial value.
func declaration(body *ast.BlockStmt, v *types.Var) (ast.Stmt, ast.Expr) {
	var stmt ast.Stmt
	var init ast.Expr
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.DeclStmt:
			gd, ok := n.Decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR || len(gd.Specs) != 1 {
				return true
			}
			spec := gd.Specs[0].(*ast.ValueSpec)
			if len(spec.Names) == 1 && spec.Names[0].Pos() == v.Pos() {
				stmt = n
				if len(spec.Values) == 1 {
					init = spec.Values[0]
				}
			}
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE && len(n.Lhs) == 1 && len(n.Rhs) == 1 && n.Lhs[0].Pos() == v.Pos() {
				stmt, init = n, n.Rhs[0]
			}
		}
		return stmt == nil
	})
	return stmt, init
}

// isEmptyString reports whether e is the constant "".
func isEmptyString(info *types.Info, e ast.Expr) bool {
	tv := info.Types[e]
	return tv.Value != nil && tv.Value.ExactString() == `""`
}
