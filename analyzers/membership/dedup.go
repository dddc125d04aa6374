package membership

import (
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/loops"
)

// dedups reports whether t is the de-duplication idiom in l: xs is a
// variable l carries from one iteration to the next (a phi at its
// header) whose elements l never changes, and which grows only by
// appending the element t searched for.
func (c *checker) dedups(t *test, l *loops.Loop) bool {
	phi, ok := t.xs.(*ssa.Phi)
	if !ok || phi.Block() != l.Header || c.oracle.ContentsChange(l, phi) {
		return false
	}
	g := growth{loop: l, header: phi, test: t, seen: make(map[ssa.Value]bool)}
	for i, pred := range l.Header.Preds {
		if l.Contains(pred) && !g.onlyAppends(phi.Edges[i]) {
			return false
		}
	}
	return g.appended
}

// growth follows the values a loop-carried slice takes back from a back
// edge to the loop header.
type growth struct {
	loop     *loops.Loop
	header   *ssa.Phi
	test     *test
	seen     map[ssa.Value]bool
	appended bool
}

// onlyAppends reports whether v is the header phi, possibly extended by
// appending the searched element, through phis of the loop.
func (g *growth) onlyAppends(v ssa.Value) bool {
	if v == g.header || g.seen[v] {
		return true
	}
	g.seen[v] = true
	switch v := v.(type) {
	case *ssa.Phi:
		if !g.loop.Contains(v.Block()) {
			return false
		}
		for _, e := range v.Edges {
			if !g.onlyAppends(e) {
				return false
			}
		}
		return true
	case *ssa.Call:
		args := v.Common().Args
		if isAppend(v.Common()) && len(args) == 2 && g.appendsSearched(args[1]) && g.onlyAppends(args[0]) {
			g.appended = true
			return true
		}
	}
	return false
}

// appendsSearched reports whether the variadic arguments of an append,
// vals, are the one element the test searched for.
func (g *growth) appendsSearched(vals ssa.Value) bool {
	sl, ok := vals.(*ssa.Slice)
	if !ok {
		return false
	}
	arr, ok := sl.X.(*ssa.Alloc)
	if !ok || arrayLen(arr.Type()) != 1 {
		return false
	}
	for _, ref := range *arr.Referrers() {
		ia, ok := ref.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		for _, use := range *ia.Referrers() {
			if st, ok := use.(*ssa.Store); ok && st.Addr == ia {
				return g.isSearched(st.Val)
			}
		}
	}
	return false
}

// isSearched reports whether the key of the element v is the key t
// searched for.
func (g *growth) isSearched(v ssa.Value) bool {
	k := keyOf(v).then(g.test.path...)
	t := g.test
	return (t.searched != nil && k.equal(*t.searched)) || (t.alsoSearched != nil && k.equal(*t.alsoSearched))
}

func isAppend(c *ssa.CallCommon) bool {
	b, ok := c.Value.(*ssa.Builtin)
	return ok && b.Name() == "append"
}
