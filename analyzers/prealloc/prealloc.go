package prealloc

import (
	_ "embed"
	"flag"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/analyzers/internal/meta"
	"github.com/perfvet/perfvet/analyzers/internal/report"
	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/tripcount"
)

//go:embed doc.go
var doc string

// Analyzer reports slices and maps filled in counted loops without
// capacity.
var Analyzer = &analysis.Analyzer{
	Name:     "prealloc",
	Doc:      meta.MustExtractDoc(doc, "prealloc"),
	URL:      meta.URL("prealloc"),
	Requires: report.Requires(loops.Analyzer, tripcount.Analyzer, invariant.Analyzer),
	Run:      run,
	Flags:    flags(),
}

// Info is the analyzer's registry entry.
var Info = meta.Info{Analyzer: Analyzer, Fixes: true}

// Conditional is the -conditional flag: also report loops that append
// or store on some iterations only, with the trip count as an upper
// bound.
var Conditional = false

func flags() flag.FlagSet {
	fs := flag.NewFlagSet("prealloc", flag.ContinueOnError)
	fs.BoolVar(&Conditional, "conditional", Conditional, "also report filtering loops (appends under a condition), preallocating the upper bound")
	return *fs
}

// candidate is a slice or map that a counted loop fills.
type candidate struct {
	loop *loops.Loop
	// total is how many elements the loop adds in all its iterations.
	total amount
	// perExact says every iteration adds the same amount.
	perExact bool
	// sites are the growth instructions (append calls, map stores).
	sites []ssa.Instruction
	// isMap, and for slices whether the value before the loop is nil.
	isMap, isNil bool
	// cell is the variable's memory when it lives in memory (captured
	// by a closure or addressed), nil when it lives in registers.
	cell *ssa.Alloc
}

func run(pass *analysis.Pass) (any, error) {
	forest := pass.ResultOf[loops.Analyzer].(*loops.Forest)
	m := &measurer{
		counts: pass.ResultOf[tripcount.Analyzer].(*tripcount.Counts),
		oracle: pass.ResultOf[invariant.Analyzer].(*invariant.Oracle),
	}
	r := report.New(pass)
	defer r.Flush()

	for _, c := range candidates(forest, m) {
		if c.total.exact || Conditional {
			reportCandidate(pass, r, c)
		}
	}
	return nil, nil
}

// candidates finds the slices and maps filled in counted loops.
func candidates(forest *loops.Forest, m *measurer) []candidate {
	var cs []candidate
	for _, l := range forest.All {
		cs = append(cs, phiCandidates(l, m)...)
	}
	for _, fn := range functions(forest) {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch instr := instr.(type) {
				case *ssa.Alloc:
					if c, ok := cellCandidate(forest, m, instr); ok {
						cs = append(cs, c)
					}
				case *ssa.MakeMap:
					if c, ok := mapCandidate(forest, m, instr); ok {
						cs = append(cs, c)
					}
				}
			}
		}
	}
	return cs
}

// functions lists the functions that have loops, in the forest's order.
func functions(forest *loops.Forest) []*ssa.Function {
	var fns []*ssa.Function
	seen := make(map[*ssa.Function]bool)
	for _, l := range forest.All {
		if !seen[l.Fn] {
			seen[l.Fn] = true
			fns = append(fns, l.Fn)
		}
	}
	return fns
}

// phiCandidates finds the slices held in registers that l fills: phis
// at its header that start from a fresh empty slice and are fed back by
// append.
func phiCandidates(l *loops.Loop, m *measurer) []candidate {
	var cs []candidate
	for _, instr := range l.Header.Instrs {
		p, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		if !isSlice(p.Type()) {
			continue
		}
		init := entryValue(l, p)
		isNil, fresh := freshSlice(init)
		if !fresh {
			continue
		}
		ch := &chain{m: m}
		per, ok := ch.perIteration(l, p)
		if !ok || len(per.size) == 0 {
			continue
		}
		total, ok := m.fill(l, per)
		if !ok {
			continue
		}
		sites := make([]ssa.Instruction, len(ch.appends))
		for i, a := range ch.appends {
			sites[i] = a
		}
		cs = append(cs, candidate{loop: l, total: total, perExact: per.exact, sites: sites, isNil: isNil})
	}
	return cs
}

// entryValue returns the value p has on entering l, or nil if it can
// enter with different values.
func entryValue(l *loops.Loop, p *ssa.Phi) ssa.Value {
	var v ssa.Value
	for i, pred := range p.Block().Preds {
		if l.Contains(pred) {
			continue
		}
		if v != nil && v != p.Edges[i] {
			return nil
		}
		v = p.Edges[i]
	}
	return v
}

// freshSlice reports whether v is a new slice without capacity (nil,
// []T{} or make([]T, 0)), and whether it is nil. Where else the value
// flows is checked on the source: nowhere between the declaration and
// the loop.
func freshSlice(v ssa.Value) (isNil, fresh bool) {
	switch v := v.(type) {
	case *ssa.Const:
		return true, v.IsNil()
	case *ssa.Slice:
		a, ok := v.X.(*ssa.Alloc)
		if !ok || !onlyUser(a, v) {
			return false, false
		}
		arr, ok := a.Type().(*types.Pointer).Elem().Underlying().(*types.Array)
		return false, ok && arr.Len() == 0
	}
	return false, false
}

// onlyUser reports whether user is the only instruction that uses v.
func onlyUser(v ssa.Value, user ssa.Instruction) bool {
	refs := v.Referrers()
	return refs != nil && len(*refs) == 1 && (*refs)[0] == user
}

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

func isSlice(t types.Type) bool {
	_, ok := coreType(t).(*types.Slice)
	return ok
}

func isMap(t types.Type) bool {
	_, ok := coreType(t).(*types.Map)
	return ok
}

// coreType returns the underlying type of t, or of the single type its
// constraint allows when t is a type parameter.
func coreType(t types.Type) types.Type {
	tp, ok := types.Unalias(t).(*types.TypeParam)
	if !ok {
		return t.Underlying()
	}
	var core types.Type
	iface := tp.Underlying().(*types.Interface)
	for i := range iface.NumEmbeddeds() {
		if u, ok := iface.EmbeddedType(i).(*types.Union); ok && u.Len() == 1 {
			core = u.Term(0).Type().Underlying()
		}
	}
	return core
}
