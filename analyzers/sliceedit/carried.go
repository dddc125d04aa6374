package sliceedit

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
)

// carrier is where a loop keeps a slice from one iteration to the next:
// a phi at the loop's header (a local variable), or a location that
// stays put while the loop runs (a field through an invariant pointer, a
// package-level variable, a variable captured by a closure).
type carrier struct {
	phi  *ssa.Phi
	addr ssa.Value
}

// holds reports whether v is the carried slice as the iteration reads
// it: the phi, or a load of the location.
func (c carrier) holds(v ssa.Value) bool {
	if c.phi != nil {
		return v == c.phi
	}
	ld, ok := v.(*ssa.UnOp)
	return ok && ld.Op == token.MUL && sameLocation(ld.X, c.addr)
}

// walk is a search backwards from a slice value through the operations
// that keep working on the same backing array: re-slicing, append, the
// editing functions of package slices, conversions, and the loop's own
// merges other than at its header.
type walk struct {
	l      *loops.Loop
	oracle *invariant.Oracle
	target func(ssa.Value) bool
	seen   map[walkState]bool
	// found says some path reaches the target; capped, that one does
	// through a re-slice to a fixed length (s[:10]), which bounds the
	// slice; shrunk, that one does through any re-slice with a high
	// bound (s[:len(s)-1]).
	found, capped, shrunk bool
}

type walkState struct {
	v              ssa.Value
	capped, shrunk bool
}

// reach walks back from v to the values target accepts.
func reach(l *loops.Loop, oracle *invariant.Oracle, v ssa.Value, target func(ssa.Value) bool) *walk {
	w := &walk{l: l, oracle: oracle, target: target, seen: make(map[walkState]bool)}
	w.from(v, false, false, 0)
	return w
}

func (w *walk) from(v ssa.Value, capped, shrunk bool, depth int) {
	st := walkState{v, capped, shrunk}
	if v == nil || w.seen[st] || depth > 32 {
		return
	}
	w.seen[st] = true
	if w.target(v) {
		w.found = true
		w.capped = w.capped || capped
		w.shrunk = w.shrunk || shrunk
		return
	}
	next := func(x ssa.Value) { w.from(x, capped, shrunk, depth+1) }
	switch v := v.(type) {
	case *ssa.Slice:
		if v.High != nil {
			w.from(v.X, capped || w.fixed(v.High), true, depth+1)
		} else {
			next(v.X)
		}
	case *ssa.ChangeType:
		next(v.X)
	case *ssa.Phi:
		if v.Block() != w.l.Header && w.l.Contains(v.Block()) {
			for _, e := range v.Edges {
				next(e)
			}
		}
	case *ssa.Call:
		c := v.Common()
		switch {
		case irutil.IsBuiltin(c, "append") && len(c.Args) == 2:
			// append extends its first operand: a re-slice there does
			// not bound the result.
			for _, arg := range c.Args {
				if s, ok := arg.(*ssa.Slice); ok {
					next(s.X)
				} else {
					next(arg)
				}
			}
		case keepsSlice(c):
			next(c.Args[0])
		}
	}
}

// fixed reports whether a high bound gives the slice the same length on
// every iteration: a constant or a loop-invariant value.
func (w *walk) fixed(high ssa.Value) bool {
	if _, ok := high.(*ssa.Const); ok {
		return true
	}
	if call, ok := high.(*ssa.Call); ok && irutil.IsBuiltin(call.Common(), "min") {
		// s[:min(len(s), 10)]: at most the fixed bound.
		for _, arg := range call.Common().Args {
			if w.fixed(arg) {
				return true
			}
		}
	}
	return w.oracle.Invariant(high, w.l)
}

// keepsSlice reports whether c calls a function of package slices that
// returns its first argument edited in place or grown.
func keepsSlice(c *ssa.CallCommon) bool {
	if len(c.Args) == 0 {
		return false
	}
	switch slicesFunc(c) {
	case "Insert", "Delete", "DeleteFunc", "Replace", "Compact", "CompactFunc", "Grow", "Clip":
		return true
	}
	return false
}

// carrierOf returns where l carries the slice that in reads, if it does:
// in derives from a phi at l's header or from a load of a location that
// stays put in l, without passing through a re-slice to a fixed length.
func carrierOf(l *loops.Loop, oracle *invariant.Oracle, in ssa.Value) (carrier, bool) {
	var found carrier
	ok := false
	w := reach(l, oracle, in, func(v ssa.Value) bool {
		if ok {
			return false
		}
		switch v := v.(type) {
		case *ssa.Phi:
			if v.Block() == l.Header {
				found, ok = carrier{phi: v}, true
				return true
			}
		case *ssa.UnOp:
			if v.Op == token.MUL && oracle.Invariant(v.X, l) {
				found, ok = carrier{addr: v.X}, true
				return true
			}
		}
		return false
	})
	if !ok || w.capped {
		return carrier{}, false
	}
	return found, true
}

// carriedBack reports whether the edited slice out goes on to the next
// iteration of l in c, and is not replaced on any iteration by a slice
// built afresh or bounded to a fixed length. With needShrink, it must
// also be shrunk on the way (copy(s, s[1:]); s = s[:len(s)-1]).
func carriedBack(l *loops.Loop, oracle *invariant.Oracle, c carrier, out ssa.Value, needShrink bool) bool {
	isOut := func(v ssa.Value) bool { return v == out || sameSlice(v, out) }
	back := false
	check := func(v ssa.Value) bool {
		toOut := reach(l, oracle, v, isOut)
		if toOut.found {
			if toOut.capped {
				return false
			}
			if !needShrink || toOut.shrunk {
				back = true
			}
			return true
		}
		// Not the edited slice: still the carried one, or a slice built
		// afresh, which resets it.
		self := reach(l, oracle, v, c.holds)
		return self.found && !self.capped
	}
	if c.phi != nil {
		ok := l.NextValues(c.phi, func(v ssa.Value, _ *ssa.BasicBlock) bool { return check(v) })
		return ok && back
	}
	for _, instr := range l.Instrs() {
		st, isStore := instr.(*ssa.Store)
		if !isStore || !sameLocation(st.Addr, c.addr) {
			continue
		}
		if !check(st.Val) {
			return false
		}
	}
	return back
}

// sameSlice reports whether a and b are the same slice: the same value,
// or loads of the same location.
func sameSlice(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	la, ok1 := a.(*ssa.UnOp)
	lb, ok2 := b.(*ssa.UnOp)
	return ok1 && ok2 && la.Op == token.MUL && lb.Op == token.MUL && sameLocation(la.X, lb.X)
}

// sameLocation reports whether two addresses denote the same variable:
// the same value, or the same field of the same base.
func sameLocation(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	fa, ok1 := a.(*ssa.FieldAddr)
	fb, ok2 := b.(*ssa.FieldAddr)
	if ok1 && ok2 && fa.Field == fb.Field {
		return fa.X == fb.X || sameSlice(fa.X, fb.X)
	}
	return false
}
