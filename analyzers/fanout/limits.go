package fanout

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
)

// Counters against limits (layer 2): a counter of running goroutines
// checked against a limit before each start, and a select case that
// switches itself off until the goroutine it started has answered.

// counterLimited reports whether a test of a counter against a limit
// fixed during l guards x: when the counter has reached the limit, the
// iteration does not reach x (break, continue, return) or waits before
// it (a receive, a Wait). The counter is one that l increments. Either
// something decrements it as goroutines finish, so that it counts the
// goroutines running, or the limit is a constant or the CPU count, so
// that it caps how many start, as a pool's size does. A count that only
// grows towards a limit from the data bounds nothing more than the
// loop's trip count does.
//
//	if running >= limit { <-done; running-- }
//	running++
//	go work(job)
func (c *checker) counterLimited(l *loops.Loop, x ssa.Instruction) bool {
	for _, b := range l.Blocks() {
		ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok || !b.Dominates(x.Block()) {
			continue
		}
		cond, ok := ifInstr.Cond.(*ssa.BinOp)
		if !ok {
			continue
		}
		counter, limit, reached, ok := c.limitTest(l, cond)
		if base, _, isOffset := irutil.Offset(counter); isOffset {
			counter = base // a range index is the header's phi plus one
		}
		if !ok || !incremented(l, counter) {
			continue
		}
		running := c.decremented(l, counter)
		if !running && c.ofData(limit) {
			continue
		}
		switch {
		case !l.Contains(reached):
			return true // the loop ends at the limit
		case cond.Op == token.EQL || cond.Op == token.NEQ:
			// Past the limit an equality holds no more: waiting
			// there bounds the loop only if the count comes back.
			if running && c.waitsFrom(l, reached) {
				return true
			}
		case !reachesInIteration(l, reached, x.Block()) || c.waitsFrom(l, reached):
			return true
		}
	}
	return false
}

// limitTest splits cond, which ends a block of l, into a counter and a
// limit fixed during l, and returns them with the successor taken when
// the counter has reached the limit (counter >= limit, counter == limit,
// limit <= counter, ...).
func (c *checker) limitTest(l *loops.Loop, cond *ssa.BinOp) (counter, limit ssa.Value, reached *ssa.BasicBlock, ok bool) {
	succs := cond.Block().Succs
	atLimit := func(op token.Token) *ssa.BasicBlock {
		switch op {
		case token.GEQ, token.GTR, token.EQL:
			return succs[0]
		case token.LSS, token.LEQ, token.NEQ:
			return succs[1]
		}
		return nil
	}
	switch {
	case c.fixedIn(l, cond.Y) && definedIn(l, cond.X):
		counter, limit, reached = cond.X, cond.Y, atLimit(cond.Op)
	case c.fixedIn(l, cond.X) && definedIn(l, cond.Y):
		counter, limit, reached = cond.Y, cond.X, atLimit(irutil.Mirror(cond.Op))
	}
	return counter, limit, reached, reached != nil
}

// fixedIn reports whether v keeps its value during l: it is computed
// before l, by a call of another package on values computed before l
// (runtime.NumCPU()), or loaded in l from a variable or field that l
// does not store to (a limit kept in a field, s.max).
func (c *checker) fixedIn(l *loops.Loop, v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.Call:
		_, builtin := v.Call.Value.(*ssa.Builtin)
		return !builtin && c.callee(&v.Call) == nil && !slices.ContainsFunc(v.Call.Args, func(a ssa.Value) bool { return definedIn(l, a) })
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return false
		}
		p := addressPlace(v.X)
		return !slices.ContainsFunc(l.Instrs(), func(instr ssa.Instruction) bool {
			st, ok := instr.(*ssa.Store)
			return ok && addressPlace(st.Addr) == p
		})
	}
	return !definedIn(l, v)
}

// incremented reports whether l adds a positive constant to counter: a
// phi at l's header (a local variable), a value loaded from a variable
// or field that l stores the sum back into, or the Load of a sync/atomic
// integer that l calls Add on.
func incremented(l *loops.Loop, counter ssa.Value) bool {
	switch v := counter.(type) {
	case *ssa.Phi:
		return v.Block() == l.Header && phiIncremented(l, v)
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return false
		}
		p := addressPlace(v.X)
		for _, instr := range l.Instrs() {
			if st, ok := instr.(*ssa.Store); ok && addressPlace(st.Addr) == p && isIncrement(st.Val) {
				return true
			}
		}
	case *ssa.Call:
		load := calleeObj(&v.Call)
		if load == nil || load.Name() != "Load" || !isAtomicInt(load) {
			return false
		}
		p := receiverPlace(&v.Call)
		for _, instr := range l.Instrs() {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			add := calleeObj(&call.Call)
			if add != nil && add.Name() == "Add" && isAtomicInt(add) && receiverPlace(&call.Call) == p {
				return true
			}
		}
	}
	return false
}

// decremented reports whether something decreases counter: l itself
// (running-- after waiting for a goroutine), the function holding l or
// a function nested in it (a goroutine's deferred running--), or, for a
// field, any function of the package (a handler's done method).
func (c *checker) decremented(l *loops.Loop, counter ssa.Value) bool {
	switch v := counter.(type) {
	case *ssa.Phi:
		return phiDecremented(l, v)
	case *ssa.UnOp:
		if fa, ok := v.X.(*ssa.FieldAddr); ok {
			return c.fieldsDecremented()[fieldVar(fa)]
		}
		return storesDecrement(l.Fn, addressPlace(v.X))
	case *ssa.Call:
		if fa, ok := receiver(&v.Call).(*ssa.FieldAddr); ok {
			return c.fieldsDecremented()[fieldVar(fa)]
		}
	}
	return false
}

// phiDecremented reports whether an instruction of l subtracts a
// constant from phi.
func phiDecremented(l *loops.Loop, phi *ssa.Phi) bool {
	for _, instr := range l.Instrs() {
		if diff, ok := instr.(*ssa.BinOp); ok {
			if base, step, ok := irutil.Offset(diff); ok && base == phi && step < 0 {
				return true
			}
		}
	}
	return false
}

// storesDecrement reports whether fn, or a function nested in it,
// stores a decreased value into the variable at p.
func storesDecrement(fn *ssa.Function, p place) bool {
	return anyNestedInstr(fn, func(instr ssa.Instruction) bool {
		st, ok := instr.(*ssa.Store)
		return ok && isDecrement(st.Val) && addressPlace(st.Addr) == p
	})
}

// isDecrement reports whether v is x - k for a positive constant k.
func isDecrement(v ssa.Value) bool {
	_, step, ok := irutil.Offset(v)
	return ok && step < 0
}

// fieldVar returns the struct field that fa addresses.
func fieldVar(fa *ssa.FieldAddr) *types.Var {
	st, ok := irutil.CoreType(irutil.Deref(fa.X.Type())).(*types.Struct)
	if !ok || fa.Field >= st.NumFields() {
		return nil
	}
	return st.Field(fa.Field)
}

// fieldsDecremented returns the fields that the package decreases
// anywhere: x.n--, x.n -= k, or x.n.Add(-k) on a sync/atomic integer.
func (c *checker) fieldsDecremented() map[*types.Var]bool {
	if c.decrements != nil {
		return c.decrements
	}
	c.decrements = make(map[*types.Var]bool)
	for _, fn := range c.ir.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				var fa *ssa.FieldAddr
				switch instr := instr.(type) {
				case *ssa.Store:
					if isDecrement(instr.Val) {
						fa, _ = instr.Addr.(*ssa.FieldAddr)
					}
				case *ssa.Call:
					if obj := calleeObj(&instr.Call); obj != nil && obj.Name() == "Add" && isAtomicInt(obj) &&
						len(instr.Call.Args) == 2 && isNegative(instr.Call.Args[1]) {
						fa, _ = instr.Call.Args[0].(*ssa.FieldAddr)
					}
				}
				if fa != nil {
					c.decrements[fieldVar(fa)] = true
				}
			}
		}
	}
	return c.decrements
}

// isNegative reports whether v is a negative constant.
func isNegative(v ssa.Value) bool {
	k, ok := v.(*ssa.Const)
	return ok && k.Value != nil && k.Value.Kind() == constant.Int && constant.Sign(k.Value) < 0
}

// phiIncremented reports whether an instruction of l adds a positive
// constant to phi, or to a phi of l that merges it (running-- on one
// branch, then running++).
func phiIncremented(l *loops.Loop, phi *ssa.Phi) bool {
	for _, instr := range l.Instrs() {
		sum, ok := instr.(*ssa.BinOp)
		if !ok || !isIncrement(sum) {
			continue
		}
		if sum.X == phi {
			return true
		}
		if inner, ok := sum.X.(*ssa.Phi); ok && l.ContainsInstr(inner) {
			for _, e := range inner.Edges {
				if base, _, ok := irutil.Offset(e); e == phi || ok && base == phi {
					return true
				}
			}
		}
	}
	return false
}

// isIncrement reports whether v is x + k for a positive constant k.
func isIncrement(v ssa.Value) bool {
	_, step, ok := irutil.Offset(v)
	return ok && step > 0
}

// isAtomicInt reports whether fn is a method of one of sync/atomic's
// integer types.
func isAtomicInt(fn *types.Func) bool {
	for _, t := range []string{"Int32", "Int64", "Uint32", "Uint64", "Uintptr"} {
		if isMethod(fn, "sync/atomic", t, fn.Name()) {
			return true
		}
	}
	return false
}

// waitsFrom reports whether a block of l that from dominates waits: a
// receive, a blocking select or a Wait call.
func (c *checker) waitsFrom(l *loops.Loop, from *ssa.BasicBlock) bool {
	for _, b := range l.Blocks() {
		if !from.Dominates(b) {
			continue
		}
		for _, instr := range b.Instrs {
			if c.isJoin(instr) {
				return true
			}
		}
	}
	return false
}

// selfDisabled reports whether x runs in a select case that switches
// itself off until the goroutine x starts has answered: the case
// receives from a variable of l that the case sets to nil, and that
// becomes a channel again only after a case that receives from a
// channel the goroutine sends to. One goroutine runs at a time.
//
//	case <-tick:
//		tick = nil
//		go check(results)
//	case ok := <-results:
//		tick = ticker.C
func (c *checker) selfDisabled(l *loops.Loop, x ssa.Instruction, ln launch) bool {
	answers := c.sentBy(ln)
	if len(answers) == 0 {
		return false
	}
	for _, b := range l.Blocks() {
		if !b.Dominates(x.Block()) {
			continue
		}
		for _, instr := range b.Instrs {
			sel, ok := instr.(*ssa.Select)
			if !ok {
				continue
			}
			for i, st := range sel.States {
				phi, ok := st.Chan.(*ssa.Phi)
				if ok && st.Dir == types.RecvOnly && phi.Block() == l.Header && caseLeadsTo(sel, i, x) &&
					switchedOff(l, phi, x.Block(), sel, answers) {
					return true
				}
			}
		}
	}
	return false
}

// switchedOff reports whether every value the channel variable phi takes
// back from an iteration of l is nil when the iteration ran from, and,
// when it is another channel, is set after sel chose a case receiving
// from one of answers.
func switchedOff(l *loops.Loop, phi *ssa.Phi, from *ssa.BasicBlock, sel *ssa.Select, answers map[place]bool) bool {
	return l.NextValues(phi, func(v ssa.Value, pred *ssa.BasicBlock) bool {
		if k, ok := v.(*ssa.Const); ok && k.IsNil() {
			return true
		}
		if reachesInIteration(l, from, pred) {
			return false // the case leaves the channel on
		}
		return v == phi || afterAnswer(sel, pred, answers)
	})
}

// afterAnswer reports whether b only runs after sel chose a case that
// receives from one of answers.
func afterAnswer(sel *ssa.Select, b *ssa.BasicBlock, answers map[place]bool) bool {
	last := b.Instrs[len(b.Instrs)-1]
	for i, st := range sel.States {
		if st.Dir == types.RecvOnly && answers[placeOf(st.Chan)] && caseLeadsTo(sel, i, last) {
			return true
		}
	}
	return false
}

// sentBy returns the places of the channels that the goroutine ln
// starts sends to, itself or in a function it nests (a deferred send).
func (c *checker) sentBy(ln launch) map[place]bool {
	sent := make(map[place]bool)
	c.goroutineDoes(ln, func(instr ssa.Instruction, bind binder) bool {
		if send, ok := instr.(*ssa.Send); ok {
			sent[bind.place(placeOf(send.Chan))] = true
		}
		return false
	})
	return sent
}
