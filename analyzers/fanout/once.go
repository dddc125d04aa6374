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

// At most one goroutine per run of the loop, and goroutines the
// iteration talks to through a pipe (layer 2).

// atMostOnce reports whether x runs on at most one iteration of l: it
// only runs when a counter of l equals a fixed value (if n == 2), or in
// the select case of a timer made before the loop, which fires once.
func (c *checker) atMostOnce(l *loops.Loop, x ssa.Instruction) bool {
	for _, b := range l.Blocks() {
		ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		then := b.Succs[0]
		if len(then.Preds) != 1 || !then.Dominates(x.Block()) {
			continue
		}
		cond, ok := ifInstr.Cond.(*ssa.BinOp)
		if !ok || cond.Op != token.EQL {
			continue
		}
		if counterEquals(l, cond, then) || firesOnce(l, cond) {
			return true
		}
	}
	return false
}

// counterEquals reports whether cond compares a counter of l, offset by
// a constant, with a value fixed during the loop, where the counter
// moves on every iteration that runs from.
func counterEquals(l *loops.Loop, cond *ssa.BinOp, from *ssa.BasicBlock) bool {
	return isCounter(l, cond.X, from) && !definedIn(l, cond.Y) || isCounter(l, cond.Y, from) && !definedIn(l, cond.X)
}

// isCounter reports whether v is c or c±k for a phi c at l's header
// that only ever moves in one direction, by constant steps, and moves
// on every iteration that runs from: then it equals a given value on
// one such iteration at most. Iterations that skip from may leave it
// alone (a counter of the messages that pass a filter).
func isCounter(l *loops.Loop, v ssa.Value, from *ssa.BasicBlock) bool {
	if base, _, ok := irutil.Offset(v); ok {
		v = base
	}
	phi, ok := v.(*ssa.Phi)
	if !ok || phi.Block() != l.Header {
		return false
	}
	m := counterMoves{l: l, counter: phi, from: from}
	return l.NextValues(phi, m.next) && m.steps > 0
}

// counterMoves checks the values a counter phi receives back from the
// iterations of its loop.
type counterMoves struct {
	l       *loops.Loop
	counter *ssa.Phi
	from    *ssa.BasicBlock
	sign    int // the direction of the steps seen so far, or 0
	steps   int // how many steps were seen
}

// next checks v, a next value of the counter coming from pred: the
// counter stepped by a constant in the same direction as the other
// steps, or unchanged on a path that does not run from.
func (m *counterMoves) next(v ssa.Value, pred *ssa.BasicBlock) bool {
	if v == m.counter {
		return !reachesInIteration(m.l, m.from, pred)
	}
	s, ok := constantStep(m.counter, v)
	switch {
	case !ok, s == 0, m.sign > 0 && s < 0, m.sign < 0 && s > 0:
		return false
	case s > 0:
		m.sign = 1
	default:
		m.sign = -1
	}
	m.steps++
	return true
}

// constantStep returns k if edge is phi+k or phi-k (as -k) for a
// constant k.
func constantStep(phi *ssa.Phi, edge ssa.Value) (int64, bool) {
	base, step, ok := irutil.Offset(edge)
	return step, ok && base == phi
}

// reachesInIteration reports whether the block to can run after from in
// the same iteration of l.
func reachesInIteration(l *loops.Loop, from, to *ssa.BasicBlock) bool {
	return from == to || l.InIteration(from)[to]
}

// firesOnce reports whether cond selects the case of a select that
// receives from a timer's channel made before l and not reset in it
// (time.NewTimer(d).C, time.After(d)).
func firesOnce(l *loops.Loop, cond *ssa.BinOp) bool {
	sel, i, ok := selectCase(cond)
	if !ok || sel.States[i].Dir != types.RecvOnly {
		return false
	}
	return oneShot(l, sel.States[i].Chan) && !resetsTimer(l)
}

// oneShot reports whether ch is the channel of a timer made before l:
// t.C of a *time.Timer, or the result of time.After.
func oneShot(l *loops.Loop, ch ssa.Value) bool {
	if call, ok := irutil.Stored(ch).(*ssa.Call); ok {
		return isFunc(calleeObj(&call.Call), "time", "After") && !definedIn(l, call)
	}
	load, ok := ch.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok || !isTimer(fa.X.Type()) {
		return false
	}
	timer := fa.X
	if ld, ok := timer.(*ssa.UnOp); ok && ld.Op == token.MUL {
		if alloc, ok := ld.X.(*ssa.Alloc); ok && !slices.ContainsFunc(storesInto(alloc), func(st *ssa.Store) bool { return l.ContainsInstr(st) }) {
			return true
		}
	}
	return !definedIn(l, timer)
}

// isTimer reports whether t is *time.Timer.
func isTimer(t types.Type) bool {
	p, ok := t.Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	named, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && named.Obj().Name() == "Timer" && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "time"
}

// resetsTimer reports whether l resets a timer in a way that can make it
// fire again. Resetting a timer that Stop has just stopped before it
// fired (if t.Stop() { t.Reset(0) }) only moves its single firing.
func resetsTimer(l *loops.Loop) bool {
	for _, instr := range l.Instrs() {
		if call, ok := instr.(*ssa.Call); ok && isMethod(calleeObj(&call.Call), "time", "Timer", "Reset") && !afterStop(l, call) {
			return true
		}
	}
	return false
}

// afterStop reports whether reset, a t.Reset call, only runs when t.Stop
// reported that t had not fired yet.
func afterStop(l *loops.Loop, reset *ssa.Call) bool {
	timer := variableOf(reset.Call.Args[0])
	for _, b := range l.Blocks() {
		ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		stop, ok := ifInstr.Cond.(*ssa.Call)
		if !ok || !isMethod(calleeObj(&stop.Call), "time", "Timer", "Stop") || variableOf(stop.Call.Args[0]) != timer {
			continue
		}
		if then := b.Succs[0]; len(then.Preds) == 1 && then.Dominates(reset.Block()) {
			return true
		}
	}
	return false
}

// pipedInIteration reports whether the goroutine started at x is one end
// of a pipe whose other end the iteration of l uses: a call in l, before
// x, returns two connected values (io.Pipe, net.Pipe, os.Pipe), the
// goroutine gets one and the iteration reads or writes the other, so
// the goroutine lives about as long as the iteration talks to it.
func (c *checker) pipedInIteration(l *loops.Loop, x ssa.Instruction) bool {
	inputs := goroutineInputs(x)
	for _, in := range inputs {
		ext, ok := in.(*ssa.Extract)
		if !ok || !isStream(ext.Type()) {
			continue
		}
		call, ok := ext.Tuple.(*ssa.Call)
		if !ok || !l.ContainsInstr(call) || !irutil.Precedes(call, x) {
			continue
		}
		for _, ref := range *call.Referrers() {
			other, ok := ref.(*ssa.Extract)
			if ok && other.Index != ext.Index && isStream(other.Type()) && usedBesides(other, inputs) {
				return true
			}
		}
	}
	return false
}

// goroutineInputs returns the values the function started or called at
// x receives: its arguments, the variables its closure (or a closure
// argument) captures, and the values stored in those variables.
func goroutineInputs(x ssa.Instruction) []ssa.Value {
	var call *ssa.CallCommon
	switch x := x.(type) {
	case *ssa.Go:
		call = &x.Call
	case *ssa.Call:
		call = &x.Call
	default:
		return nil
	}
	var ins []ssa.Value
	add := func(v ssa.Value) {
		v = irutil.Unconvert(v)
		ins = append(ins, v)
		if alloc, ok := v.(*ssa.Alloc); ok {
			ins = append(ins, storedValues(alloc)...)
		}
	}
	closure := func(v ssa.Value) {
		if mc, ok := v.(*ssa.MakeClosure); ok {
			for _, b := range mc.Bindings {
				add(b)
			}
		}
	}
	closure(call.Value)
	for _, arg := range call.Args {
		add(arg)
		closure(arg)
	}
	return ins
}

// usedBesides reports whether v is used other than by being stored into
// one of the goroutine's captured variables.
func usedBesides(v ssa.Value, inputs []ssa.Value) bool {
	for _, ref := range *v.Referrers() {
		st, ok := ref.(*ssa.Store)
		if !ok || !slices.Contains(inputs, st.Addr) {
			return true
		}
	}
	return false
}

// isStream reports whether values of type t can be read or written.
func isStream(t types.Type) bool {
	for _, name := range []string{"Read", "Write"} {
		if obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name); obj != nil {
			if _, isFunc := obj.(*types.Func); isFunc {
				return true
			}
		}
	}
	return false
}

// variableOf returns the variable a channel is loaded from (a captured
// local or free variable), or the channel itself.
func variableOf(ch ssa.Value) ssa.Value {
	if load, ok := ch.(*ssa.UnOp); ok && load.Op == token.MUL {
		return load.X
	}
	return ch
}

// flagOnce reports whether x runs only while a flag holds that the
// iteration clears whenever it runs x, and that nothing in the loop
// sets again: if !started { started = true; go run() }, or a flag read
// and cleared through methods of this package (wasRecovering :=
// js.isRecovering(); js.clearRecovering(); if wasRecovering { go ... }).
func (c *checker) flagOnce(l *loops.Loop, x ssa.Instruction) bool {
	for _, b := range l.Blocks() {
		ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		for i, then := range b.Succs {
			if len(then.Preds) != 1 || !then.Dominates(x.Block()) {
				continue
			}
			cond, holds := ifInstr.Cond, i == 0 // the flag's value on the way to x
			if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
				cond, holds = not.X, !holds
			}
			if phi, ok := cond.(*ssa.Phi); ok && phi.Block() == l.Header {
				if l.NextValues(phi, func(v ssa.Value, _ *ssa.BasicBlock) bool { return v == phi || isBool(v, !holds) }) {
					return true
				}
				continue
			}
			if p, ok := c.flagPlace(cond); ok && c.stores(l, p, !holds, x) && !c.stores(l, p, holds, nil) {
				return true
			}
		}
	}
	return false
}

// flagPlace returns where the flag cond is read from: a variable or
// field, or the field of its receiver that a method of this package
// returns.
func (c *checker) flagPlace(cond ssa.Value) (place, bool) {
	switch v := cond.(type) {
	case *ssa.UnOp:
		return addressPlace(v.X), v.Op == token.MUL
	case *ssa.Call:
		callee := c.callee(&v.Call)
		if callee == nil || callee.Signature.Recv() == nil {
			return place{}, false
		}
		var fields string
		for i, r := range irutil.Returned(callee) {
			load, ok := irutil.Stored(r).(*ssa.UnOp) // through the result slot of a function with defers
			if !ok || load.Op != token.MUL {
				return place{}, false
			}
			p := addressPlace(load.X)
			if p.root != callee.Params[0] || i > 0 && p.fields != fields {
				return place{}, false
			}
			fields = p.fields
		}
		return fieldOf(v.Call.Args[0], fields), fields != ""
	}
	return place{}, false
}

// fieldOf returns the place of the fields, as addressPlace spells them,
// of the object that r points to.
func fieldOf(r ssa.Value, fields string) place {
	if load, ok := unchangeType(r).(*ssa.UnOp); ok && load.Op == token.MUL {
		p := addressPlace(load.X)
		return place{p.root, fields + p.fields}
	}
	return place{unchangeType(r), fields}
}

// stores reports whether l stores the boolean val into the flag at p,
// itself or through a method of this package on the flag's object; with
// x not nil, only where the store runs whenever x runs, before or after.
func (c *checker) stores(l *loops.Loop, p place, val bool, x ssa.Instruction) bool {
	around := func(instr ssa.Instruction) bool {
		return x == nil || irutil.Precedes(instr, x) || irutil.Precedes(x, instr)
	}
	return slices.ContainsFunc(l.Instrs(), func(instr ssa.Instruction) bool {
		switch instr := instr.(type) {
		case *ssa.Store:
			return addressPlace(instr.Addr) == p && isBool(instr.Val, val) && around(instr)
		case *ssa.Call:
			callee := c.callee(&instr.Call)
			if callee == nil || callee.Signature.Recv() == nil || !around(instr) {
				return false
			}
			return anyNestedInstr(callee, func(in ssa.Instruction) bool {
				st, ok := in.(*ssa.Store)
				if !ok || !isBool(st.Val, val) {
					return false
				}
				q := addressPlace(st.Addr)
				return (q.root == callee.Params[0] || spilled(q.root) == callee.Params[0]) && fieldOf(instr.Call.Args[0], q.fields) == p
			})
		}
		return false
	})
}

// isBool reports whether v is the boolean constant b.
func isBool(v ssa.Value, b bool) bool {
	k, ok := v.(*ssa.Const)
	return ok && k.Value != nil && k.Value.Kind() == constant.Bool && constant.BoolVal(k.Value) == b
}
