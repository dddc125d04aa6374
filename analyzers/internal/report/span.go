package report

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers/internal/source"
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
// statement around pos in the pass's files, or token.NoPos twice if
// there is none.
func enclosingLoop(pass *analysis.Pass, pos token.Pos) (start, end token.Pos) {
	_, path := source.Enclosing(pass, pos)
	for _, n := range path {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return n.Pos(), n.End()
		}
	}
	return token.NoPos, token.NoPos
}
