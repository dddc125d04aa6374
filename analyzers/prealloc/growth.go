package prealloc

import (
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
	if c == nil || c.Kind != loops.Range {
		return nil
	}
	exit, ok := m.counts.CountingExit(c)
	if !ok || exit.To != g.Succs[1] || m.headerRunsOnceMore(c) {
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
