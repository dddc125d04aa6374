package fanout

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/tripcount"
)

// Layer 3: long-lived goroutines are not tasks. Nothing bounds how many
// run, and nothing should: each is one per resource, and a limit would
// leave resources unserved or chain their shutdowns.

// acceptsBefore reports whether the iteration of l obtains a new
// connection before x: it accepts one, or receives one from a channel
// fed by accepts, in the select case that runs x if it is a select.
func (c *checker) acceptsBefore(x ssa.Instruction, l *loops.Loop) bool {
	if c.dominatedBy(x, l, accepts) {
		return true
	}
	for _, b := range l.Blocks() {
		if !b.Dominates(x.Block()) {
			continue
		}
		for _, instr := range b.Instrs {
			if sel, ok := instr.(*ssa.Select); ok && c.selectsConnection(sel, x) {
				return true
			}
		}
	}
	return false
}

// isAccept reports whether instr accepts a connection: a call of a
// method whose name starts with Accept (net.Listener.Accept, AcceptTCP,
// ...), directly or in a same-package function, or a receive from a
// channel of accepted connections.
func (c *checker) isAccept(instr ssa.Instruction) bool {
	switch instr := instr.(type) {
	case *ssa.Call:
		return isAcceptCall(&instr.Call) || c.calleeHas(&instr.Call, accepts)
	case *ssa.UnOp:
		return instr.Op == token.ARROW && c.carriesConnections(instr.X)
	}
	return false
}

// selectsConnection reports whether sel receives a connection from a
// channel of accepted connections in the case that leads to x.
func (c *checker) selectsConnection(sel *ssa.Select, x ssa.Instruction) bool {
	for i, st := range sel.States {
		if st.Dir == types.RecvOnly && c.carriesConnections(st.Chan) && caseLeadsTo(sel, i, x) {
			return true
		}
	}
	return false
}

// caseLeadsTo reports whether x only runs after sel chose its case i:
// the branch that tests the chosen index against i dominates x.
func caseLeadsTo(sel *ssa.Select, i int, x ssa.Instruction) bool {
	if sel.Blocking && len(sel.States) == 1 {
		return true
	}
	for _, ref := range *sel.Referrers() {
		ext, ok := ref.(*ssa.Extract)
		if !ok || ext.Index != 0 {
			continue
		}
		for _, ref := range *ext.Referrers() {
			cmp, ok := ref.(*ssa.BinOp)
			if !ok {
				continue
			}
			if s, k, ok := selectCase(cmp); !ok || s != sel || k != i {
				continue
			}
			for _, ref := range *cmp.Referrers() {
				if ifInstr, ok := ref.(*ssa.If); ok {
					then := ifInstr.Block().Succs[0]
					if len(then.Preds) == 1 && then.Dominates(x.Block()) {
						return true
					}
				}
			}
		}
	}
	return false
}

// selectCase decodes cond as the test of a select's chosen case: the
// index a select returns compared equal to the constant i.
func selectCase(cond *ssa.BinOp) (sel *ssa.Select, i int, ok bool) {
	index, k := cond.X, cond.Y
	if _, isConst := index.(*ssa.Const); isConst {
		index, k = k, index
	}
	ext, ok := index.(*ssa.Extract)
	kc, isConst := k.(*ssa.Const)
	if cond.Op != token.EQL || !ok || !isConst || ext.Index != 0 || kc.Value == nil || kc.Value.Kind() != constant.Int {
		return nil, 0, false
	}
	sel, ok = ext.Tuple.(*ssa.Select)
	n := kc.Int64()
	if !ok || n < 0 || n >= int64(len(sel.States)) {
		return nil, 0, false
	}
	return sel, int(n), true
}

// carriesConnections reports whether ch is a channel made in this
// package that holds accepted connections only: it never leaves the
// function that makes it and the closures that capture it, and every
// value sent into it comes straight from an accept.
func (c *checker) carriesConnections(ch ssa.Value) bool {
	mc, ok := irutil.Stored(ch).(*ssa.MakeChan)
	if !ok {
		return false
	}
	sends := 0
	only := channelUses(mc, 0, func(sent ssa.Value) bool {
		sends++
		return c.accepted(sent)
	})
	return only && sends > 0
}

// accepted reports whether v is a connection that an accept returned.
func (c *checker) accepted(v ssa.Value) bool {
	v = irutil.Unconvert(v)
	if ext, ok := v.(*ssa.Extract); ok && ext.Index == 0 {
		v = ext.Tuple
	}
	call, ok := v.(*ssa.Call)
	return ok && (isAcceptCall(&call.Call) || c.calleeHas(&call.Call, accepts))
}

// channelUses follows the channel v through the local variables and
// closures it is kept in and conversions of its type, and calls sent
// with each value sent into it. It returns false if sent does, or if
// the channel goes anywhere it cannot follow: into a call, a field or a
// second variable, or sent itself.
func channelUses(v ssa.Value, depth int, sent func(ssa.Value) bool) bool {
	if depth > 8 {
		return false
	}
	for _, ref := range *v.Referrers() {
		var ok bool
		switch ref := ref.(type) {
		case *ssa.Send:
			ok = ref.Chan == v && sent(ref.X)
		case *ssa.Select:
			ok = selectUses(ref, v, sent)
		case *ssa.UnOp:
			ok = ref.Op == token.ARROW
		case *ssa.Call:
			ok = irutil.IsBuiltin(&ref.Call, "close", "len", "cap")
		case *ssa.Defer:
			ok = irutil.IsBuiltin(&ref.Call, "close")
		case *ssa.ChangeType:
			ok = channelUses(ref, depth+1, sent)
		case *ssa.Store:
			ok = ref.Val == v && variableUses(ref.Addr, depth+1, sent)
		}
		if !ok {
			return false
		}
	}
	return true
}

// selectUses reports whether sel only sends and receives on v, and sent
// accepts what it sends.
func selectUses(sel *ssa.Select, v ssa.Value, sent func(ssa.Value) bool) bool {
	for _, st := range sel.States {
		if st.Send == v || st.Chan == v && st.Dir == types.SendOnly && !sent(st.Send) {
			return false
		}
	}
	return true
}

// variableUses follows a channel stored in the local variable addr (or
// captured as the free variable addr) through loads and captures; the
// variable must hold nothing else.
func variableUses(addr ssa.Value, depth int, sent func(ssa.Value) bool) bool {
	switch addr := addr.(type) {
	case *ssa.Alloc:
		if irutil.OnlyStore(addr) == nil {
			return false
		}
	case *ssa.FreeVar:
	default:
		return false
	}
	_, local := addr.(*ssa.Alloc)
	for _, ref := range *addr.Referrers() {
		var ok bool
		switch ref := ref.(type) {
		case *ssa.Store:
			// The one store that puts the channel there; a closure
			// storing into the captured variable puts something else.
			ok = ref.Addr == addr && local
		case *ssa.UnOp:
			ok = ref.Op == token.MUL && channelUses(ref, depth+1, sent)
		case *ssa.MakeClosure:
			ok = capturedUses(ref, addr, depth+1, sent)
		}
		if !ok {
			return false
		}
	}
	return true
}

// capturedUses follows the variable addr into the closure mc makes.
func capturedUses(mc *ssa.MakeClosure, addr ssa.Value, depth int, sent func(ssa.Value) bool) bool {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return false
	}
	for i, b := range mc.Bindings {
		if b == addr && (i >= len(fn.FreeVars) || !variableUses(fn.FreeVars[i], depth, sent)) {
			return false
		}
	}
	return true
}

// longLived reports whether the goroutine ln starts runs until told to
// stop rather than doing one task: its body, or a same-package function
// it calls directly, runs an event loop (one that receives, selects, or reads or
// accepts from a value given to it), or it runs a server's blocking call
// (Serve, ListenAndServe) or stops one (Shutdown). Such goroutines are
// one per listener, connection, subscription or poller, and a limit on
// them would leave some unserved, or chain the grace periods of a
// parallel shutdown. A loop over finite data is a task's, not an event
// loop.
func (c *checker) longLived(ln launch) bool {
	if call, ok := ln.instr.(*ssa.Go); ok && ln.body == nil && servesUntilStopped(calleeObj(&call.Call)) {
		return true
	}
	return ln.body != nil && c.runsUntilStopped(ln.body, 0, make(map[*ssa.Function]bool))
}

// runsUntilStopped reports whether fn, or a function of this package it
// calls itself, runs an event loop or makes a serve call. Deeper calls
// are not followed: a task may well call something that, somewhere down,
// waits for events.
func (c *checker) runsUntilStopped(fn *ssa.Function, depth int, seen map[*ssa.Function]bool) bool {
	if seen[fn] || depth > 1 {
		return false
	}
	seen[fn] = true
	if slices.ContainsFunc(c.forest.Of(fn), c.eventLoop) {
		return true
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			callee := c.callee(&call.Call)
			if callee == nil && servesUntilStopped(calleeObj(&call.Call)) ||
				callee != nil && c.runsUntilStopped(callee, depth+1, seen) {
				return true
			}
		}
	}
	return false
}

// eventLoop reports whether l has no count and waits for events on
// every iteration: it ranges over a channel, receives, selects, or calls
// a Read..., Recv... or Accept... method.
func (c *checker) eventLoop(l *loops.Loop) bool {
	if c.counts.Of(l).Kind != tripcount.Unknown || l.Kind == loops.RangeFunc || c.counted(l) {
		return false
	}
	return slices.ContainsFunc(l.Instrs(), func(instr ssa.Instruction) bool {
		switch instr := instr.(type) {
		case *ssa.UnOp:
			return instr.Op == token.ARROW
		case *ssa.Select:
			return true
		case *ssa.Call:
			obj := calleeObj(&instr.Call)
			return obj != nil && obj.Signature().Recv() != nil &&
				slices.ContainsFunc([]string{"Read", "Recv", "Accept"}, func(p string) bool { return strings.HasPrefix(obj.Name(), p) })
		}
		return false
	})
}
