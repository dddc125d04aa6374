package tripcount

import (
	"go/ast"
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
)

// induction describes a basic induction variable: a phi at the loop
// header that starts at Start and moves by Step on every back edge.
type induction struct {
	phi   *ssa.Phi
	start ssa.Value
	step  int64
}

// inductionOf recognises v as phi or phi+c of an induction variable of l,
// returning the variable and c.
func inductionOf(l *loops.Loop, v ssa.Value) (induction, int64, bool) {
	offset := int64(0)
	if b, ok := v.(*ssa.BinOp); ok && (b.Op == token.ADD || b.Op == token.SUB) {
		c, ok := intConst(b.Y)
		if !ok {
			return induction{}, 0, false
		}
		if b.Op == token.SUB {
			c = -c
		}
		offset, v = c, b.X
	}
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		ind, ok := capturedInduction(l, load)
		return ind, offset, ok
	}
	phi, ok := v.(*ssa.Phi)
	if !ok || phi.Block() != l.Header {
		return induction{}, 0, false
	}
	ind := induction{phi: phi}
	for i, pred := range phi.Block().Preds {
		edge := phi.Edges[i]
		if !l.Contains(pred) {
			if ind.start != nil && ind.start != edge {
				return induction{}, 0, false
			}
			ind.start = edge
			continue
		}
		step, ok := stepOf(phi, edge)
		if !ok || (ind.step != 0 && step != ind.step) {
			return induction{}, 0, false
		}
		ind.step = step
	}
	if ind.start == nil || ind.step == 0 {
		return induction{}, 0, false
	}
	return ind, offset, true
}

// counterLimit returns the operand a counter is compared with, when one
// of x and y is a counter stepped by a value that is not constant
// (i += n): the loop's count is unknown, but it is bounded by the other
// operand.
func counterLimit(l *loops.Loop, x, y ssa.Value) ssa.Value {
	switch {
	case isCounter(l, x):
		return y
	case isCounter(l, y):
		return x
	}
	return nil
}

// isCounter reports whether v is a header phi of l, or that plus or
// minus something, that every iteration adds to or subtracts from.
func isCounter(l *loops.Loop, v ssa.Value) bool {
	if b, ok := v.(*ssa.BinOp); ok && (b.Op == token.ADD || b.Op == token.SUB) {
		v = b.X
	}
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		return isCapturedCounter(l, load.X)
	}
	phi, ok := v.(*ssa.Phi)
	if !ok || phi.Block() != l.Header {
		return false
	}
	back := 0
	for i, pred := range phi.Block().Preds {
		if !l.Contains(pred) {
			continue
		}
		b, ok := phi.Edges[i].(*ssa.BinOp)
		if !ok || b.X != phi || b.Op != token.ADD && b.Op != token.SUB {
			return false
		}
		back++
	}
	return back > 0
}

// isCapturedCounter reports whether addr is the per-iteration copy of a
// loop variable that closures capture (see capturedInduction), whatever
// its step.
func isCapturedCounter(l *loops.Loop, addr ssa.Value) bool {
	phi, ok := addr.(*ssa.Phi)
	if !ok || phi.Block() != l.Header {
		return false
	}
	for _, e := range phi.Edges {
		if _, ok := e.(*ssa.Alloc); !ok {
			return false
		}
	}
	return true
}

// stepOf recognises next as phi+c or phi-c.
func stepOf(phi *ssa.Phi, next ssa.Value) (int64, bool) {
	b, ok := next.(*ssa.BinOp)
	if !ok || b.X != phi {
		return 0, false
	}
	c, ok := intConst(b.Y)
	if !ok {
		return 0, false
	}
	switch b.Op {
	case token.ADD:
		return c, true
	case token.SUB:
		return -c, true
	}
	return 0, false
}

func intConst(v ssa.Value) (int64, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(c.Value)
}

// inductionCount counts a loop that leaves by test t when a comparison
// of an induction variable with a loop-invariant bound fails. When the
// comparison has an induction variable but the bound changes in the
// loop, the failed count carries the bound as its limit.
func inductionCount(oracle *invariant.Oracle, l *loops.Loop, t loops.Test) (Count, bool) {
	cmp, ok := t.Cond.(*ssa.BinOp)
	if !ok {
		return Count{}, false
	}
	op, x, y := cmp.Op, cmp.X, cmp.Y
	if t.LeavesOn { // the loop goes on while the comparison fails
		op = irutil.Negate(op)
	}
	ind, offset, ok := inductionOf(l, x)
	if !ok {
		if ind, offset, ok = inductionOf(l, y); !ok {
			return Count{limit: counterLimit(l, x, y)}, false
		}
		op, x, y = irutil.Mirror(op), y, x
	}
	if op == token.ILLEGAL {
		return Count{}, false
	}
	if !oracle.Invariant(y, l) || !oracle.Invariant(ind.start, l) {
		return Count{limit: y}, false
	}
	// A test at the end of an iteration (in a latch, not the header)
	// runs after the first iteration has already been done.
	bottom := int64(0)
	if l.AtEnd(t) {
		bottom = 1
	}
	// The builder guards a rotated range loop's first iteration with
	// the same test, so it runs exactly as often as a top-tested one.
	guarded := bottom == 0 || l.GuardedRotated(t)
	var c Count
	switch {
	case ind.step > 0 && (op == token.LSS || op == token.LEQ || op == token.NEQ):
		c, ok = increasing(ind, offset, bottom, op, y)
	case ind.step < 0 && (op == token.GTR || op == token.GEQ || op == token.NEQ):
		c, ok = decreasing(ind, offset, bottom, op, y)
	default:
		return Count{}, false
	}
	if !guarded && c.Kind != Const {
		c.Exact, c.upper = false, false
	}
	return c, ok
}

// increasing counts for i := start; i+offset < bound; i += step.
func increasing(ind induction, offset, bottom int64, op token.Token, bound ssa.Value) (Count, bool) {
	if op == token.NEQ && ind.step != 1 {
		return Count{}, false // may step over the bound
	}
	extra := bottom
	if op == token.LEQ {
		extra++
	}
	start, startConst := intConst(ind.start)
	if n, ok := intConst(bound); ok && startConst {
		return Count{Kind: Const, N: max(ceilDiv(n-(start+offset)+extra*ind.step, ind.step), 0), Exact: true}, true
	}
	// The loop runs n-(start+offset)+extra times (over step): n times
	// when start+offset is extra, at most n when it is more.
	exact := startConst && start+offset == extra && ind.step == 1
	c := boundedBy(bound, exact)
	c.upper = startConst && start+offset >= extra
	return c, true
}

// decreasing counts for i := start; i+offset > bound; i -= step, whose
// size is set by start when bound is a small constant.
func decreasing(ind induction, offset, bottom int64, op token.Token, bound ssa.Value) (Count, bool) {
	if op == token.NEQ && ind.step != -1 {
		return Count{}, false
	}
	stop, ok := intConst(bound)
	if !ok {
		return Count{}, false
	}
	extra := bottom
	if op == token.GEQ {
		extra++
	}
	step := -ind.step
	if start, ok := intConst(ind.start); ok {
		return Count{Kind: Const, N: max(ceilDiv(start+offset-stop+extra*step, step), 0), Exact: true}, true
	}
	// i := len(x)-1; i >= 0; i-- runs len(x) times.
	size, adjust := ind.start, int64(0)
	if b, ok := size.(*ssa.BinOp); ok && b.Op == token.SUB {
		if c, ok := intConst(b.Y); ok {
			size, adjust = b.X, c
		}
	}
	exact := step == 1 && adjust+stop-offset == extra
	c := boundedBy(size, exact)
	c.down = true
	c.upper = adjust+stop-offset >= extra
	return c, true
}

func ceilDiv(a, b int64) int64 {
	if a <= 0 {
		return 0
	}
	return (a + b - 1) / b
}

// boundedBy classifies a loop-invariant size value as len(x) or int(n).
func boundedBy(size ssa.Value, exact bool) Count {
	if c, ok := size.(*ssa.Call); ok && irutil.IsBuiltin(c.Common(), "len") {
		return Count{Kind: Len, X: c.Common().Args[0], Exact: exact}
	}
	if n, ok := intConst(size); ok {
		return Count{Kind: Const, N: max(n, 0), Exact: exact}
	}
	return Count{Kind: Int, X: size, Exact: exact}
}

// boundExpr finds the source expression of c.X in a for statement: the
// operand of len(...) or the bound compared with the loop variable.
func boundExpr(l *loops.Loop, c Count) ast.Expr {
	fs, ok := l.Stmt.(*ast.ForStmt)
	if !ok || c.Kind == Const {
		return nil
	}
	if c.Kind == Len {
		for _, n := range []ast.Node{fs.Cond, fs.Init} {
			if e := lenOperand(n); e != nil {
				return e
			}
		}
		return nil
	}
	if c.down {
		return startExpr(fs)
	}
	if cond, ok := ast.Unparen(fs.Cond).(*ast.BinaryExpr); ok {
		if isLoopVar(fs, cond.X) {
			return cond.Y
		}
		if isLoopVar(fs, cond.Y) {
			return cond.X
		}
	}
	return nil
}

// lenOperand returns x of the first len(x) call in n.
func lenOperand(n ast.Node) ast.Expr {
	if n == nil {
		return nil
	}
	var x ast.Expr
	ast.Inspect(n, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && x == nil && len(call.Args) == 1 {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "len" {
				x = call.Args[0]
			}
		}
		return x == nil
	})
	return x
}

// isLoopVar reports whether e names a variable declared by fs's init.
func isLoopVar(fs *ast.ForStmt, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	as, ok := fs.Init.(*ast.AssignStmt)
	if !ok {
		return false
	}
	for _, lhs := range as.Lhs {
		if l, ok := lhs.(*ast.Ident); ok && l.Name == id.Name {
			return true
		}
	}
	return false
}

// startExpr returns n for a for statement whose init is i := n or
// i := n - 1.
func startExpr(fs *ast.ForStmt) ast.Expr {
	as, ok := fs.Init.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 {
		return nil
	}
	rhs := ast.Unparen(as.Rhs[0])
	if b, ok := rhs.(*ast.BinaryExpr); ok && b.Op == token.SUB {
		return b.X
	}
	return rhs
}
