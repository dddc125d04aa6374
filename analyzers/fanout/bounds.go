package fanout

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/tripcount"
)

// This file holds the checks on SSA that recognise what bounds a
// goroutine fan-out: semaphores, waits, accept loops, worker pools.

// acquiresBefore reports whether a semaphore is acquired before x on
// every path to it: by an instruction of loop l that dominates x, or,
// with l nil, anywhere in x's function.
func (c *checker) acquiresBefore(x ssa.Instruction, l *loops.Loop) bool {
	return c.someDominates(x, l, c.isAcquire)
}

// acceptsBefore reports whether the iteration of l accepts a connection
// before x: the accept loop of a server, where one goroutine per
// connection is the standard idiom.
func (c *checker) acceptsBefore(x ssa.Instruction, l *loops.Loop) bool {
	return c.someDominates(x, l, c.isAccept)
}

// someDominates reports whether an instruction satisfying pred dominates
// x, looking at the blocks of l, or of x's function if l is nil.
func (c *checker) someDominates(x ssa.Instruction, l *loops.Loop, pred func(ssa.Instruction, int) bool) bool {
	for _, b := range x.Parent().Blocks {
		if l != nil && !l.Contains(b) || !b.Dominates(x.Block()) {
			continue
		}
		for _, instr := range b.Instrs {
			if instr == x {
				break
			}
			if pred(instr, 0) {
				return true
			}
		}
	}
	return false
}

// joinsAfter reports whether, after x and before the next iteration of l
// (or the end of x's function if l is nil), some path waits: for the
// goroutines (WaitGroup.Wait, errgroup.Group.Wait) or for a result (a
// receive). The loop then runs a bounded number of goroutines at a time,
// like a batch or a call with a timeout.
func (c *checker) joinsAfter(x ssa.Instruction, l *loops.Loop) bool {
	start := x.Block()
	for i, instr := range start.Instrs {
		if instr == x {
			for _, after := range start.Instrs[i+1:] {
				if c.isJoin(after, 0) {
					return true
				}
			}
		}
	}
	seen := map[*ssa.BasicBlock]bool{start: true}
	stack := append([]*ssa.BasicBlock(nil), start.Succs...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] || l != nil && (!l.Contains(b) || b == l.Header) {
			continue
		}
		seen[b] = true
		for _, instr := range b.Instrs {
			if c.isJoin(instr, 0) {
				return true
			}
		}
		stack = append(stack, b.Succs...)
	}
	return false
}

// isAcquire reports whether instr acquires a semaphore: a send into a
// channel that is not provably unbuffered (also as a select case), a
// semaphore.Weighted Acquire or TryAcquire, or a call of a same-package
// function that does one of these.
func (c *checker) isAcquire(instr ssa.Instruction, depth int) bool {
	switch instr := instr.(type) {
	case *ssa.Send:
		return !unbuffered(instr.Chan)
	case *ssa.Select:
		for _, st := range instr.States {
			if st.Dir == types.SendOnly && !unbuffered(st.Chan) {
				return true
			}
		}
	case *ssa.Call:
		return isSemaphoreAcquire(calleeObj(&instr.Call)) || c.calleeDoes(&instr.Call, depth, c.isAcquire)
	}
	return false
}

// isJoin reports whether instr waits: a receive, a blocking select with
// a receive case other than a context's Done, a call of a method named
// Wait, or a call of a same-package function that does one of these.
func (c *checker) isJoin(instr ssa.Instruction, depth int) bool {
	switch instr := instr.(type) {
	case *ssa.UnOp:
		return instr.Op == token.ARROW
	case *ssa.Select:
		if !instr.Blocking {
			return false
		}
		for _, st := range instr.States {
			if st.Dir == types.RecvOnly && !isDone(st.Chan) {
				return true
			}
		}
	case *ssa.Call:
		if obj := calleeObj(&instr.Call); obj != nil && obj.Name() == "Wait" && obj.Signature().Recv() != nil {
			return true
		}
		return c.calleeDoes(&instr.Call, depth, c.isJoin)
	}
	return false
}

// isDone reports whether ch is the result of a Done method call, such as
// ctx.Done(): waiting for cancellation waits for no goroutine.
func isDone(ch ssa.Value) bool {
	call, ok := ch.(*ssa.Call)
	if !ok {
		return false
	}
	obj := calleeObj(&call.Call)
	return obj != nil && obj.Name() == "Done"
}

// isAccept reports whether instr accepts a connection: a call of a
// method whose name starts with Accept (net.Listener.Accept,
// AcceptTCP, ...), directly or in a same-package function.
func (c *checker) isAccept(instr ssa.Instruction, depth int) bool {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return false
	}
	if obj := calleeObj(&call.Call); obj != nil && strings.HasPrefix(obj.Name(), "Accept") && obj.Signature().Recv() != nil {
		return true
	}
	return c.calleeDoes(&call.Call, depth, c.isAccept)
}

// calleeDoes reports whether the same-package function call invokes has
// an instruction satisfying pred, looking maxCallDepth calls deep.
func (c *checker) calleeDoes(call *ssa.CallCommon, depth int, pred func(ssa.Instruction, int) bool) bool {
	if depth >= maxCallDepth {
		return false
	}
	callee := c.bodyOf(call.StaticCallee())
	if callee == nil {
		return false
	}
	for _, b := range callee.Blocks {
		for _, instr := range b.Instrs {
			if pred(instr, depth+1) {
				return true
			}
		}
	}
	return false
}

// unbuffered reports whether ch is provably an unbuffered channel: made
// with no capacity (or a zero one), in a register or in the local
// variable a closure captures. Sending on it waits for a receiver rather
// than taking a slot.
func unbuffered(ch ssa.Value) bool {
	mc, ok := chanOrigin(ch, 0).(*ssa.MakeChan)
	if !ok {
		return false
	}
	k, ok := mc.Size.(*ssa.Const)
	return ok && k.Value != nil && constant.Sign(k.Value) == 0
}

// chanOrigin follows a channel value back through loads of the local
// variable holding it to the value stored there, if there is one store.
func chanOrigin(v ssa.Value, depth int) ssa.Value {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL || depth > 4 {
		return v
	}
	alloc, ok := load.X.(*ssa.Alloc)
	if !ok {
		return v
	}
	var stored ssa.Value
	for _, ref := range *alloc.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == alloc {
			if stored != nil {
				return v
			}
			stored = st.Val
		}
	}
	if stored == nil {
		return v
	}
	return chanOrigin(stored, depth+1)
}

// isWorker reports whether fn, run as a goroutine, is a worker rather
// than a per-item task: it (or a same-package function it calls) loops
// receiving from a channel that it is given rather than one it makes
// (a ticker's, a context's), so however many are started they share
// one stream of work.
func (c *checker) isWorker(fn *ssa.Function, depth int, seen map[*ssa.Function]bool) bool {
	if seen[fn] || depth > maxCallDepth {
		return false
	}
	seen[fn] = true
	for _, l := range c.forest.Of(fn) {
		for _, instr := range l.Instrs() {
			for _, ch := range received(instr) {
				if givenChannel(ch) {
					return true
				}
			}
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			if callee := c.bodyOf(call.Call.StaticCallee()); callee != nil && c.isWorker(callee, depth+1, seen) {
				return true
			}
		}
	}
	return false
}

// received returns the channels instr receives from.
func received(instr ssa.Instruction) []ssa.Value {
	switch instr := instr.(type) {
	case *ssa.UnOp:
		if instr.Op == token.ARROW {
			return []ssa.Value{instr.X}
		}
	case *ssa.Select:
		var chs []ssa.Value
		for _, st := range instr.States {
			if st.Dir == types.RecvOnly {
				chs = append(chs, st.Chan)
			}
		}
		return chs
	}
	return nil
}

// givenChannel reports whether ch comes from outside the function that
// receives from it: a parameter, a captured variable, a global, or a
// field reached from one of these.
func givenChannel(ch ssa.Value) bool {
	for range 8 {
		switch v := ch.(type) {
		case *ssa.Parameter, *ssa.FreeVar, *ssa.Global:
			return true
		case *ssa.UnOp:
			if v.Op != token.MUL {
				return false
			}
			ch = v.X
		case *ssa.FieldAddr:
			ch = v.X
		case *ssa.Field:
			ch = v.X
		case *ssa.ChangeType:
			ch = v.X
		default:
			return false
		}
	}
	return false
}

// acquiresFirst reports whether fn, run as a goroutine, acquires a
// semaphore before doing anything else: the work is bounded, although
// the goroutines waiting for their turn are not.
func (c *checker) acquiresFirst(fn *ssa.Function, depth int) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	for b := fn.Blocks[0]; b != nil && !seen[b]; {
		seen[b] = true
		var next *ssa.BasicBlock
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Send:
				return c.semaphoreChannel(fn, instr.Chan)
			case *ssa.Select:
				for _, st := range instr.States {
					if st.Dir == types.SendOnly && c.semaphoreChannel(fn, st.Chan) {
						return true
					}
				}
				return false
			case *ssa.Call:
				if isSemaphoreAcquire(calleeObj(&instr.Call)) {
					return true
				}
				callee := c.bodyOf(instr.Call.StaticCallee())
				return callee != nil && depth < maxCallDepth && c.acquiresFirst(callee, depth+1)
			case *ssa.Jump:
				next = b.Succs[0]
			default:
				if isAction(instr) {
					return false
				}
			}
		}
		b = next
	}
	return false
}

// isAction reports whether instr does something observable, as opposed
// to the bookkeeping a function starts with: addressing, loading and
// storing its variables, making closures, deferring calls.
func isAction(instr ssa.Instruction) bool {
	switch instr := instr.(type) {
	case *ssa.Alloc, *ssa.Store, *ssa.FieldAddr, *ssa.IndexAddr, *ssa.Field, *ssa.Index,
		*ssa.MakeClosure, *ssa.Defer, *ssa.DebugRef, *ssa.ChangeType, *ssa.ChangeInterface,
		*ssa.Convert, *ssa.MakeInterface, *ssa.Extract, *ssa.Slice, *ssa.BinOp, *ssa.Phi:
		return false
	case *ssa.UnOp:
		return instr.Op == token.ARROW
	}
	return true
}

// semaphoreChannel reports whether a send on ch, first thing in fn, takes
// a semaphore slot: the channel carries empty structs, or fn (or a
// function it defers or nests) also receives from such a channel to
// release the slot.
func (c *checker) semaphoreChannel(fn *ssa.Function, ch ssa.Value) bool {
	t, ok := coreType(ch.Type()).(*types.Chan)
	if !ok {
		return false
	}
	if st, ok := t.Elem().Underlying().(*types.Struct); ok && st.NumFields() == 0 {
		return true
	}
	return receivesType(fn, t.Elem(), 0)
}

// receivesType reports whether fn or a function nested in it receives a
// value of type elem from a channel.
func receivesType(fn *ssa.Function, elem types.Type, depth int) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			for _, ch := range received(instr) {
				if t, ok := coreType(ch.Type()).(*types.Chan); ok && types.Identical(t.Elem(), elem) {
					return true
				}
			}
		}
	}
	if depth < maxCallDepth {
		for _, anon := range fn.AnonFuncs {
			if receivesType(anon, elem, depth+1) {
				return true
			}
		}
	}
	return false
}

// constantLength reports whether a len(x) count is in fact fixed: x is a
// slice of a composite literal or of an array, or a constant string.
func constantLength(cnt tripcount.Count) bool {
	if cnt.Kind != tripcount.Len {
		return false
	}
	switch x := cnt.X.(type) {
	case *ssa.Const:
		return true
	case *ssa.Slice:
		if x.Low != nil || x.High != nil || x.Max != nil {
			return false
		}
		p, ok := x.X.Type().Underlying().(*types.Pointer)
		if !ok {
			return false
		}
		_, isArray := p.Elem().Underlying().(*types.Array)
		return isArray
	}
	return false
}

// cpuBounded reports whether l runs a number of times set by the
// machine: its count is runtime.NumCPU() or runtime.GOMAXPROCS(n), or a
// value computed from one with constants, min and max (NumCPU()*2,
// max(1, NumCPU()/2), min(len(jobs), NumCPU())). A condition that calls
// NumCPU on every iteration is read from the source.
func cpuBounded(info *types.Info, l *loops.Loop, cnt tripcount.Count) bool {
	if cnt.Kind == tripcount.Int && cpuValue(cnt.X, 0) {
		return true
	}
	fs, ok := l.Stmt.(*ast.ForStmt)
	if !ok || fs.Cond == nil {
		return false
	}
	cond, ok := ast.Unparen(fs.Cond).(*ast.BinaryExpr)
	if !ok {
		return false
	}
	switch cond.Op {
	case token.LSS, token.LEQ, token.GTR, token.GEQ, token.NEQ:
		return cpuExpr(info, cond.X, 0) || cpuExpr(info, cond.Y, 0)
	}
	return false
}

// cpuValue reports whether v is computed from the CPU count (see
// cpuBounded). Of a phi, one CPU-bounded edge is enough: code that caps a
// CPU count (n := NumCPU(); if n > len(jobs) { n = len(jobs) }) merges it
// with the cap.
func cpuValue(v ssa.Value, depth int) bool {
	if depth > 8 {
		return false
	}
	switch v := v.(type) {
	case *ssa.Call:
		if b, ok := v.Call.Value.(*ssa.Builtin); ok {
			return cpuArgs(b.Name(), v.Call.Args, func(a ssa.Value) bool { return cpuValue(a, depth+1) },
				func(a ssa.Value) bool { _, ok := a.(*ssa.Const); return ok })
		}
		return isCPUCount(calleeObj(&v.Call))
	case *ssa.BinOp:
		_, xConst := v.X.(*ssa.Const)
		_, yConst := v.Y.(*ssa.Const)
		return arithmetic(v.Op) && (yConst && cpuValue(v.X, depth+1) || xConst && cpuValue(v.Y, depth+1))
	case *ssa.Convert:
		return cpuValue(v.X, depth+1)
	case *ssa.Phi:
		for _, e := range v.Edges {
			if cpuValue(e, depth+1) {
				return true
			}
		}
	}
	return false
}

// cpuExpr is cpuValue on syntax.
func cpuExpr(info *types.Info, e ast.Expr, depth int) bool {
	if depth > 8 {
		return false
	}
	isConst := func(e ast.Expr) bool { return info.Types[e].Value != nil }
	rec := func(e ast.Expr) bool { return cpuExpr(info, e, depth+1) }
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if tv := info.Types[e.Fun]; tv.IsType() && len(e.Args) == 1 {
			return rec(e.Args[0])
		}
		switch fn := typeutil.Callee(info, e).(type) {
		case *types.Builtin:
			return cpuArgs(fn.Name(), e.Args, rec, isConst)
		case *types.Func:
			return isCPUCount(fn)
		}
	case *ast.BinaryExpr:
		return arithmetic(e.Op) && (isConst(e.Y) && rec(e.X) || isConst(e.X) && rec(e.Y))
	}
	return false
}

// cpuArgs applies the rules of min and max to the arguments of a builtin
// call: min is bounded by any bounded argument, max only if all are
// bounded or constant.
func cpuArgs[T any](builtin string, args []T, bounded, isConst func(T) bool) bool {
	switch builtin {
	case "min":
		for _, a := range args {
			if bounded(a) {
				return true
			}
		}
	case "max":
		some := false
		for _, a := range args {
			switch {
			case bounded(a):
				some = true
			case !isConst(a):
				return false
			}
		}
		return some
	}
	return false
}

func arithmetic(op token.Token) bool {
	switch op {
	case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.SHL, token.SHR:
		return true
	}
	return false
}

