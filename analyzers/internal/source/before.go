package source

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/passes/loops"
)

// BeforeLoop returns the statement before which a fix may declare a
// local that loop l then uses: the for or range statement, or the
// labelled statement around it. It must sit in a statement list that no
// goto jumps into past it, since a declaration a goto jumps over is not
// allowed. ok is false for goto loops and loops not in a statement list.
func BeforeLoop(pass *analysis.Pass, l *loops.Loop) (stmt ast.Stmt, ok bool) {
	switch l.Stmt.(type) {
	case *ast.ForStmt, *ast.RangeStmt:
	default:
		return nil, false
	}
	_, path := Enclosing(pass, l.Stmt.Pos())
	stmt, list, outer := InBlock(path, l.Stmt)
	if list == nil || jumpedOver(enclosingFunc(outer), list, stmt) {
		return nil, false
	}
	return stmt, true
}

// enclosingFunc returns the innermost function declaration or literal
// of path, whose labels gotos may target.
func enclosingFunc(path []ast.Node) ast.Node {
	for _, n := range path {
		switch n.(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return n
		}
	}
	return path[len(path)-1]
}

// jumpedOver reports whether a goto before stmt targets a label of list
// at or after stmt: a declaration inserted before stmt would come into
// scope by that jump, which Go forbids.
func jumpedOver(root ast.Node, list []ast.Stmt, stmt ast.Stmt) bool {
	labels := make(map[string]bool)
	for _, s := range list {
		if lab, ok := s.(*ast.LabeledStmt); ok && s.Pos() >= stmt.Pos() {
			labels[lab.Label.Name] = true
		}
	}
	if len(labels) == 0 {
		return false
	}
	found := false
	ast.Inspect(root, func(n ast.Node) bool {
		if br, ok := n.(*ast.BranchStmt); ok && br.Tok == token.GOTO && br.Label != nil &&
			br.Pos() < stmt.Pos() && labels[br.Label.Name] {
			found = true
		}
		return !found
	})
	return found
}

// PlainLoopEntry reports whether entering l runs no code before its
// first iteration that could fail, wait or change memory: the init
// statement of a for loop and the operand of a range loop call nothing
// but len, cap and conversions, receive from no channel and build no
// closure. A fix that evaluates something before such a loop, even when
// it runs zero times, then changes nothing the loop's entry does.
func PlainLoopEntry(info *types.Info, l *loops.Loop) bool {
	switch s := l.Stmt.(type) {
	case *ast.ForStmt:
		if s.Init == nil {
			return true
		}
		as, ok := s.Init.(*ast.AssignStmt)
		return ok && as.Tok == token.DEFINE && PlainExprs(info, as.Rhs...)
	case *ast.RangeStmt:
		return s.X == nil || PlainExprs(info, s.X)
	}
	return false
}

// PlainExprs reports whether evaluating exprs calls nothing but len, cap
// and conversions, receives from no channel and builds no closure.
func PlainExprs(info *types.Info, exprs ...ast.Expr) bool {
	plain := true
	for _, e := range exprs {
		ast.Inspect(e, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if tv, ok := info.Types[n.Fun]; ok && tv.IsType() {
					return plain
				}
				if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
					if b, ok := info.Uses[id].(*types.Builtin); ok && (b.Name() == "len" || b.Name() == "cap") {
						return plain
					}
				}
				plain = false
			case *ast.UnaryExpr:
				if n.Op == token.ARROW {
					plain = false
				}
			case *ast.FuncLit:
				plain = false
			}
			return plain
		})
	}
	return plain
}
