package report

import (
	"go/ast"
	"go/token"

	"github.com/perfvet/perfvet/passes/loops"
)

// loopSpan returns the source range of l, header included: the for or
// range statement, or for a goto loop, from its label to the last
// instruction of its blocks.
func loopSpan(l *loops.Loop) (start, end token.Pos) {
	switch s := l.Stmt.(type) {
	case *ast.ForStmt, *ast.RangeStmt:
		return s.Pos(), s.End()
	}
	start, end = l.Pos(), l.Pos()
	for _, instr := range l.Instrs() {
		if p := instr.Pos(); p.IsValid() {
			start, end = min(start, p), max(end, p)
		}
	}
	return start, end
}

// enclosingLoop returns the source range of the innermost for or range
// statement around pos in files, or token.NoPos twice if there is none.
func enclosingLoop(files []*ast.File, pos token.Pos) (start, end token.Pos) {
	for _, f := range files {
		if pos < f.FileStart || pos >= f.FileEnd {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil || pos < n.Pos() || pos >= n.End() {
				return false
			}
			switch n.(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				start, end = n.Pos(), n.End()
			}
			return true
		})
	}
	return start, end
}
