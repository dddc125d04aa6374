package sizes

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
)

// none is the size of a value met again while its own size is being
// computed: the bottom of the lattice, which a join ignores. Only
// operations that cannot grow a value (joins, re-slices without an upper
// bound) may pass it on; any other turns it into top, so that a loop
// that grows a value (n = n + 1, s = append(s, x)) is never bounded.
const none Kind = -1

// shrunk is the size of a value computed from one met again by an
// operation that cannot grow it (x[1:]): at most that value. A join
// with it keeps the other side's bound but not its exactness.
const shrunk Kind = -2

var bottom = Size{Kind: none}

// cyclic reports whether sz stands for a value met again.
func cyclic(sz Size) bool { return sz.Kind == none || sz.Kind == shrunk }

// maxDepth bounds how deep one question follows values, and maxSteps
// how many it computes in all; past either a value is unknown. Values
// whose answer rests on a cycle are not memoised, so without the budget
// a web of them could be explored again along every path.
const (
	maxDepth = 16
	maxSteps = 512
)

// query is one question to Sizes. Values whose answer depended on the
// assumption made for a value met again (a cycle through phis) are not
// memoised: the assumption holds only for the value the cycle closed
// on.
type query struct {
	s      *Sizes
	active map[ssa.Value]bool
	// variables are the local variables being read, each a single
	// value for this question: every load of one joins the same stores.
	variables map[*ssa.Alloc]bool
	cycles    int  // how often a value was met again
	steps     int  // values computed
	cut       bool // the question went past maxDepth or maxSteps
}

// settled reports whether answers computed since cycles was before
// hold beyond this question: they met no value again and were not cut
// short.
func (q *query) settled(before int) bool { return q.cycles == before && !q.cut }

func (q *query) size(v ssa.Value, depth int) Size {
	if sz, ok := q.s.memo[v]; ok {
		return sz
	}
	if q.active[v] {
		q.cycles++
		return bottom
	}
	q.steps++
	if depth > maxDepth || q.steps > maxSteps {
		q.cut = true
		return top(v)
	}
	q.active[v] = true
	before := q.cycles
	sz := q.compute(v, depth+1)
	delete(q.active, v)
	if q.settled(before) {
		q.s.memo[v] = sz
	}
	return sz
}

func (q *query) compute(v ssa.Value, depth int) Size {
	if n, ok := arrayLen(v.Type()); ok {
		return Of(n)
	}
	switch v := v.(type) {
	case *ssa.Const:
		return constSize(v)
	case *ssa.Slice:
		return q.slice(v, depth)
	case *ssa.ChangeType:
		return q.size(v.X, depth)
	case *ssa.Convert:
		return q.convert(v, depth)
	case *ssa.MakeSlice:
		return orTop(q.size(v.Len, depth), v)
	case *ssa.MakeChan:
		return orTop(q.size(v.Size, depth), v) // its capacity
	case *ssa.Phi:
		return q.phi(v, depth)
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return q.load(v, depth)
		}
	case *ssa.BinOp:
		return q.binOp(v, depth)
	case *ssa.Call:
		return q.call(v, depth)
	case *ssa.Parameter:
		return q.s.variadic(v)
	}
	return top(v)
}

// orTop turns bottom into the top of v: the operation could grow it.
func orTop(sz Size, v ssa.Value) Size {
	if cyclic(sz) {
		return top(v)
	}
	return sz
}

// arrayLen returns the length of an array or pointer-to-array type.
func arrayLen(t types.Type) (int64, bool) {
	if a, ok := irutil.CoreType(irutil.Deref(t)).(*types.Array); ok {
		return a.Len(), true
	}
	return 0, false
}

func constSize(c *ssa.Const) Size {
	switch {
	case c.Value == nil:
		if c.IsNil() {
			return Of(0)
		}
	case c.Value.Kind() == constant.Int:
		if n, exact := constant.Int64Val(c.Value); exact {
			return Of(n)
		}
	case c.Value.Kind() == constant.String:
		return Of(int64(len(constant.StringVal(c.Value))))
	}
	return top(c)
}

// slice is the size of x[lo:hi]: hi-lo when both are known, and never
// more than x when hi is left out. A re-slice that does not panic has
// 0 <= lo <= hi.
func (q *query) slice(v *ssa.Slice, depth int) Size {
	hi := q.size(v.X, depth)
	if v.High != nil {
		hi = orTop(q.size(v.High, depth), v.High)
	}
	if v.Low == nil {
		return hi
	}
	if cyclic(hi) {
		return Size{Kind: shrunk}
	}
	lo := orTop(q.size(v.Low, depth), v.Low)
	switch {
	case hi.Kind == Exact && lo.Kind == Exact:
		return Of(max(hi.N-lo.N, 0))
	case hi.bounded():
		return Max(hi.N)
	}
	return hi
}

// convert follows conversions between integer types and between strings
// and byte or rune slices: a string's length counts bytes, so its runes
// are at most as many.
func (q *query) convert(v *ssa.Convert, depth int) Size {
	from, to := v.X.Type(), v.Type()
	switch {
	case isInteger(from) && isInteger(to):
		return q.size(v.X, depth)
	case irutil.IsString(from) && isRunes(to):
		sz := q.size(v.X, depth)
		if sz.Kind == Exact {
			return Max(sz.N)
		}
		return sz
	case irutil.IsString(from) || irutil.IsString(to):
		return q.size(v.X, depth)
	}
	return top(v)
}

func isRunes(t types.Type) bool {
	s, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Int32
}

// phi joins the sizes of phi's edges, each refined by the comparisons
// that hold on the way to it.
func (q *query) phi(phi *ssa.Phi, depth int) Size {
	sz := bottom
	for i, e := range phi.Edges {
		edge := q.size(e, depth)
		edge = q.refine(edge, e, phi.Block().Preds[i], phi.Block(), depth)
		sz = join(sz, edge)
	}
	return sz
}

// join is Join with bottom as its identity; joined with a shrunk
// value, a size is only an upper bound.
func join(a, b Size) Size {
	switch {
	case a.Kind == none:
		return b
	case b.Kind == none:
		return a
	case a.Kind == shrunk && b.Kind == shrunk:
		return a
	case a.Kind == shrunk:
		return loosen(b)
	case b.Kind == shrunk:
		return loosen(a)
	}
	return Join(a, b)
}

// loosen turns an exact size into a bound.
func loosen(sz Size) Size {
	if sz.Kind == Exact {
		return Max(sz.N)
	}
	return sz
}

// load is the size of a value read from a variable: a package-level
// one of this package, or a local one whose every store is known.
func (q *query) load(load *ssa.UnOp, depth int) Size {
	if g, ok := load.X.(*ssa.Global); ok {
		return q.s.global(g)
	}
	alloc := irutil.Variable(load.X)
	if alloc == nil {
		return top(load)
	}
	if sz, ok := q.s.variables[alloc]; ok {
		return sz
	}
	if q.variables[alloc] {
		q.cycles++
		return bottom
	}
	q.variables[alloc] = true
	before := q.cycles
	sz := q.variable(alloc, depth)
	delete(q.variables, alloc)
	if q.settled(before) {
		q.s.variables[alloc] = sz
	}
	return sz
}

// variable joins the values stored into alloc, with its zero value
// when it may be read before the first store.
func (q *query) variable(alloc *ssa.Alloc, depth int) Size {
	stores, ok := irutil.VarStores(alloc)
	if !ok || len(stores) == 0 {
		return topOf(irutil.Deref(alloc.Type()))
	}
	sz := bottom
	if !initialised(alloc) {
		sz = Of(0) // a variable is zero until stored to
	}
	for _, st := range stores {
		sz = join(sz, q.size(st.Val, depth))
	}
	return sz
}

// initialised reports whether the first use of alloc, in its block,
// stores into it: the variable is never read as its zero value.
func initialised(alloc *ssa.Alloc) bool {
	instrs := alloc.Block().Instrs
	started := false
	var ops []*ssa.Value
	for _, instr := range instrs {
		if instr == alloc {
			started = true
			continue
		}
		if !started {
			continue
		}
		for _, op := range instr.Operands(ops[:0]) {
			if *op == alloc {
				st, ok := instr.(*ssa.Store)
				return ok && st.Addr == ssa.Value(alloc)
			}
		}
	}
	return false
}
