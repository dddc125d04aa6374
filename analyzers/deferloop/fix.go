package deferloop

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// closureFix moves the statements of body, a loop body holding stmt,
// into a function literal called on each iteration, so that its
// deferred calls run at the end of the iteration. It is offered only
// when that changes nothing but when they run: no statement of the body
// leaves it (return, goto, or a break or continue aimed outside it), and
// the deferred call does not recover panics or read or set the
// function's named results, which only make sense at its return.
func closureFix(pass *analysis.Pass, file *ast.File, path []ast.Node, body *ast.BlockStmt, stmt *ast.DeferStmt) (analysis.SuggestedFix, bool) {
	if leavesBody(body) || needsFunctionReturn(pass.TypesInfo, path, stmt.Call) {
		return analysis.SuggestedFix{}, false
	}
	tf := pass.Fset.File(body.Pos())
	content, err := pass.ReadFile(tf.Name())
	if err != nil {
		return analysis.SuggestedFix{}, false
	}
	open, close := tf.Offset(body.Lbrace), tf.Offset(body.Rbrace)
	firstLine, lastLine := tf.Line(body.Lbrace), tf.Line(body.Rbrace)
	if lastLine-firstLine < 2 || !blankOrComment(content, open+1, tf.Offset(tf.LineStart(firstLine+1))) ||
		!blankBetween(content, tf.Offset(tf.LineStart(lastLine)), close) {
		return analysis.SuggestedFix{}, false // not laid out as gofmt does
	}
	indent := string(content[tf.Offset(tf.LineStart(lastLine)):close])
	verbatim := verbatimLines(tf, file, body)
	edits := []analysis.TextEdit{{Pos: body.Lbrace + 1, End: body.Lbrace + 1, NewText: []byte("\n" + indent + "\tfunc() {")}}
	for line := firstLine + 1; line < lastLine; line++ {
		start := tf.LineStart(line)
		if verbatim[line] || blankBetween(content, tf.Offset(start), lineEnd(content, tf.Offset(start))) {
			continue
		}
		edits = append(edits, analysis.TextEdit{Pos: start, End: start, NewText: []byte("\t")})
	}
	last := tf.LineStart(lastLine)
	edits = append(edits, analysis.TextEdit{Pos: last, End: last, NewText: []byte(indent + "\t}()\n")})
	return analysis.SuggestedFix{Message: "Move the loop body into a function literal called on each iteration", TextEdits: edits}, true
}

// leavesBody reports whether a statement of body, outside function
// literals, transfers control out of it: a return, a goto or a labelled
// branch to a label not declared in body, or a break or continue that
// no statement of body encloses.
func leavesBody(body *ast.BlockStmt) bool {
	labels := make(map[string]bool)
	ast.Inspect(body, func(n ast.Node) bool {
		if ls, ok := n.(*ast.LabeledStmt); ok {
			labels[ls.Label.Name] = true
		}
		_, isLit := n.(*ast.FuncLit)
		return !isLit
	})
	leaves := false
	var walk func(n ast.Node, breakable, loop bool)
	walk = func(n ast.Node, breakable, loop bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			if leaves || m == nil {
				return false
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				leaves = true
			case *ast.BranchStmt:
				switch {
				case m.Label != nil:
					leaves = !labels[m.Label.Name]
				case m.Tok == token.BREAK:
					leaves = !breakable
				case m.Tok == token.CONTINUE:
					leaves = !loop
				}
			case *ast.ForStmt, *ast.RangeStmt:
				if m != n {
					walk(m, true, true)
					return false
				}
			case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if m != n {
					walk(m, true, loop)
					return false
				}
			}
			return true
		})
	}
	walk(body, false, false)
	return leaves
}

// needsFunctionReturn reports whether the deferred call recovers panics
// or uses a named result of the function the defer belongs to: both are
// tied to that function's return.
func needsFunctionReturn(info *types.Info, path []ast.Node, call *ast.CallExpr) bool {
	results := namedResults(info, path)
	found := false
	ast.Inspect(call, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || found {
			return !found
		}
		switch obj := info.Uses[id].(type) {
		case *types.Builtin:
			found = obj.Name() == "recover"
		case *types.Var:
			found = results[obj]
		}
		return !found
	})
	return found
}

// namedResults returns the named results of the innermost function
// (declaration or literal) on path.
func namedResults(info *types.Info, path []ast.Node) map[*types.Var]bool {
	var ft *ast.FuncType
	for _, n := range path {
		if ft != nil {
			break
		}
		switch n := n.(type) {
		case *ast.FuncDecl:
			ft = n.Type
		case *ast.FuncLit:
			ft = n.Type
		}
	}
	results := make(map[*types.Var]bool)
	if ft == nil || ft.Results == nil {
		return results
	}
	for _, field := range ft.Results.List {
		for _, name := range field.Names {
			if v, ok := info.Defs[name].(*types.Var); ok {
				results[v] = true
			}
		}
	}
	return results
}

// verbatimLines returns the lines of body that begin inside a raw string
// literal or a block comment, whose text must not be re-indented.
func verbatimLines(tf *token.File, file *ast.File, body *ast.BlockStmt) map[int]bool {
	lines := make(map[int]bool)
	mark := func(from, to token.Pos) {
		for line := tf.Line(from) + 1; line <= tf.Line(to); line++ {
			lines[line] = true
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && strings.HasPrefix(lit.Value, "`") {
			mark(lit.Pos(), lit.End())
		}
		return true
	})
	for _, cg := range file.Comments {
		for _, c := range cg.List {
			if body.Pos() <= c.Pos() && c.End() <= body.End() && strings.HasPrefix(c.Text, "/*") {
				mark(c.Pos(), c.End())
			}
		}
	}
	return lines
}

// blankBetween reports whether content[from:to] is only white space.
func blankBetween(content []byte, from, to int) bool {
	if from > to || to > len(content) {
		return false
	}
	return strings.TrimSpace(string(content[from:to])) == ""
}

// blankOrComment reports whether content[from:to] is white space,
// possibly followed by a line comment.
func blankOrComment(content []byte, from, to int) bool {
	if from > to || to > len(content) {
		return false
	}
	text := strings.TrimSpace(string(content[from:to]))
	return text == "" || strings.HasPrefix(text, "//")
}

// lineEnd returns the offset of the newline ending the line at offset.
func lineEnd(content []byte, offset int) int {
	for offset < len(content) && content[offset] != '\n' {
		offset++
	}
	return offset
}
