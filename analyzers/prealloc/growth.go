package prealloc

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/tripcount"
)

// measurer computes how many elements loops add to a slice or map.
type measurer struct {
	counts *tripcount.Counts
	oracle *invariant.Oracle
}

// counted returns the trip count of l as a factor when the count is
// proven: len(x) or int(n), or a constant, with no early exit, and the
// count tested either in the header (every other block runs once per
// iteration, the header once more) or at the end of an iteration (every
// block runs once per iteration). exact is false when the count is only
// an upper bound: a range over a string runs once per rune, at most
// len(s) times.
func (m *measurer) counted(l *loops.Loop) (f factor, k int64, exact, ok bool) {
	c := m.counts.Of(l)
	exit, ok := m.counts.CountingExit(l)
	if !ok || (exit.From != l.Header && !isLatch(l, exit.From)) || len(m.counts.EarlyExits(l)) > 0 {
		return factor{}, 0, false, false
	}
	switch c.Kind {
	case tripcount.Const:
		return factor{}, c.N, c.Exact, c.Exact
	case tripcount.Len, tripcount.Int:
		if !c.Exact && !isStringRange(l) {
			return factor{}, 0, false, false // a bound that may be too low
		}
		return factor{kind: c.Kind, x: c.X, expr: c.Expr}, 1, c.Exact, true
	}
	return factor{}, 0, false, false
}

func isLatch(l *loops.Loop, b *ssa.BasicBlock) bool {
	for _, latch := range l.Latches {
		if latch == b {
			return true
		}
	}
	return false
}

// headerRunsOnceMore reports whether l's header runs once more than its
// count, to test the count and leave: growth there would be miscounted.
func (m *measurer) headerRunsOnceMore(l *loops.Loop) bool {
	exit, _ := m.counts.CountingExit(l)
	return exit.From == l.Header && !isLatch(l, l.Header)
}

// guarded returns the loop nested in l that g guards: a range over an
// integer is compiled with its test at the bottom and a guard before it,
// which skips the loop when the count is zero. Along the skipping edge
// the loop adds its total, zero, like the loop itself.
func (m *measurer) guarded(l *loops.Loop, g *ssa.BasicBlock) *loops.Loop {
	if len(g.Succs) != 2 || !ownBlock(l, g) {
		return nil
	}
	c := childWithHeader(l, g.Succs[0])
	if c == nil || c.Kind != loops.Range || len(c.Header.Preds) == 0 {
		return nil
	}
	exit, ok := m.counts.CountingExit(c)
	if !ok || exit.To != g.Succs[1] || exit.From == c.Header && !isLatch(c, c.Header) {
		return nil
	}
	return c
}

// isStringRange reports whether l ranges over a string.
func isStringRange(l *loops.Loop) bool {
	for _, instr := range l.Header.Instrs {
		if next, ok := instr.(*ssa.Next); ok && next.IsString {
			return true
		}
	}
	return false
}

// total returns the amount l adds over all its iterations, given the
// amount per iteration.
func (m *measurer) total(l *loops.Loop, per amount) (amount, bool) {
	f, k, exact, ok := m.counted(l)
	if !ok {
		return amount{}, false
	}
	s := per.size.scale(k)
	if f.x != nil {
		s = s.times(f)
	}
	if s.tooBig() {
		return amount{}, false
	}
	return amount{s, per.exact && exact}, true
}

// fill returns the amount l adds over all its iterations to a slice or
// map declared before it, given the amount per iteration. The analyzer
// reports only loops whose count depends on the data (len(x), int(n)),
// and only hot ones.
func (m *measurer) fill(l *loops.Loop, per amount) (amount, bool) {
	switch m.counts.Of(l).Kind {
	case tripcount.Len, tripcount.Int:
	default:
		return amount{}, false
	}
	if !m.counts.Hot(l) {
		return amount{}, false
	}
	return m.total(l, per)
}

// nested returns the amount a child loop c of l adds each time l's
// iteration runs it. c's count must not change from one iteration of l to
// the next, or the total is not a product of counts.
func (m *measurer) nested(l, c *loops.Loop, per amount) (amount, bool) {
	if cnt := m.counts.Of(c); cnt.X != nil && !m.oracle.Invariant(cnt.X, l) {
		return amount{}, false
	}
	a, ok := m.total(c, per)
	if !ok || !a.exact {
		// A filter in a nested loop: the product of the counts would
		// bound it too loosely to preallocate.
		return amount{}, false
	}
	return a, true
}

// childWithHeader returns the loop nested directly in l, in l's function,
// whose header is b.
func childWithHeader(l *loops.Loop, b *ssa.BasicBlock) *loops.Loop {
	for _, c := range l.Children {
		if c.Fn == l.Fn && c.Header == b {
			return c
		}
	}
	return nil
}

// childContaining returns the loop nested directly in l, in l's
// function, that contains b.
func childContaining(l *loops.Loop, b *ssa.BasicBlock) *loops.Loop {
	for _, c := range l.Children {
		if c.Fn == l.Fn && c.Contains(b) {
			return c
		}
	}
	return nil
}

// ownBlock reports whether b belongs to l and to none of its nested loops.
func ownBlock(l *loops.Loop, b *ssa.BasicBlock) bool {
	return l.Contains(b) && childContaining(l, b) == nil
}

// chain follows the values of a slice held in SSA registers: the phi at
// a loop header fed back by append.
type chain struct {
	m       *measurer
	appends []*ssa.Call // the appends on the chain, for reporting
	failed  bool
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
	i := slices.Index(c.Header.Preds, exit.From)
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

// entryPhi returns the phi at the header of c that takes v on entry
// from g.
func entryPhi(c *loops.Loop, g *ssa.BasicBlock, v ssa.Value) *ssa.Phi {
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
		if q := entryPhi(c, pred, v); q != nil {
			return ch.throughChild(l, p, c, q, memo)
		}
	}
	return ch.growth(l, p, v, memo)
}

// joined accumulates the amounts of paths that meet.
type joined struct {
	a    amount
	some bool
	bad  bool
}

// add merges a into j, reporting false if the paths cannot be merged.
func (j *joined) add(a amount) bool {
	if j.bad {
		return false
	}
	if !j.some {
		j.a, j.some = a, true
		return true
	}
	merged, ok := merge(j.a, a)
	j.a, j.bad = merged, !ok
	return ok
}

func (j *joined) result() (amount, bool) {
	if j == nil {
		return amount{}, false
	}
	return j.a, j.some && !j.bad
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

// paths counts growth sites (map stores, stores of appended slices into
// a variable in memory) along the paths of a loop's iterations.
type paths struct {
	m *measurer
	// site returns how many elements instr adds, and whether it is a
	// growth site at all.
	site func(ssa.Instruction) (int64, bool)
}

// perIteration returns how many elements the sites of one iteration of
// l add: the sites along each path from the header back to it, loops
// nested in l counted as their total.
func (ps *paths) perIteration(l *loops.Loop) (amount, bool) {
	order, ok := ps.topological(l)
	if !ok {
		return amount{}, false
	}
	// in[b] joins the paths reaching b; in[nil] those reaching a latch.
	in := map[*ssa.BasicBlock]*joined{l.Header: {a: zero, some: true}}
	for _, b := range order {
		start, ok := in[b].result()
		if !ok {
			return amount{}, false
		}
		outs, ok := ps.through(l, b, start)
		if !ok {
			return amount{}, false
		}
		for _, o := range outs {
			to := o.to
			if to == l.Header {
				to = nil
			} else if !l.Contains(to) {
				continue // the counting exit, or a path that only panics
			}
			if in[to] == nil {
				in[to] = new(joined)
			}
			if !in[to].add(o.amount) {
				return amount{}, false
			}
		}
	}
	return in[nil].result()
}

// edgeOut is the amount added so far along a path, when it goes to a
// block.
type edgeOut struct {
	to     *ssa.BasicBlock
	amount amount
}

// through returns the amounts leaving node b of l's iteration (a block
// of l's own, or the header of a nested loop standing for all of it),
// given the amount on entering it.
func (ps *paths) through(l *loops.Loop, b *ssa.BasicBlock, in amount) ([]edgeOut, bool) {
	if c := childWithHeader(l, b); c != nil {
		all, ok := ps.nestedTotal(l, c)
		if !ok {
			return nil, false
		}
		exit, _ := ps.m.counts.CountingExit(c)
		return []edgeOut{{exit.To, in.plus(all)}}, true
	}
	out := in
	for _, instr := range b.Instrs {
		if k, ok := ps.site(instr); ok {
			if b == l.Header && ps.m.headerRunsOnceMore(l) {
				return nil, false
			}
			out = out.plus(amount{sizeOf(k), true})
		}
	}
	outs := make([]edgeOut, len(b.Succs))
	for i, s := range b.Succs {
		outs[i] = edgeOut{s, out}
	}
	if c := ps.m.guarded(l, b); c != nil {
		// Skipping a loop whose count is zero adds its total, zero.
		all, ok := ps.nestedTotal(l, c)
		if !ok {
			return nil, false
		}
		outs[1].amount = out.plus(all)
	}
	return outs, true
}

// nestedTotal returns what loop c, nested in l, adds each time it runs.
func (ps *paths) nestedTotal(l, c *loops.Loop) (amount, bool) {
	per, ok := ps.perIteration(c)
	if !ok {
		return amount{}, false
	}
	return ps.m.nested(l, c, per)
}

// topological orders the nodes of one iteration of l (its own blocks and
// the headers of its nested loops) so that each comes after every node
// that can precede it. It fails on control flow it cannot order.
func (ps *paths) topological(l *loops.Loop) ([]*ssa.BasicBlock, bool) {
	const (
		unseen = iota
		active
		done
	)
	state := make(map[*ssa.BasicBlock]int)
	var post []*ssa.BasicBlock
	ok := true
	var visit func(b *ssa.BasicBlock)
	visit = func(b *ssa.BasicBlock) {
		switch state[b] {
		case active:
			ok = false // a cycle that is not a loop of the forest
			return
		case done:
			return
		}
		state[b] = active
		for _, s := range ps.next(l, b) {
			if s != l.Header && l.Contains(s) {
				visit(s)
			}
		}
		state[b] = done
		post = append(post, b)
	}
	visit(l.Header)
	for i, j := 0, len(post)-1; i < j; i, j = i+1, j-1 {
		post[i], post[j] = post[j], post[i]
	}
	return post, ok
}

// next returns the successors of node b in one iteration of l: a nested
// loop continues at its counting exit.
func (ps *paths) next(l *loops.Loop, b *ssa.BasicBlock) []*ssa.BasicBlock {
	if c := childWithHeader(l, b); c != nil {
		if exit, ok := ps.m.counts.CountingExit(c); ok {
			return []*ssa.BasicBlock{exit.To}
		}
		return nil
	}
	return b.Succs
}

// loadOf reports whether v loads the variable at addr.
func loadOf(v ssa.Value, addr ssa.Value) bool {
	u, ok := v.(*ssa.UnOp)
	return ok && u.Op == token.MUL && u.X == addr
}
