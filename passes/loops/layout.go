package loops

import (
	"go/ast"
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// This file holds every assumption perfvet makes about how the SSA
// builder of golang.org/x/tools lays out loops; each has a golden case
// in testdata/src/layout. Code elsewhere reads loops through these
// functions, never through block order or BasicBlock.Comment (which the
// builder documents as having no semantic significance): loops are
// related to their statements by positions (see attachStatements).
//
//   - Every label starts a new block, and a goto loop's header is the
//     block of its label.
//   - A for statement tests its condition in the loop header; the
//     comparison carries the position of the condition's operator.
//   - A range over a slice, array or pointer to array compiles to an
//     index counter starting at -1, stepped and compared with the length
//     in the header: t = i + 1; t < len(x). The builder's comparison has
//     no position.
//   - A range over an integer is rotated: a guard before the loop
//     (0 < n) skips it when the count is zero, and the counter is
//     stepped and tested at the end of each iteration: t = i + 1; t < n.
//     With no branch in the body the builder fuses body and test, and
//     the test sits in the header.
//   - A range over a map or string calls next in the header and leaves
//     on the false edge of its ok result.
//   - A range over a channel receives in the header and leaves when the
//     receive's ok is false: no count.
//   - A range-over-func body is a synthetic yield function whose syntax
//     is the range statement (see yieldLoop).
//   - A loop variable a closure captures lives in memory, a fresh copy
//     per iteration since Go 1.22 (see tripcount's capturedInduction).

// Test is an exit of a loop taken when the branch at its end goes one
// way: the loop's test, or an early exit.
type Test struct {
	Edge
	// Cond is the branch condition of Edge.From.
	Cond ssa.Value
	// LeavesOn is the value of Cond for which the branch leaves.
	LeavesOn bool
}

// Tests returns the exits of l that leave on a two-way branch, the
// statement's own test first: the comparison in a for statement's
// condition, or the builder's test of a range statement, which has no
// position. The other exits follow in block order.
func (l *Loop) Tests() []Test {
	tests := l.rawTests()
	slices.SortStableFunc(tests, func(a, b Test) int {
		return boolRank(l.OwnTest(b)) - boolRank(l.OwnTest(a))
	})
	return tests
}

// rawTests returns the tests of l in block order.
func (l *Loop) rawTests() []Test {
	var tests []Test
	for _, e := range l.Exits {
		if len(e.From.Succs) != 2 || e.From.Succs[0] == e.From.Succs[1] {
			continue
		}
		branch, ok := e.From.Instrs[len(e.From.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		tests = append(tests, Test{Edge: e, Cond: branch.Cond, LeavesOn: e.To == e.From.Succs[0]})
	}
	return tests
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// OwnTest reports whether t is the test of l's own statement rather
// than an exit in its body: for a for statement, a comparison inside its
// condition; for a range statement, a test without position, which only
// the builder makes.
func (l *Loop) OwnTest(t Test) bool {
	switch s := l.Stmt.(type) {
	case *ast.ForStmt:
		return s.Cond != nil && within(condPos(t.Cond), s.Cond)
	case *ast.RangeStmt:
		return builderTest(t)
	}
	return false
}

// builderTest reports whether t is a test the builder made rather than
// one the source wrote: a comparison or a tuple's ok result without a
// position.
func builderTest(t Test) bool {
	switch c := t.Cond.(type) {
	case *ssa.BinOp:
		return !c.Pos().IsValid()
	case *ssa.Extract:
		return !c.Pos().IsValid()
	}
	return false
}

// condPos returns the position of a branch condition: the operator of
// a comparison, nothing for a value the builder made.
func condPos(cond ssa.Value) token.Pos {
	if instr, ok := cond.(ssa.Instruction); ok {
		return instr.Pos()
	}
	return token.NoPos
}

// AtEnd reports whether t runs at the end of an iteration, after the
// body: its block is a latch. A header that is its own latch is a
// rotated loop fused into one block, body first; a header with a test
// at the top is never a latch, since its body follows it.
func (l *Loop) AtEnd(t Test) bool { return isLatchOf(l, t.From) }

// GuardedRotated reports whether t, a test of l, is the bottom test of a
// loop whose first iteration the builder guards before the loop with
// the same test: a range over an integer. Such a loop runs as many
// times as its count even though its test follows the body.
func (l *Loop) GuardedRotated(t Test) bool {
	_, ok := l.Stmt.(*ast.RangeStmt)
	return ok && l.AtEnd(t) && l.OwnTest(t)
}

func isLatchOf(l *Loop, b *ssa.BasicBlock) bool {
	return slices.Contains(l.Latches, b)
}

// RangeIteration recognises t as the test of a range over a map or a
// string: the ok result of next, leaving when false. It returns the
// collection and whether it is a string.
func (l *Loop) RangeIteration(t Test) (x ssa.Value, isString, ok bool) {
	ext, isExtract := t.Cond.(*ssa.Extract)
	if !isExtract || ext.Index != 0 || t.LeavesOn {
		return nil, false, false
	}
	next, isNext := ext.Tuple.(*ssa.Next)
	if !isNext || !l.ContainsInstr(next) {
		return nil, false, false
	}
	r, isRange := next.Iter.(*ssa.Range)
	if !isRange {
		return nil, false, false
	}
	return r.X, next.IsString, true
}
