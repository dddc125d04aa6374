package hoistcall

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/analyzers/internal/source"
	"github.com/perfvet/perfvet/passes/loops"
)

// hoistFix declares a local holding the call's result right before loop
// l and replaces the call with it. The arguments are invariant in l, so
// the local holds what every iteration computed; the fix is offered only
// when the call has one result, cannot panic on its arguments (it now
// runs even when the loop runs zero times), its argument expressions
// read no memory through a pointer, index nothing and call nothing but
// conversions (so evaluating them early cannot fail either), they mean
// the same before the loop, and nothing between the declaration and the
// loop's first iteration runs code (the for statement's init and the
// range operand are plain expressions).
func (c *checker) hoistFix(file *ast.File, l *loops.Loop, v ssa.Value, e entry, call *ast.CallExpr) (analysis.SuggestedFix, bool) {
	if file == nil || e.local == "" || c.mayPanic(e, call) {
		return analysis.SuggestedFix{}, false
	}
	if _, isTuple := v.Type().(*types.Tuple); isTuple {
		return analysis.SuggestedFix{}, false
	}
	stmt, ok := source.BeforeLoop(c.pass, l)
	if !ok || !source.PlainLoopEntry(c.pass.TypesInfo, l) || !c.movable(call, file, stmt.Pos()) {
		return analysis.SuggestedFix{}, false
	}
	text, err := source.Text(c.pass, call)
	if err != nil {
		return analysis.SuggestedFix{}, false
	}
	name, ok := c.pickName(file, stmt, l.Stmt, []string{e.local, e.local + "Value"})
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{
		Message: "Call it once before the loop, into " + name,
		TextEdits: []analysis.TextEdit{
			{Pos: stmt.Pos(), End: stmt.Pos(), NewText: []byte(name + " := " + text + "\n" + source.Indent(c.pass, stmt.Pos()))},
			{Pos: call.Pos(), End: call.End(), NewText: []byte(name)},
		},
	}, true
}

// mayPanic reports whether the call may panic on its arguments: for
// strings.Repeat, unless the count is a constant between 0 and 65536;
// for strings.NewReplacer, unless it gets an even number of arguments
// written out.
func (c *checker) mayPanic(e entry, call *ast.CallExpr) bool {
	if !e.mayPanic {
		return false
	}
	switch {
	case len(call.Args) == 2 && isSelector(call.Fun, "Repeat"):
		tv := c.pass.TypesInfo.Types[call.Args[1]]
		if tv.Value == nil {
			return true
		}
		n, exact := constant.Int64Val(constant.ToInt(tv.Value))
		return !exact || n < 0 || n > 1<<16
	case isSelector(call.Fun, "NewReplacer"):
		return call.Ellipsis.IsValid() || len(call.Args)%2 != 0
	}
	return true
}

func isSelector(fun ast.Expr, name string) bool {
	sel, ok := ast.Unparen(fun).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == name
}

// movable reports whether the call's expression can be evaluated at pos
// with the same meaning and without panicking: it is built of names,
// literals, selections that follow no pointer, conversions and
// operators that cannot fail, and every name denotes at pos what it
// denotes at the call.
func (c *checker) movable(call *ast.CallExpr, file *ast.File, pos token.Pos) bool {
	scope := source.InnermostScope(c.pass.TypesInfo, file, pos)
	if scope == nil {
		return false
	}
	info := c.pass.TypesInfo
	var ok func(e ast.Expr) bool
	ok = func(e ast.Expr) bool {
		if tv, has := info.Types[e]; has && tv.Value != nil {
			return true // a constant
		}
		switch e := e.(type) {
		case *ast.Ident:
			obj := info.Uses[e]
			if obj == nil {
				return false
			}
			_, found := scope.LookupParent(e.Name, pos)
			return found == obj
		case *ast.BasicLit:
			return true
		case *ast.ParenExpr:
			return ok(e.X)
		case *ast.SelectorExpr:
			if sel, isSel := info.Selections[e]; isSel {
				return sel.Kind() == types.FieldVal && !sel.Indirect() && ok(e.X)
			}
			return ok(e.X) // a qualified identifier
		case *ast.ArrayType:
			return e.Len == nil && ok(e.Elt)
		case *ast.BinaryExpr:
			switch e.Op {
			case token.QUO, token.REM, token.SHL, token.SHR:
				return false
			}
			return ok(e.X) && ok(e.Y)
		case *ast.UnaryExpr:
			return (e.Op == token.SUB || e.Op == token.NOT || e.Op == token.XOR || e.Op == token.ADD) && ok(e.X)
		case *ast.CallExpr:
			tv, has := info.Types[e.Fun]
			if !has || !tv.IsType() || len(e.Args) != 1 {
				return false
			}
			_, basic := tv.Type.Underlying().(*types.Basic)
			return (basic || e == call) && ok(e.Fun) && ok(e.Args[0])
		}
		return false
	}
	if !ok(call.Fun) {
		return false
	}
	for _, arg := range call.Args {
		if !ok(arg) {
			return false
		}
	}
	return true
}

// pickName returns the first of the proposed names, then of numbered
// variants, that can be declared before stmt without clashing: not
// declared in the same block, not hiding a declaration visible there,
// not declared inside the loop (which would hide the new local from the
// call it replaces), not taken by another fix in the same block.
func (c *checker) pickName(file *ast.File, stmt, loop ast.Stmt, proposed []string) (string, bool) {
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
		if taken[name] || scope.Lookup(name) != nil {
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
