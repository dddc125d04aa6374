package prealloc

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/loops"
)

// Variables in memory: a slice or map variable captured by a closure, or
// whose address is taken, lives in an Alloc that the loop loads and
// stores instead of in SSA registers.

// cellCandidate finds a slice or map variable that lives in memory
// (because a closure captures it or its address is taken) and that a
// counted loop fills.
func cellCandidate(forest *loops.Forest, m *measurer, a *ssa.Alloc) (candidate, bool) {
	if a.Comment == "" {
		return candidate{}, false // not a named variable
	}
	uses := cellUsesOf(a)
	elem := a.Type().(*types.Pointer).Elem()
	switch {
	case isSlice(elem):
		return sliceCell(forest, m, a, uses)
	case isMap(elem):
		return mapCell(forest, m, a, uses)
	}
	return candidate{}, false
}

// cellUses sorts the uses of a variable in memory.
type cellUses struct {
	stores []*ssa.Store
	loads  []*ssa.UnOp
	// escapes are the other uses: the address passed on, or captured
	// by a closure that may write the variable. None may happen before
	// or during the loop that fills it.
	escapes []ssa.Instruction
}

// cellUsesOf sorts the uses of a. Closures that only read the variable
// are not escapes: while the loop runs, every write to the variable is
// then a Store of its own function.
func cellUsesOf(a *ssa.Alloc) cellUses {
	var u cellUses
	for _, ref := range *a.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Store:
			if ref.Addr == a && ref.Val != a {
				u.stores = append(u.stores, ref)
				continue
			}
		case *ssa.UnOp:
			if ref.Op == token.MUL {
				u.loads = append(u.loads, ref)
				continue
			}
		case *ssa.MakeClosure:
			if readOnlyCapture(ref, a) {
				continue
			}
		}
		u.escapes = append(u.escapes, ref)
	}
	return u
}

// readOnlyCapture reports whether the closure mc only loads a, the
// variable it captures.
func readOnlyCapture(mc *ssa.MakeClosure, a *ssa.Alloc) bool {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return false
	}
	for i, b := range mc.Bindings {
		if b != a {
			continue
		}
		if i >= len(fn.FreeVars) {
			return false
		}
		for _, ref := range *fn.FreeVars[i].Referrers() {
			if u, ok := ref.(*ssa.UnOp); !ok || u.Op != token.MUL {
				return false
			}
		}
	}
	return true
}

// sliceCell finds the loop that fills a slice variable in memory: every
// store to it in the loop appends to what was just loaded from it.
func sliceCell(forest *loops.Forest, m *measurer, a *ssa.Alloc, u cellUses) (candidate, bool) {
	added := make(map[ssa.Instruction]int64)
	var sites []ssa.Instruction
	var others []*ssa.Store
	for _, st := range u.stores {
		if call, k, ok := appendStore(a, st); ok {
			added[st] = k
			sites = append(sites, call)
		} else {
			others = append(others, st)
		}
	}
	if len(sites) == 0 {
		return candidate{}, false
	}
	l := fillingLoop(forest, sites, a.Block())
	if l == nil {
		return candidate{}, false
	}
	isNil := true
	switch len(others) {
	case 0: // the variable starts as the zero value, nil
	case 1:
		init := others[0]
		nilInit, fresh := freshSlice(init.Val)
		if !fresh || !initialises(l, init) {
			return candidate{}, false
		}
		isNil = nilInit
	default:
		return candidate{}, false
	}
	if !allAfter(l, u.escapes) {
		return candidate{}, false
	}
	ps := &paths{m: m, site: func(instr ssa.Instruction) (int64, bool) {
		k, ok := added[instr]
		return k, ok
	}}
	return measured(m, l, ps, candidate{loop: l, sites: sites, isNil: isNil, cell: a})
}

// appendStore recognises st as v = append(v, ...) of a variable v in
// memory at a: the store of an append chain applied to a load of v in
// the same block, with no other store to v in between. It returns the
// first append of the chain and how many elements the chain adds.
func appendStore(a *ssa.Alloc, st *ssa.Store) (*ssa.Call, int64, bool) {
	var k int64
	var first *ssa.Call
	v := st.Val
	for {
		call, ok := v.(*ssa.Call)
		if !ok || call.Block() != st.Block() {
			break
		}
		n, ok := appended(call)
		if !ok {
			return nil, 0, false
		}
		k += n
		first = call
		v = call.Call.Args[0]
	}
	load, ok := v.(*ssa.UnOp)
	if first == nil || !ok || !loadOf(load, a) || load.Block() != st.Block() {
		return nil, 0, false
	}
	// Only Store instructions write the variable (see cellUsesOf).
	b := st.Block().Instrs
	for _, instr := range b[slices.Index(b, ssa.Instruction(load))+1 : slices.Index(b, ssa.Instruction(st))] {
		if other, ok := instr.(*ssa.Store); ok && other.Addr == a {
			return nil, 0, false
		}
	}
	return first, k, true
}

// fillingLoop returns the loop that fills a variable declared in block
// decl and grown at sites: the outermost loop that holds the first site
// but not the declaration, provided it holds every site.
func fillingLoop(forest *loops.Forest, sites []ssa.Instruction, decl *ssa.BasicBlock) *loops.Loop {
	l := forest.Innermost(sites[0])
	if l == nil || l.Fn != decl.Parent() || l.Contains(decl) {
		return nil
	}
	for l.Parent != nil && l.Parent.Fn == l.Fn && !l.Parent.Contains(decl) {
		l = l.Parent
	}
	for _, s := range sites {
		if !l.Contains(s.Block()) {
			return nil
		}
	}
	return l
}

// initialises reports whether the store init sets the variable's value
// on entry to l: it comes before l on every path, outside l, and inside
// the loop around l if there is one, so that each run of l starts from
// it.
func initialises(l *loops.Loop, init *ssa.Store) bool {
	b := init.Block()
	if l.Contains(b) || !b.Dominates(l.Header) {
		return false
	}
	return l.Parent == nil || l.Parent.Fn != l.Fn || l.Parent.Contains(b)
}

// allAfter reports whether the instructions all run after l and outside
// any loop around it, so that none runs before or while l fills the
// variable.
func allAfter(l *loops.Loop, instrs []ssa.Instruction) bool {
	for _, instr := range instrs {
		if l.Stmt == nil || position(instr) < l.Stmt.End() {
			return false
		}
		for outer := l; outer != nil && outer.Fn == l.Fn; outer = outer.Parent {
			if outer.Contains(instr.Block()) {
				return false
			}
		}
	}
	return true
}

// position returns where instr is in the source; for a closure, where
// its function literal starts.
func position(instr ssa.Instruction) token.Pos {
	if mc, ok := instr.(*ssa.MakeClosure); ok {
		return mc.Fn.Pos()
	}
	return instr.Pos()
}

// measured completes c with the total its loop adds, counted along the
// paths of each iteration.
func measured(m *measurer, l *loops.Loop, ps *paths, c candidate) (candidate, bool) {
	per, ok := ps.perIteration(l)
	if !ok || len(per.size) == 0 {
		return candidate{}, false
	}
	total, ok := m.fill(l, per)
	if !ok {
		return candidate{}, false
	}
	c.total, c.perExact = total, per.exact
	return c, true
}

// loadOf reports whether v loads the variable at addr.
func loadOf(v ssa.Value, addr ssa.Value) bool {
	u, ok := v.(*ssa.UnOp)
	return ok && u.Op == token.MUL && u.X == addr
}
