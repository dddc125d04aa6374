package prealloc

import (
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/loops"
)

// mapCandidate finds a map made without a size hint that a counted loop
// fills with stores and nothing else.
func mapCandidate(forest *loops.Forest, m *measurer, mm *ssa.MakeMap) (candidate, bool) {
	if !noHint(mm) {
		return candidate{}, false
	}
	return filledMap(forest, m, mm.Block(), []ssa.Value{mm}, nil, nil)
}

// mapCell finds a map variable in memory, initialised once with a map
// made without a size hint, that a counted loop fills.
func mapCell(forest *loops.Forest, m *measurer, a *ssa.Alloc, u cellUses) (candidate, bool) {
	if len(u.stores) != 1 {
		return candidate{}, false
	}
	init := u.stores[0]
	mm, ok := init.Val.(*ssa.MakeMap)
	if !ok || !noHint(mm) || !onlyUser(mm, init) {
		return candidate{}, false
	}
	values := make([]ssa.Value, len(u.loads))
	for i, ld := range u.loads {
		values[i] = ld
	}
	return filledMap(forest, m, a.Block(), values, init, u.escapes)
}

// noHint reports whether mm makes a map without a size hint.
func noHint(mm *ssa.MakeMap) bool {
	if mm.Reserve == nil {
		return true
	}
	c, ok := mm.Reserve.(*ssa.Const)
	return ok && c.Value != nil && c.Int64() == 0
}

// filledMap finds the loop that fills a map, whose values (the map, or
// loads of the variable holding it) are used in the loop only as the map
// of stores m[k] = v. init is the store that initialises the variable
// holding it, if any.
func filledMap(forest *loops.Forest, m *measurer, decl *ssa.BasicBlock, values []ssa.Value, init *ssa.Store, escapes []ssa.Instruction) (candidate, bool) {
	isMapValue := make(map[ssa.Value]bool, len(values))
	for _, v := range values {
		isMapValue[v] = true
	}
	var sites []ssa.Instruction
	for _, v := range values {
		for _, ref := range *v.Referrers() {
			if up, ok := ref.(*ssa.MapUpdate); ok && up.Map == v && !isMapValue[up.Key] && !isMapValue[up.Value] {
				sites = append(sites, up)
			}
		}
	}
	if len(sites) == 0 {
		return candidate{}, false
	}
	slices.SortFunc(sites, func(a, b ssa.Instruction) int { return int(a.Pos() - b.Pos()) })
	l := fillingLoop(forest, sites, decl)
	if l == nil || (init != nil && !initialises(l, init)) || !allAfter(l, escapes) {
		return candidate{}, false
	}
	// Any other use in the loop (a lookup, len, a call) means the loop
	// does more than fill the map: counting, deduplication, ...
	for _, v := range values {
		for _, ref := range *v.Referrers() {
			if _, isSite := ref.(*ssa.MapUpdate); l.Contains(ref.Block()) && !(isSite && slices.Contains(sites, ref)) {
				return candidate{}, false
			}
		}
	}
	isSite := make(map[ssa.Instruction]bool, len(sites))
	for _, s := range sites {
		isSite[s] = true
	}
	ps := &paths{m: m, site: func(instr ssa.Instruction) (int64, bool) {
		return 1, isSite[instr]
	}}
	return measured(m, l, ps, candidate{loop: l, sites: sites, isMap: true})
}
