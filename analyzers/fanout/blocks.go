package fanout

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
)

// Layer 2: the iteration blocks, before it starts the next goroutine, on
// something a started goroutine releases. Then no more goroutines run at
// once than the thing admits: a buffered channel's capacity, a
// semaphore's or throttle's size, the one goroutine joined before the
// next starts, the limit a counter is tested against.

// blocksBeforeNext reports whether the iteration of l that starts ln at
// x (ln's own instruction, or the call of the closure that starts it)
// blocks on a started goroutine before the next start, or starts at most
// one goroutine per run of the loop.
func (c *checker) blocksBeforeNext(l *loops.Loop, x ssa.Instruction, ln launch) bool {
	return c.dominatedBy(x, l, acquires) || c.pairedBefore(l, x, ln) || c.joinsAfter(x, l) || c.waitsBefore(l, x) ||
		c.acceptsBefore(x, l) || c.counterLimited(l, x) || c.selfDisabled(l, x, ln) ||
		c.atMostOnce(l, x) || c.flagOnce(l, x) || c.pipedInIteration(l, x)
}

// effect is something an instruction, or a function it calls, does.
type effect int

const (
	acquires effect = iota // takes a slot: a send on a buffered channel, a semaphore's Acquire
	joins                  // waits for goroutines or results: a receive, a Wait
	accepts                // accepts a network connection
)

type effectKey struct {
	fn *ssa.Function
	e  effect
}

// has reports whether instr has effect e, itself or through the
// same-package function it calls.
func (c *checker) has(instr ssa.Instruction, e effect) bool {
	switch e {
	case acquires:
		return c.isAcquire(instr)
	case joins:
		return c.isJoin(instr)
	case accepts:
		return c.isAccept(instr)
	}
	return false
}

var releaseNames = []string{"Release", "Unlock", "RUnlock", "Done", "Signal", "Broadcast"}

// calleeHas reports whether the same-package function call invokes has
// an instruction with effect e, following its calls in turn. Results are
// memoized per function; a recursive call counts as not having it.
func (c *checker) calleeHas(call *ssa.CallCommon, e effect) bool {
	callee := c.callee(call)
	if callee == nil {
		return false
	}
	key := effectKey{callee, e}
	if done, ok := c.effects[key]; ok {
		return done
	}
	c.effects[key] = false
	for _, b := range callee.Blocks {
		for _, instr := range b.Instrs {
			if c.has(instr, e) {
				c.effects[key] = true
				return true
			}
		}
	}
	return false
}

// dominatedBy reports whether an instruction with effect e runs before
// x on every path to it: in l's blocks, or anywhere in x's function if
// l is nil.
func (c *checker) dominatedBy(x ssa.Instruction, l *loops.Loop, e effect) bool {
	return c.before(x, l, func(instr ssa.Instruction) bool { return c.has(instr, e) })
}

// before reports whether an instruction satisfying pred runs before x
// on every path to it, in l's blocks (x's function if l is nil).
func (c *checker) before(x ssa.Instruction, l *loops.Loop, pred func(ssa.Instruction) bool) bool {
	for _, b := range x.Parent().Blocks {
		if l != nil && !l.Contains(b) || !b.Dominates(x.Block()) {
			continue
		}
		for _, instr := range b.Instrs {
			if instr == x {
				break
			}
			if pred(instr) {
				return true
			}
		}
	}
	return false
}

// isAcquire reports whether instr takes a slot: a send into a channel
// that is not provably unbuffered (also as a select case), a semaphore's
// Acquire or TryAcquire, or a call of a same-package function that does.
func (c *checker) isAcquire(instr ssa.Instruction) bool {
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
		return isSemaphoreAcquire(calleeObj(&instr.Call)) || c.calleeHas(&instr.Call, acquires)
	}
	return false
}

// pairedBefore reports whether the iteration, before x, makes a call
// that may wait on a value kept outside the loop, does not give it back
// itself before x, and the goroutine calls another method of the same
// value (Acquire and Release, Do and
// Done, Lock and Unlock, of any type, in any package), or receives from
// a channel the goroutine sends back to (a token), also in the select
// case that leads to the start.
func (c *checker) pairedBefore(l *loops.Loop, x ssa.Instruction, ln launch) bool {
	return c.before(x, l, func(instr ssa.Instruction) bool {
		switch instr := instr.(type) {
		case *ssa.UnOp, *ssa.Select:
			sel, _ := instr.(*ssa.Select)
			return slices.ContainsFunc(received(instr), func(ch ssa.Value) bool {
				if definedIn(l, rootOf(ch)) || sel != nil && !caseLeadsTo(sel, slices.IndexFunc(sel.States, func(st *ssa.SelectState) bool { return st.Chan == ch }), x) {
					return false
				}
				p := placeOf(ch)
				return c.goroutineDoes(ln, func(in ssa.Instruction, bind binder) bool {
					send, ok := in.(*ssa.Send)
					return ok && bind.place(placeOf(send.Chan)) == p
				})
			})
		case *ssa.Call:
			recv := receiver(&instr.Call)
			if recv == nil || definedIn(l, rootOf(recv)) || !c.mayWait(&instr.Call) {
				return false
			}
			p := receiverPlace(&instr.Call)
			releasedBefore := slices.ContainsFunc(l.Instrs(), func(in ssa.Instruction) bool {
				call, ok := in.(ssa.CallInstruction)
				return ok && irutil.Precedes(instr, in) && irutil.Precedes(in, x) &&
					c.releases(&instr.Call, call.Common()) && receiverPlace(call.Common()) == p
			})
			return !releasedBefore && c.goroutineDoes(ln, func(in ssa.Instruction, bind binder) bool {
				call, ok := in.(ssa.CallInstruction)
				return ok && c.releases(&instr.Call, call.Common()) && bind.place(receiverPlace(call.Common())) == p
			})
		}
		return false
	})
}

// mayWait reports whether a method call can wait for another goroutine
// to give something back: a semaphore's Acquire, a mutex's Lock, a
// condition's Wait; a method of this package that sends on or receives
// from a channel of its receiver, or acquires its semaphore; or,
// returning nothing but an error or a bool as an acquire does, an
// interface method named like a wait (see waitPrefixes) or a method of
// another package's type that holds a channel.
func (c *checker) mayWait(call *ssa.CallCommon) bool {
	obj := calleeObj(call)
	if obj == nil || obj.Signature().Recv() == nil {
		return false
	}
	switch {
	case isSemaphoreAcquire(obj), isMethod(obj, "sync", "Mutex", "Lock"), isMethod(obj, "sync", "RWMutex", "Lock"),
		isMethod(obj, "sync", "RWMutex", "RLock"), isMethod(obj, "sync", "Cond", "Wait"):
		return true
	case neverWaits(obj), !acquireResults(obj.Signature()):
		return false
	case c.callee(call) != nil:
		return len(c.slotOps(c.callee(call))) > 0
	case call.IsInvoke():
		return slices.ContainsFunc(waitPrefixes, func(p string) bool { return strings.HasPrefix(obj.Name(), p) })
	}
	return holdsChannel(obj.Signature().Recv().Type())
}

// releases reports whether rel, a call on the same value as the acquire
// acq, can give back what acq took: a release (see releaseNames) after a
// known acquire; for methods of this package, a receive from a channel
// of the receiver that acq sends on, or the other way round (a token),
// or the Release of a semaphore that acq acquires; for methods of
// another package or an interface, another method that returns at most
// an error or a bool.
func (c *checker) releases(acq, rel *ssa.CallCommon) bool {
	a, r := calleeObj(acq), calleeObj(rel)
	switch {
	case r == nil || receiver(rel) == nil || a.Name() == r.Name():
		return false
	case isSemaphoreAcquire(a) || isMutex(a) || isMethod(a, "sync", "Cond", "Wait"):
		return slices.Contains(releaseNames, r.Name())
	case c.callee(acq) != nil && c.callee(rel) != nil:
		took, gave := c.slotOps(c.callee(acq)), c.slotOps(c.callee(rel))
		for field, op := range took {
			if gave[field] != 0 && gave[field] != op {
				return true
			}
		}
		return false
	}
	return c.callee(rel) == nil && !neverWaits(r) && acquireResults(r.Signature())
}

// The slot operations of a method on its receiver's fields.
const (
	takes   = 1 // sends on the channel, or acquires the semaphore
	returns = 2 // receives from the channel, or releases the semaphore
)

// slotOps returns, for a method of this package, how it uses the
// channels and semaphores in its receiver's fields, by field path:
// takes if it only sends or acquires, returns if it only receives or
// releases, both if it does both. Deferred and nested functions count.
func (c *checker) slotOps(fn *ssa.Function) map[string]int {
	if ops, ok := c.slots[fn]; ok {
		return ops
	}
	ops := make(map[string]int)
	c.slots[fn] = ops
	if fn.Signature.Recv() == nil || len(fn.Params) == 0 {
		return ops
	}
	recv := fn.Params[0]
	mark := func(p place, op int) {
		if p.fields != "" && (p.root == recv || spilled(p.root) == recv) {
			ops[p.fields] |= op
		}
	}
	anyNestedInstr(fn, func(instr ssa.Instruction) bool {
		switch instr := instr.(type) {
		case *ssa.Send:
			mark(placeOf(instr.Chan), takes)
		case *ssa.Select:
			for _, st := range instr.States {
				if st.Dir == types.SendOnly {
					mark(placeOf(st.Chan), takes)
				} else {
					mark(placeOf(st.Chan), returns)
				}
			}
		case *ssa.UnOp:
			if instr.Op == token.ARROW {
				mark(placeOf(instr.X), returns)
			}
		case ssa.CallInstruction:
			switch obj := calleeObj(instr.Common()); {
			case isSemaphoreAcquire(obj):
				mark(receiverPlace(instr.Common()), takes)
			case obj != nil && obj.Name() == "Release" && receiver(instr.Common()) != nil:
				mark(receiverPlace(instr.Common()), returns)
			}
		}
		return false
	})
	return ops
}

// spilled returns the value stored once into the local variable v, as
// the builder spills a parameter that closures capture, or nil.
func spilled(v ssa.Value) ssa.Value {
	if alloc, ok := v.(*ssa.Alloc); ok {
		if st := irutil.OnlyStore(alloc); st != nil {
			return st.Val
		}
	}
	return nil
}

// acquireResults reports whether sig returns at most an error or a bool,
// as a call that waits for a slot does (Do() error, TryAcquire() bool).
func acquireResults(sig *types.Signature) bool {
	res := sig.Results()
	if res.Len() == 0 {
		return true
	}
	t := res.At(0).Type()
	return res.Len() == 1 && (types.Identical(t, types.Universe.Lookup("error").Type()) || types.Identical(t, types.Typ[types.Bool]))
}

// holdsChannel reports whether values of type t (or what t points to)
// are structs with a channel among their fields or their embedded
// structs' fields.
func holdsChannel(t types.Type) bool {
	st, ok := irutil.Deref(t).Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		switch ft := f.Type().Underlying().(type) {
		case *types.Chan:
			return true
		case *types.Struct:
			if f.Embedded() && holdsChannel(ft) {
				return true
			}
		}
	}
	return false
}

// binder maps the parameters of a function the goroutine runs to the
// places, in the starting function, of the values passed for them.
type binder map[ssa.Value]place

// key spells the binding of fn's parameters, in their order.
func (b binder) key(fn *ssa.Function) string {
	var sb strings.Builder
	for _, p := range fn.Params {
		if pl, ok := b[p]; ok {
			fmt.Fprintf(&sb, "%p%s;", pl.root, pl.fields)
		} else {
			sb.WriteString("-;")
		}
	}
	return sb.String()
}

// place translates p, a place in the goroutine, to the starting
// function's.
func (b binder) place(p place) place {
	if outer, ok := b[p.root]; ok {
		return place{outer.root, p.fields + outer.fields}
	}
	return p
}

// goroutineDoes reports whether the goroutine ln starts has an
// instruction for which pred holds: in its function, the function
// literals nested in it (a deferred release), or the same-package
// functions it calls, whose parameters bind tells pred about.
func (c *checker) goroutineDoes(ln launch, pred func(ssa.Instruction, binder) bool) bool {
	if ln.body == nil {
		return false
	}
	bind := binder{}
	if call, ok := ln.instr.(*ssa.Go); ok && funcValue(call.Call.Value) != nil {
		for i, arg := range call.Call.Args {
			if i < len(ln.body.Params) {
				bind[ln.body.Params[i]] = placeOf(arg)
			}
		}
	}
	return c.doesIn(ln.body, bind, pred, ln.instr.Parent(), &walk{seen: make(map[boundCall]bool), bindings: make(map[*ssa.Function]int)})
}

// boundCall is a function with the places its parameters are bound to,
// so that does looks at each function once per binding.
type boundCall struct {
	fn   *ssa.Function
	bind string
}

// doesIn reports whether fn, the functions nested in it or the
// same-package functions they call do something for which pred holds,
// with fn's parameters bound by bind to places of origin, the function
// that starts the goroutine. A parameter bound to a place rooted in a
// callee's own variables can match no place of origin's; all such
// bindings are one, opaque, so that a function is looked at once per
// binding that matters rather than once per call path, which on a large
// package is exponential.
func (c *checker) doesIn(fn *ssa.Function, bind binder, pred func(ssa.Instruction, binder) bool, origin *ssa.Function, w *walk) bool {
	if w.bindings[fn]++; w.bindings[fn] > maxBindings {
		bind = binder{} // looked at under enough bindings: now with none
	}
	key := boundCall{fn, bind.key(fn)}
	if w.seen[key] {
		return false
	}
	w.seen[key] = true
	for _, f := range nestedFuncs(fn) {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				if pred(instr, bind) {
					return true
				}
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				callee := c.callee(call.Common())
				if callee == nil || callee.Parent() != nil {
					continue // closures are among the nested functions
				}
				inner := binder{}
				for i, arg := range call.Common().Args {
					if i < len(callee.Params) {
						inner[callee.Params[i]] = seenFrom(origin, bind.place(placeOf(arg)))
					}
				}
				if c.doesIn(callee, inner, pred, origin, w) {
					return true
				}
			}
		}
	}
	return false
}

// walk is what one doesIn query has looked at: each function under each
// binding, and how many bindings each function was reached with.
type walk struct {
	seen     map[boundCall]bool
	bindings map[*ssa.Function]int
}

// Bounds on how doesIn follows bindings: a function is looked at under
// at most maxBindings bindings, then once with its parameters unbound;
// a place reached through more than maxFieldDepth field selections is
// opaque. Both keep the walk linear in the package's size where
// recursive calls pass ever longer field paths (s.next.next...).
const (
	maxBindings   = 8
	maxFieldDepth = 4
)

// opaque is the root of the places no place of the starting function
// can equal (see doesIn).
var opaque ssa.Value = new(ssa.Global)

// seenFrom returns p if origin can name it: its root is a value of
// origin's, or one of no function (a global); else the opaque place.
func seenFrom(origin *ssa.Function, p place) place {
	var parent *ssa.Function
	switch r := p.root.(type) {
	case *ssa.Parameter:
		parent = r.Parent()
	case *ssa.FreeVar:
		parent = r.Parent()
	case ssa.Instruction:
		parent = r.Parent()
	default:
		if strings.Count(p.fields, ".") <= maxFieldDepth {
			return p
		}
		return place{root: opaque}
	}
	if parent == origin && strings.Count(p.fields, ".") <= maxFieldDepth {
		return p
	}
	return place{root: opaque}
}

// nestedFuncs returns fn and the function literals nested in it, at any
// depth: the deferred and inner functions that act for it.
func nestedFuncs(fn *ssa.Function) []*ssa.Function {
	fns := []*ssa.Function{fn}
	for i := 0; i < len(fns); i++ {
		fns = append(fns, fns[i].AnonFuncs...)
	}
	return fns
}

// joinsAfter reports whether, after x and before the next iteration of l
// (or the end of x's function if l is nil), some path waits: for the
// goroutines (WaitGroup.Wait, errgroup.Group.Wait) or for a result (a
// receive). The loop then runs a bounded number of goroutines at a time,
// like a batch or a call with a timeout.
func (c *checker) joinsAfter(x ssa.Instruction, l *loops.Loop) bool {
	start := x.Block()
	i := slices.Index(start.Instrs, x)
	if slices.ContainsFunc(start.Instrs[i+1:], c.isJoin) {
		return true
	}
	if l == nil && c.defersJoin(x.Parent()) {
		return true
	}
	after := irutil.Reachable(start.Succs, func(b *ssa.BasicBlock) bool {
		return b != start && (l == nil || b != l.Header && l.Contains(b))
	})
	for b := range after {
		if slices.ContainsFunc(b.Instrs, c.isJoin) {
			return true
		}
	}
	return false
}

// waitsBefore reports whether the iteration waits for the goroutines
// started so far before it starts x (wg.Wait(), g.Wait()).
func (c *checker) waitsBefore(l *loops.Loop, x ssa.Instruction) bool {
	return c.before(x, l, func(instr ssa.Instruction) bool {
		call, ok := instr.(*ssa.Call)
		return ok && c.joinCall(&call.Call)
	})
}

// isJoin reports whether instr waits: a receive, a blocking select with
// a receive case other than a context's Done, a call of a method named
// Wait, or a call of a same-package function that does one of these.
func (c *checker) isJoin(instr ssa.Instruction) bool {
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
		return c.joinCall(&instr.Call)
	}
	return false
}

// joinCall reports whether call waits: a method named Wait, or a
// same-package function that waits.
func (c *checker) joinCall(call *ssa.CallCommon) bool {
	if obj := calleeObj(call); obj != nil && obj.Name() == "Wait" && obj.Signature().Recv() != nil {
		return true
	}
	return c.calleeHas(call, joins)
}

// defersJoin reports whether fn defers a wait (defer wg.Wait(), a
// deferred closure that receives): whatever it starts ends before it
// returns.
func (c *checker) defersJoin(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if d, ok := instr.(*ssa.Defer); ok && c.joinCall(&d.Call) {
				return true
			}
		}
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

// unbuffered reports whether ch is provably an unbuffered channel: made
// with no capacity (or a zero one). Sending on it waits for a receiver
// rather than taking a slot.
func unbuffered(ch ssa.Value) bool {
	mc, ok := irutil.Stored(ch).(*ssa.MakeChan)
	if !ok {
		return false
	}
	k, ok := mc.Size.(*ssa.Const)
	return ok && k.Value != nil && constant.Sign(k.Value) == 0
}

// definedIn reports whether v is computed by an instruction of l.
func definedIn(l *loops.Loop, v ssa.Value) bool {
	instr, ok := v.(ssa.Instruction)
	return ok && l.ContainsInstr(instr)
}

// holdsShared reports whether fn, run as a goroutine, or a same-package
// function it calls, does its work holding a slot it shares with the
// other goroutines: it sends on a channel from outside and receives from
// it again, calls a semaphore's Acquire and its Release, or makes a call
// that may wait on a value from outside and another call on the same
// value (l.acquire() ... defer l.release()), other than a mutex's Lock
// and Unlock around a critical section. The work is then bounded,
// although the goroutines waiting for a slot are not.
//
// A call of a function of this package whose body was not built may
// hold a slot: it counts as holding one (unknown is not nothing).
func (c *checker) holdsShared(fn *ssa.Function, depth int, seen map[*ssa.Function]bool) bool {
	if seen[fn] {
		return false
	}
	seen[fn] = true
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c.acquiresShared(fn, instr, depth) {
				return true
			}
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			if c.unknownCallee(&call.Call) {
				return true
			}
			for _, callee := range c.runs(&call.Call) {
				if c.holdsShared(callee, depth+1, seen) {
					return true
				}
			}
		}
	}
	return false
}

// runs returns the same-package functions that call runs before it
// returns: its callee, or the function it hands to (*sync.Once).Do.
func (c *checker) runs(call *ssa.CallCommon) []*ssa.Function {
	fn := c.callee(call)
	if isMethod(calleeObj(call), "sync", "Once", "Do") && len(call.Args) == 2 {
		fn = c.bodyOf(funcValue(call.Args[1]))
	}
	if fn == nil {
		return nil
	}
	return []*ssa.Function{fn}
}

// acquiresShared reports whether instr, in fn, takes a shared slot that
// fn gives back (see holdsShared). A pair of calls counts only in the
// goroutine's function and those it calls itself: deeper down, two
// calls on a shared object are too likely to be something else.
func (c *checker) acquiresShared(fn *ssa.Function, instr ssa.Instruction, depth int) bool {
	switch instr := instr.(type) {
	case *ssa.Send:
		return sharedSlot(instr.Chan) && receivesFrom(fn, placeOf(instr.Chan), instr)
	case *ssa.Select:
		for _, st := range instr.States {
			if st.Dir == types.SendOnly && sharedSlot(st.Chan) && receivesFrom(fn, placeOf(st.Chan), instr) {
				return true
			}
		}
	case *ssa.Call:
		recv := receiver(&instr.Call)
		if depth > 1 || recv == nil || !given(recv) || isMutex(calleeObj(&instr.Call)) || !c.mayWait(&instr.Call) {
			return false
		}
		p := receiverPlace(&instr.Call)
		return anyNestedInstr(fn, func(in ssa.Instruction) bool {
			call, ok := in.(ssa.CallInstruction)
			return ok && c.releases(&instr.Call, call.Common()) && receiverPlace(call.Common()) == p &&
				(in.Parent() != fn || irutil.Precedes(instr, in))
		})
	}
	return false
}

// isMutex reports whether fn is a method of sync.Mutex or sync.RWMutex:
// a goroutine locks one around a critical section, not around its work.
func isMutex(fn *types.Func) bool {
	named := recvNamed(fn)
	return named != nil && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "sync" &&
		(named.Obj().Name() == "Mutex" || named.Obj().Name() == "RWMutex")
}

// sharedSlot reports whether a send on ch can take a slot that other
// goroutines compete for: ch comes from outside the sending function and
// is not provably unbuffered.
func sharedSlot(ch ssa.Value) bool {
	return given(ch) && !unbuffered(ch)
}

// receivesFrom reports whether fn receives from the channel kept at p,
// after the instruction after, or anywhere in a function nested in fn (a
// deferred release).
func receivesFrom(fn *ssa.Function, p place, after ssa.Instruction) bool {
	return anyNestedInstr(fn, func(instr ssa.Instruction) bool {
		return slices.ContainsFunc(received(instr), func(ch ssa.Value) bool { return placeOf(ch) == p }) &&
			(instr.Parent() != fn || irutil.Precedes(after, instr))
	})
}

// anyNestedInstr reports whether an instruction of fn, or of a function
// literal nested in it, satisfies pred.
func anyNestedInstr(fn *ssa.Function, pred func(ssa.Instruction) bool) bool {
	for _, f := range nestedFuncs(fn) {
		for _, b := range f.Blocks {
			if slices.ContainsFunc(b.Instrs, pred) {
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

// given reports whether v comes from outside the function that uses it:
// a parameter (also as the local variable a closure captures it in), a
// captured variable, a global, or a field reached from one of these.
func given(v ssa.Value) bool {
	switch rootOf(v).(type) {
	case *ssa.Parameter, *ssa.FreeVar, *ssa.Global:
		return true
	}
	return false
}

// rootOf follows v through loads of variables stored once, fields and
// conversions to the value it is reached from.
func rootOf(v ssa.Value) ssa.Value {
	for range 8 {
		switch x := v.(type) {
		case *ssa.Alloc:
			st := irutil.OnlyStore(x)
			if st == nil {
				return x
			}
			v = st.Val
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return x
			}
			v = x.X
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.Field:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		default:
			return v
		}
	}
	return v
}

// place names where a value is kept, so that two loads of it compare
// equal: a package variable, a local variable (however many closures
// capture it), a parameter, or a field reached from one of these.
type place struct {
	root   ssa.Value
	fields string // the indices of the fields selected, last selector first, as ".2.0"
}

// placeOf returns where v is loaded from, or v itself when it is not a
// load.
func placeOf(v ssa.Value) place {
	v = unchangeType(v)
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		return addressPlace(load.X)
	}
	return place{root: v}
}

// receiverPlace returns the place of the receiver of a method call: the
// variable or field itself when the method takes its address (a
// semaphore held by value), else where the receiver is loaded from.
func receiverPlace(call *ssa.CallCommon) place {
	switch recv := receiver(call).(type) {
	case *ssa.FieldAddr, *ssa.Alloc, *ssa.Global, *ssa.FreeVar:
		return addressPlace(recv)
	case nil:
		return place{}
	default:
		return placeOf(recv)
	}
}

// addressPlace returns the place that addr points to.
func addressPlace(addr ssa.Value) place {
	var fields []byte
	for range 8 {
		fa, ok := addr.(*ssa.FieldAddr)
		if !ok {
			break
		}
		fields = strconv.AppendInt(append(fields, '.'), int64(fa.Field), 10)
		base := unchangeType(fa.X)
		load, ok := base.(*ssa.UnOp)
		if !ok || load.Op != token.MUL {
			return place{base, string(fields)}
		}
		addr = load.X
	}
	if alloc := irutil.Variable(addr); alloc != nil {
		return place{alloc, string(fields)}
	}
	return place{addr, string(fields)}
}

// unchangeType strips conversions between named types.
func unchangeType(v ssa.Value) ssa.Value {
	for range 8 {
		ct, ok := v.(*ssa.ChangeType)
		if !ok {
			break
		}
		v = ct.X
	}
	return v
}
