package membership

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/analyzers/internal/source"
	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/tripcount"
)

// searchTest returns the membership test m performs if it is a
// hand-written linear search nested in another loop: a loop over every
// element of a slice or array that compares the element, or a field of
// it, with == to a value that stays the same during m, and either stops
// at a match (break, return, a labelled continue, goto) or records the
// match in a flag, doing nothing else.
func (c *checker) searchTest(m *loops.Loop) *test {
	if m.Parent == nil || m.Kind == loops.RangeFunc || len(m.Children) > 0 {
		return nil
	}
	branch, cmp := c.searchBranch(m)
	if cmp == nil {
		return nil
	}
	elem, other, ok := c.elementSide(cmp, m)
	if !ok || !c.scansAll(m, elem) || !c.onlySearches(m) {
		return nil
	}
	matched := branch.Block().Succs[0]
	if cmp.Op == token.NEQ {
		matched = branch.Block().Succs[1]
	}
	stops := !m.Contains(matched)
	if !stops && !c.setsFlag(m, matched) {
		return nil
	}
	node := c.binaryExpr(cmp)
	if node == nil {
		return nil
	}
	xs, index, rest, _ := keyOf(elem).element()
	t := &test{
		xs:        xs,
		path:      rest,
		keyType:   elem.Type(),
		start:     m.Parent,
		node:      node,
		what:      types.ExprString(node),
		xsName:    c.collectionName(m, keyOf(elem).root),
		valueType: "struct{}",
	}
	if !mapKeyable(t.keyType) || !keyAddrKnown(t, rest, elem) {
		return nil
	}
	if stops {
		switch {
		case usedOutside(m, keyOf(elem).root):
			t.valueType = typeString(c.pass, elemType(xs.Type()))
		case usedOutside(m, index):
			t.valueType = "int"
		}
	}
	searched := keyOf(other)
	t.searched = &searched
	t.varies = func(l *loops.Loop) bool { return !c.oracle.InvariantThroughLocals(other, l) }
	return t
}

// searchBranch returns the one conditional branch of m on a == or !=
// comparison of an element, if every other branch in m is a loop exit
// test that reads no element.
func (c *checker) searchBranch(m *loops.Loop) (*ssa.If, *ssa.BinOp) {
	var branch *ssa.If
	var cmp *ssa.BinOp
	for _, b := range m.Blocks() {
		if len(b.Instrs) == 0 {
			continue
		}
		ifi, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		if bin, ok := ifi.Cond.(*ssa.BinOp); ok && (bin.Op == token.EQL || bin.Op == token.NEQ) {
			if _, _, isElem := c.elementSide(bin, m); isElem {
				if cmp != nil {
					return nil, nil // a compound key or a second condition
				}
				branch, cmp = ifi, bin
				continue
			}
		}
		if !exits(m, b) || !controlOnly(m, ifi.Cond, 0) {
			return nil, nil // a filter: the search is not plain equality
		}
	}
	return branch, cmp
}

// elementSide splits a comparison into the side that reads the current
// element of a collection m iterates over and the side it is compared
// with, which must stay the same during m.
func (c *checker) elementSide(cmp *ssa.BinOp, m *loops.Loop) (elem, other ssa.Value, ok bool) {
	for _, sides := range [2][2]ssa.Value{{cmp.X, cmp.Y}, {cmp.Y, cmp.X}} {
		xs, index, _, isElem := keyOf(sides[0]).element()
		if isElem && !c.oracle.Invariant(index, m) && c.oracle.InvariantThroughLocals(xs, m) &&
			c.oracle.InvariantThroughLocals(sides[1], m) {
			return sides[0], sides[1], true
		}
	}
	return nil, nil, false
}

// scansAll reports whether m visits every element of the collection elem
// is read from: it counts to the collection's length, or to a constant
// that is not small.
func (c *checker) scansAll(m *loops.Loop, elem ssa.Value) bool {
	xs, _, _, _ := keyOf(elem).element()
	n := c.counts.Of(m)
	switch n.Kind {
	case tripcount.Len:
		return n.X != nil && keyOf(n.X).equal(keyOf(xs))
	case tripcount.Const:
		return n.N >= int64(SmallThreshold)
	}
	return false
}

// exits reports whether b can leave m.
func exits(m *loops.Loop, b *ssa.BasicBlock) bool {
	for _, s := range b.Succs {
		if !m.Contains(s) {
			return true
		}
	}
	return false
}

// controlOnly reports whether v, a loop exit condition, is computed from
// the loop's counters and flags and from values fixed before the loop,
// not from the elements.
func controlOnly(m *loops.Loop, v ssa.Value, depth int) bool {
	instr, ok := v.(ssa.Instruction)
	if !ok || !m.Contains(instr.Block()) {
		return true
	}
	if depth > maxKeyDepth {
		return false
	}
	switch v := v.(type) {
	case *ssa.Phi:
		return true // counters and flags; onlySearches vets every phi of m
	case *ssa.BinOp:
		return controlOnly(m, v.X, depth+1) && controlOnly(m, v.Y, depth+1)
	case *ssa.UnOp:
		return v.Op == token.NOT && controlOnly(m, v.X, depth+1)
	case *ssa.Call:
		if isLenOrCap(v.Common()) {
			return controlOnly(m, v.Common().Args[0], depth+1)
		}
	}
	return false
}

// onlySearches reports whether m does nothing but search: it reads
// elements, copies them into its own local variables, counts, and
// keeps found flags, with no calls, no other stores, and no values
// carried across iterations other than counters and flags.
func (c *checker) onlySearches(m *loops.Loop) bool {
	for _, b := range m.Blocks() {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Phi:
				if !isCounter(m, instr) && !isFlag(m, instr, make(map[*ssa.Phi]bool)) {
					return false
				}
			case *ssa.UnOp:
				if instr.Op == token.ARROW {
					return false
				}
			case *ssa.Alloc:
				if instr.Heap {
					return false
				}
			case *ssa.Store:
				if !c.isFlagStore(m, instr) && !isOwnCopy(m, instr) {
					return false
				}
			case *ssa.Call:
				if !isLenOrCap(instr.Common()) {
					return false
				}
			case *ssa.If, *ssa.Jump, *ssa.BinOp, *ssa.FieldAddr, *ssa.Field,
				*ssa.IndexAddr, *ssa.Index, *ssa.Convert, *ssa.ChangeType:
			default:
				return false
			}
		}
	}
	return true
}

// isCounter reports whether phi is a counter of m: it enters m with any
// value and each back edge brings the phi itself, or the phi stepped by
// a constant.
func isCounter(m *loops.Loop, phi *ssa.Phi) bool {
	stepped := false
	for i, e := range phi.Edges {
		if !m.Contains(phi.Block().Preds[i]) {
			continue // the initial value
		}
		switch e := e.(type) {
		case *ssa.Phi:
			if e != phi {
				return false
			}
		case *ssa.BinOp:
			if (e.Op != token.ADD && e.Op != token.SUB) || e.X != phi {
				return false
			}
			if _, ok := e.Y.(*ssa.Const); !ok {
				return false
			}
			stepped = true
		default:
			return false
		}
	}
	return stepped
}

// isFlag reports whether phi is a boolean flag of m: each edge is a
// constant or a flag.
func isFlag(m *loops.Loop, phi *ssa.Phi, seen map[*ssa.Phi]bool) bool {
	if seen[phi] {
		return true
	}
	seen[phi] = true
	if !isBool(phi.Type()) {
		return false
	}
	for _, e := range phi.Edges {
		switch e := e.(type) {
		case *ssa.Const:
		case *ssa.Phi:
			if !m.Contains(e.Block()) || !isFlag(m, e, seen) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// isFlagStore reports whether st sets a boolean flag kept in memory that
// stays put during m (a captured variable, a field).
func (c *checker) isFlagStore(m *loops.Loop, st *ssa.Store) bool {
	k, ok := st.Val.(*ssa.Const)
	return ok && k.Value != nil && k.Value.Kind() == constant.Bool && c.oracle.Invariant(st.Addr, m)
}

// isOwnCopy reports whether st initialises a local variable declared in
// m, as a range statement does with each element it copies.
func isOwnCopy(m *loops.Loop, st *ssa.Store) bool {
	a, ok := st.Addr.(*ssa.Alloc)
	return ok && !a.Heap && m.Contains(a.Block())
}

// setsFlag reports whether the branch taken on a match, matched, which
// goes on with m, records the match: a flag phi takes a constant on an
// edge it dominates, or a flag is stored in a block it dominates.
func (c *checker) setsFlag(m *loops.Loop, matched *ssa.BasicBlock) bool {
	for _, b := range m.Blocks() {
		if !matched.Dominates(b) {
			continue
		}
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok && c.isFlagStore(m, st) {
				return true
			}
		}
		for _, s := range b.Succs {
			if flagEdge(m, s, b) {
				return true
			}
		}
	}
	return false
}

// flagEdge reports whether a flag phi of s takes a constant on the edge
// from pred.
func flagEdge(m *loops.Loop, s, pred *ssa.BasicBlock) bool {
	for i, p := range s.Preds {
		if p != pred {
			continue
		}
		for _, instr := range s.Instrs {
			phi, ok := instr.(*ssa.Phi)
			if !ok {
				break
			}
			if _, isConst := phi.Edges[i].(*ssa.Const); isConst && isFlag(m, phi, make(map[*ssa.Phi]bool)) {
				return true
			}
		}
	}
	return false
}

// usedOutside reports whether v, or a value derived from it in m (a
// load, a field, a local copy), is used after m exits.
func usedOutside(m *loops.Loop, v ssa.Value) bool {
	seen := make(map[ssa.Value]bool)
	stack := []ssa.Value{v}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[v] || v.Referrers() == nil {
			continue
		}
		seen[v] = true
		for _, ref := range *v.Referrers() {
			if !m.Contains(ref.Block()) {
				return true
			}
			switch ref := ref.(type) {
			case *ssa.Store:
				if ref.Val == v {
					stack = append(stack, ref.Addr)
				}
			case ssa.Value:
				stack = append(stack, ref)
			}
		}
	}
	return false
}

func isLenOrCap(c *ssa.CallCommon) bool {
	b, ok := c.Value.(*ssa.Builtin)
	return ok && (b.Name() == "len" || b.Name() == "cap") && len(c.Args) == 1
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsBoolean != 0
}

// elemType returns the element type of a slice, an array or a pointer to
// an array.
func elemType(t types.Type) types.Type {
	switch u := irutil.CoreType(irutil.Deref(t)).(type) {
	case *types.Slice:
		return u.Elem()
	case *types.Array:
		return u.Elem()
	}
	return t
}

// collectionName names the collection a search loop m scans: the range
// operand, or the indexed expression of the element read at root.
func (c *checker) collectionName(m *loops.Loop, root ssa.Value) string {
	if rs, ok := m.Stmt.(*ast.RangeStmt); ok {
		return types.ExprString(rs.X)
	}
	_, path := source.Enclosing(c.pass, root.Pos())
	for _, n := range path {
		if ix, ok := n.(*ast.IndexExpr); ok && ix.Lbrack == root.Pos() {
			return types.ExprString(ix.X)
		}
	}
	return "the slice"
}

// binaryExpr returns the comparison expression of cmp.
func (c *checker) binaryExpr(cmp *ssa.BinOp) *ast.BinaryExpr {
	_, path := source.Enclosing(c.pass, cmp.Pos())
	for _, n := range path {
		if be, ok := n.(*ast.BinaryExpr); ok && be.OpPos == cmp.Pos() {
			return be
		}
	}
	return nil
}
