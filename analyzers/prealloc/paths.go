package prealloc

import (
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/loops"
)

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
