package prealloc

import (
	"go/constant"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/loops"
)

// chain follows the values of a slice held in SSA registers: the phi at
// a loop header fed back by append.
type chain struct {
	m       *measurer
	appends []*ssa.Call // the appends on the chain, for reporting
}

// perIteration returns how many elements one iteration of l appends to
// the slice that is p at l's header: the amount by which every back-edge
// value extends p.
func (ch *chain) perIteration(l *loops.Loop, p *ssa.Phi) (amount, bool) {
	memo := make(map[ssa.Value]*amount)
	var per joined
	for i, pred := range p.Block().Preds {
		if !l.Contains(pred) {
			continue
		}
		a, ok := ch.edgeGrowth(l, p, pred, p.Edges[i], memo)
		if !ok || !per.add(a) {
			return amount{}, false
		}
	}
	return per.result()
}

// growth returns how many elements v has beyond p, within one iteration
// of l: v must be p extended by appends of a constant number of elements,
// joined by phis and by nested counted loops.
func (ch *chain) growth(l *loops.Loop, p *ssa.Phi, v ssa.Value, memo map[ssa.Value]*amount) (amount, bool) {
	if v == p {
		return zero, true
	}
	if a, seen := memo[v]; seen {
		if a == nil {
			return amount{}, false // a cycle not through l's header
		}
		return *a, true
	}
	memo[v] = nil
	a, ok := ch.growthOf(l, p, v, memo)
	if ok {
		memo[v] = &a
	}
	return a, ok
}

func (ch *chain) growthOf(l *loops.Loop, p *ssa.Phi, v ssa.Value, memo map[ssa.Value]*amount) (amount, bool) {
	instr, ok := v.(ssa.Instruction)
	if !ok || !l.Contains(instr.Block()) {
		return amount{}, false
	}
	b := instr.Block()
	if c := childContaining(l, b); c != nil {
		// A value leaving a nested loop: what the slice holds when the
		// loop is done.
		if q := ch.m.exitPhi(c, v); q != nil {
			return ch.throughChild(l, p, c, q, memo)
		}
		return amount{}, false
	}
	switch v := v.(type) {
	case *ssa.Call:
		k, ok := appended(v)
		if !ok || (b == l.Header && ch.m.headerRunsOnceMore(l)) {
			return amount{}, false
		}
		a, ok := ch.growth(l, p, v.Call.Args[0], memo)
		if !ok {
			return amount{}, false
		}
		ch.appends = append(ch.appends, v)
		return a.plus(amount{sizeOf(k), true}), true
	case *ssa.Phi:
		if b != l.Header {
			return ch.mergeEdges(l, p, v, memo)
		}
	}
	return amount{}, false
}

// exitPhi returns the phi at the header of c whose value, when c is
// done, is v: the header phi itself when c tests its count in the
// header, or the phi v feeds back from the latch that tests it.
func (m *measurer) exitPhi(c *loops.Loop, v ssa.Value) *ssa.Phi {
	exit, ok := m.counts.CountingExit(c)
	if !ok {
		return nil
	}
	if m.headerRunsOnceMore(c) {
		q, _ := v.(*ssa.Phi)
		if q == nil || q.Block() != c.Header {
			return nil
		}
		return q
	}
	return headerPhi(c, exit.From, v)
}

// headerPhi returns the phi at the header of c that takes v along the
// edge from g: on entry, or back from an iteration.
func headerPhi(c *loops.Loop, g *ssa.BasicBlock, v ssa.Value) *ssa.Phi {
	i := slices.Index(c.Header.Preds, g)
	for _, instr := range c.Header.Instrs {
		q, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		if i >= 0 && q.Edges[i] == v {
			return q
		}
	}
	return nil
}

// mergeEdges merges the growth along the edges of phi, a join of
// paths within one iteration of l.
func (ch *chain) mergeEdges(l *loops.Loop, p, phi *ssa.Phi, memo map[ssa.Value]*amount) (amount, bool) {
	var acc joined
	for i, e := range phi.Edges {
		a, ok := ch.edgeGrowth(l, p, phi.Block().Preds[i], e, memo)
		if !ok || !acc.add(a) {
			return amount{}, false
		}
	}
	return acc.result()
}

// edgeGrowth returns the growth of v, the value a phi takes along the
// edge from pred.
func (ch *chain) edgeGrowth(l *loops.Loop, p *ssa.Phi, pred *ssa.BasicBlock, v ssa.Value, memo map[ssa.Value]*amount) (amount, bool) {
	if c := ch.m.guarded(l, pred); c != nil {
		// The edge that skips a loop whose count is zero.
		if q := headerPhi(c, pred, v); q != nil {
			return ch.throughChild(l, p, c, q, memo)
		}
	}
	return ch.growth(l, p, v, memo)
}

// throughChild returns the growth of inner, the phi at the header of c,
// a loop nested in l: what it had on entering c, plus what c adds in all
// its iterations.
func (ch *chain) throughChild(l *loops.Loop, p *ssa.Phi, c *loops.Loop, inner *ssa.Phi, memo map[ssa.Value]*amount) (amount, bool) {
	var entry joined
	for i, pred := range inner.Block().Preds {
		if c.Contains(pred) {
			continue
		}
		a, ok := ch.growth(l, p, inner.Edges[i], memo)
		if !ok || !entry.add(a) {
			return amount{}, false
		}
	}
	before, ok := entry.result()
	if !ok {
		return amount{}, false
	}
	per, ok := ch.perIteration(c, inner)
	if !ok {
		return amount{}, false
	}
	all, ok := ch.m.nested(l, c, per)
	if !ok {
		return amount{}, false
	}
	return before.plus(all), true
}

// appended returns how many elements an append call adds when that is a
// constant: append(s, a, b), append(s, arr[:]...) of an array,
// append(b, "const"...).
func appended(call *ssa.Call) (int64, bool) {
	b, ok := call.Call.Value.(*ssa.Builtin)
	if !ok || b.Name() != "append" || len(call.Call.Args) != 2 {
		return 0, false
	}
	switch arg := call.Call.Args[1].(type) {
	case *ssa.Const:
		if arg.Value == nil {
			return 0, true // append(s) with nothing to add
		}
		if arg.Value.Kind() == constant.String {
			return int64(len(constant.StringVal(arg.Value))), true
		}
	case *ssa.Slice:
		if arg.Low != nil || arg.High != nil || arg.Max != nil {
			return 0, false
		}
		if ptr, ok := arg.X.Type().Underlying().(*types.Pointer); ok {
			if arr, ok := ptr.Elem().Underlying().(*types.Array); ok {
				return arr.Len(), true
			}
		}
	}
	return 0, false
}
