package fanout

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strconv"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
)

// This file holds the checks on SSA that recognise what bounds a
// goroutine fan-out: semaphores, waits, accept loops, worker pools.

// effect is something an instruction, or a function it calls, does that
// bounds a fan-out.
type effect int

const (
	acquires effect = iota // takes a semaphore slot
	joins                  // waits for goroutines or results
	accepts                // accepts a network connection
)

// has reports whether instr has effect e, itself or through the
// same-package function it calls.
func (c *checker) has(instr ssa.Instruction, e effect) bool {
	switch e {
	case acquires:
		return c.isAcquire(instr)
	case joins:
		return c.isJoin(instr)
	}
	return c.isAccept(instr)
}

// calleeHas reports whether the same-package function call invokes has
// an instruction with effect e, following its calls in turn. Results
// are memoized per function; a recursive call counts as not having it.
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

type effectKey struct {
	fn *ssa.Function
	e  effect
}

// acquiresBefore reports whether a semaphore is acquired before x on
// every path to it: by an instruction of loop l that dominates x, or,
// with l nil, anywhere in x's function.
func (c *checker) acquiresBefore(x ssa.Instruction, l *loops.Loop) bool {
	return c.someDominates(x, l, acquires)
}

// someDominates reports whether an instruction with effect e dominates
// x, looking at the blocks of l, or of x's function if l is nil.
func (c *checker) someDominates(x ssa.Instruction, l *loops.Loop, e effect) bool {
	for _, b := range x.Parent().Blocks {
		if l != nil && !l.Contains(b) || !b.Dominates(x.Block()) {
			continue
		}
		for _, instr := range b.Instrs {
			if instr == x {
				break
			}
			if c.has(instr, e) {
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
				if c.isJoin(after) {
					return true
				}
			}
		}
	}
	if l == nil && c.defersJoin(x.Parent()) {
		return true
	}
	// What start runs after x was checked above.
	after := irutil.Reachable(start.Succs, func(b *ssa.BasicBlock) bool {
		return b != start && (l == nil || b != l.Header && l.Contains(b))
	})
	for b := range after {
		for _, instr := range b.Instrs {
			if c.isJoin(instr) {
				return true
			}
		}
	}
	return false
}

// isAcquire reports whether instr acquires a semaphore: a send into a
// channel that is not provably unbuffered (also as a select case), a
// semaphore's Acquire or TryAcquire method (see isSemaphoreAcquire), or
// a call of a same-package function that does one of these.
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
// with no capacity (or a zero one), in a register or in the local
// variable a closure captures. Sending on it waits for a receiver rather
// than taking a slot.
func unbuffered(ch ssa.Value) bool {
	mc, ok := irutil.Stored(ch).(*ssa.MakeChan)
	if !ok {
		return false
	}
	k, ok := mc.Size.(*ssa.Const)
	return ok && k.Value != nil && constant.Sign(k.Value) == 0
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
			if callee := c.callee(&call.Call); callee != nil && c.isWorker(callee, depth+1, seen) {
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
// uses it: a parameter (also as the local variable a closure captures it
// in), a captured variable, a global, or a field reached from one of
// these.
func givenChannel(ch ssa.Value) bool {
	for range 8 {
		switch v := ch.(type) {
		case *ssa.Parameter, *ssa.FreeVar, *ssa.Global:
			return true
		case *ssa.Alloc:
			st := irutil.OnlyStore(v)
			if st == nil {
				return false
			}
			ch = st.Val
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
				callee := c.callee(&instr.Call)
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

// holdsSemaphore reports whether fn, run as a goroutine, or a
// same-package function it calls, does work while holding a semaphore it
// shares with the other goroutines: it acquires the semaphore and
// releases it again. The acquire need not come first: checks before it,
// and paths that skip it (a cache hit, an early return), cost little next
// to the work the semaphore bounds, such as a read or a parse.
func (c *checker) holdsSemaphore(fn *ssa.Function, depth int, seen map[*ssa.Function]bool) bool {
	if seen[fn] || depth > maxCallDepth {
		return false
	}
	seen[fn] = true
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if acquiresShared(fn, instr) {
				return true
			}
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			for _, callee := range c.runs(&call.Call) {
				if c.holdsSemaphore(callee, depth+1, seen) {
					return true
				}
			}
		}
	}
	return false
}

// runs returns the same-package functions that call runs before it
// returns: its callee, or the function it hands to (*sync.Once).Do, the
// way a loader visits each node of a graph once.
func (c *checker) runs(call *ssa.CallCommon) []*ssa.Function {
	if isMethod(calleeObj(call), "sync", "Once", "Do") && len(call.Args) == 2 {
		if fn := c.bodyOf(funcValue(call.Args[1])); fn != nil {
			return []*ssa.Function{fn}
		}
		return nil
	}
	if callee := c.callee(call); callee != nil {
		return []*ssa.Function{callee}
	}
	return nil
}

// acquiresShared reports whether instr, in fn, acquires a shared
// semaphore that fn releases: a send on a buffered channel from outside
// fn that fn later receives from, or a semaphore's Acquire that fn
// pairs with a Release. Without the release, a send is as likely to
// deliver a result or a signal as to take a slot.
func acquiresShared(fn *ssa.Function, instr ssa.Instruction) bool {
	switch instr := instr.(type) {
	case *ssa.Send:
		return sharedSemaphore(instr.Chan) && receivesFrom(fn, placeOf(instr.Chan), instr)
	case *ssa.Select:
		for _, st := range instr.States {
			if st.Dir == types.SendOnly && sharedSemaphore(st.Chan) && receivesFrom(fn, placeOf(st.Chan), instr) {
				return true
			}
		}
	case *ssa.Call:
		return isSemaphoreAcquire(calleeObj(&instr.Call)) && releasesSemaphore(fn, receiverPlace(&instr.Call))
	}
	return false
}

// sharedSemaphore reports whether a send on ch can take a slot that other
// goroutines compete for: ch comes from outside the sending function and
// is not provably unbuffered.
func sharedSemaphore(ch ssa.Value) bool {
	return givenChannel(ch) && !unbuffered(ch)
}

// receivesFrom reports whether fn receives from the channel kept at p:
// after the instruction after if it is not nil, or anywhere in a
// function nested in fn (a deferred release).
func receivesFrom(fn *ssa.Function, p place, after ssa.Instruction) bool {
	return anyNestedInstr(fn, func(instr ssa.Instruction) bool {
		return slices.ContainsFunc(received(instr), func(ch ssa.Value) bool { return placeOf(ch) == p }) &&
			(after == nil || instr.Parent() != fn || irutil.Precedes(after, instr))
	})
}

// releasesSemaphore reports whether fn, or a function nested in it,
// calls Release on the semaphore kept at p.
func releasesSemaphore(fn *ssa.Function, p place) bool {
	return anyNestedInstr(fn, func(instr ssa.Instruction) bool {
		call, ok := instr.(ssa.CallInstruction)
		return ok && isSemaphoreRelease(calleeObj(call.Common())) && receiverPlace(call.Common()) == p
	})
}

// anyNestedInstr reports whether an instruction of fn, or of a function
// literal nested in it (see nestedFuncs), satisfies pred.
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

// nestedFuncs returns fn and the function literals nested in it, at most
// maxCallDepth deep: the deferred and inner functions that act for it.
func nestedFuncs(fn *ssa.Function) []*ssa.Function {
	fns := []*ssa.Function{fn}
	level := fns
	for range maxCallDepth {
		var next []*ssa.Function
		for _, f := range level {
			next = append(next, f.AnonFuncs...)
		}
		fns = append(fns, next...)
		level = next
	}
	return fns
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
// sync/atomic value, a semaphore held by value), else where the
// receiver is loaded from.
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
// function it defers or nests) also receives from the same channel to
// release the slot.
func (c *checker) semaphoreChannel(fn *ssa.Function, ch ssa.Value) bool {
	t, ok := irutil.CoreType(ch.Type()).(*types.Chan)
	if !ok {
		return false
	}
	if st, ok := t.Elem().Underlying().(*types.Struct); ok && st.NumFields() == 0 {
		return true
	}
	return receivesFrom(fn, placeOf(ch), nil)
}
