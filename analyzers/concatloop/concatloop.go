package concatloop

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/analyzers/internal/lint"
	"github.com/perfvet/perfvet/analyzers/internal/report"
	"github.com/perfvet/perfvet/analyzers/internal/source"
	"github.com/perfvet/perfvet/passes/effects"
	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
)

//go:embed doc.go
var doc string

// Analyzer reports strings that grow by concatenation across loop iterations.
var Analyzer = Info.Analyzer

// Info is the analyzer's registry entry.
var Info = lint.Define(lint.Analyzer{
	Name:  "concatloop",
	Doc:   doc,
	Fixes: true,
	Tags:  []lint.Tag{lint.Alloc},
	Run:   run,
})

// growth is a loop-carried string and the places that extend it.
type growth struct {
	sites []ssa.Instruction // the + or fmt.Sprint* calls, in source order
	loop  *loops.Loop
}

func run(p *lint.Pass) (any, error) {
	pass := p.Pass
	forest := p.Loops()
	counts := p.Counts()
	oracle := p.Invariant()
	r := p.Reporter()

	reported := make(map[ssa.Instruction]bool)
	fixed := make(map[types.Object]bool)
	// Inner loops first, so each site is reported with the innermost hot
	// loop it grows in.
	for i := len(forest.All) - 1; i >= 0; i-- {
		l := forest.All[i]
		if !counts.Hot(l) {
			continue
		}
		for _, g := range growths(l, oracle) {
			g.sites = slices.DeleteFunc(g.sites, func(site ssa.Instruction) bool { return reported[site] })
			if len(g.sites) == 0 {
				continue
			}
			for _, site := range g.sites {
				reported[site] = true
			}
			reportGrowth(pass, r, g, fixed)
		}
	}
	return nil, nil
}

// growths finds the strings l carries across iterations and extends:
// string phis at the header fed back by concatenation, and strings in
// loop-invariant memory stored back concatenated with themselves.
func growths(l *loops.Loop, oracle *invariant.Oracle) []growth {
	all := append(phiGrowths(l), memoryGrowths(l, oracle)...)
	gs := make([]growth, 0, len(all))
	for _, sites := range all {
		slices.SortFunc(sites, func(a, b ssa.Instruction) int { return int(a.Pos() - b.Pos()) })
		gs = append(gs, growth{sites: slices.Compact(sites), loop: l})
	}
	return gs
}

// phiGrowths returns, for each string phi at l's header, the
// concatenations through which it flows back to the header along a back
// edge.
func phiGrowths(l *loops.Loop) [][]ssa.Instruction {
	var all [][]ssa.Instruction
	for _, instr := range l.Header.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		if !irutil.IsString(phi.Type()) {
			continue
		}
		isPhi := func(v ssa.Value) bool { return v == phi }
		var sites []ssa.Instruction
		for i, pred := range l.Header.Preds {
			if l.Contains(pred) {
				sites = append(sites, concatSites(l, phi.Edges[i], isPhi)...)
			}
		}
		if len(sites) > 0 {
			all = append(all, sites)
		}
	}
	return all
}

// memoryGrowths returns, for each loop-invariant location, the
// concatenations stored back into it from a load of it.
func memoryGrowths(l *loops.Loop, oracle *invariant.Oracle) [][]ssa.Instruction {
	stores := stringStores(l)
	var all [][]ssa.Instruction
	var locations []ssa.Value
	for _, st := range stores {
		// Every block of a natural loop reaches a back edge, so st runs
		// again on the next iteration unless the location moves.
		if !oracle.Invariant(st.Addr, l) {
			continue
		}
		isLoad := func(v ssa.Value) bool {
			ld, ok := v.(*ssa.UnOp)
			return ok && ld.Op == token.MUL && sameLocation(ld.X, st.Addr)
		}
		found := concatSites(l, st.Val, isLoad)
		if len(found) == 0 || rebuiltInLoop(oracle.Effects(), l, stores, st, isLoad) {
			continue
		}
		i := slices.IndexFunc(locations, func(loc ssa.Value) bool { return sameLocation(loc, st.Addr) })
		if i < 0 {
			locations = append(locations, st.Addr)
			all = append(all, nil)
			i = len(all) - 1
		}
		all[i] = append(all[i], found...)
	}
	return all
}

// stringStores returns the stores of strings in l's own function.
func stringStores(l *loops.Loop) []*ssa.Store {
	var stores []*ssa.Store
	for _, instr := range l.Instrs() {
		if st, ok := instr.(*ssa.Store); ok && irutil.IsString(st.Val.Type()) {
			stores = append(stores, st)
		}
	}
	return stores
}

// rebuiltInLoop reports whether something in the loop other than the
// stores that extend st's location from itself may write it (a store of
// another value, a call resetting it), by the memory model: the string
// is then rebuilt rather than grown.
func rebuiltInLoop(model *effects.Model, l *loops.Loop, stores []*ssa.Store, st *ssa.Store, fromItself func(ssa.Value) bool) bool {
	extends := make(map[ssa.Instruction]bool)
	for _, other := range stores {
		if sameLocation(other.Addr, st.Addr) && derivesFrom(other.Val, fromItself, 0) {
			extends[other] = true
		}
	}
	return model.LoopExcept(l, func(instr ssa.Instruction) bool { return extends[instr] }).MayWrite(st.Addr)
}

// derivesFrom reports whether v is built by concatenation (or is) a value
// satisfying target.
func derivesFrom(v ssa.Value, target func(ssa.Value) bool, depth int) bool {
	if target(v) {
		return true
	}
	if b, ok := v.(*ssa.BinOp); ok && b.Op == token.ADD && depth < 16 {
		return derivesFrom(b.X, target, depth+1) || derivesFrom(b.Y, target, depth+1)
	}
	return false
}

// concatSites returns the concatenations (string + and fmt.Sprint*
// calls) through which a value satisfying target flows into v, walking
// back through the loop's phis other than its header's. Of a chain of
// concatenations (s + a + b) only the outermost is returned.
func concatSites(l *loops.Loop, v ssa.Value, target func(ssa.Value) bool) []ssa.Instruction {
	nodes := backwardNodes(l, v, target)
	derived := make(map[ssa.Value]bool)
	for changed := true; changed; {
		changed = false
		for _, n := range nodes {
			if !derived[n] && derivesFromStep(n, target, derived) {
				derived[n] = true
				changed = true
			}
		}
	}
	var sites []ssa.Instruction
	for _, n := range nodes {
		if derived[n] && isConcat(n) && !feedsConcat(n, derived) {
			sites = append(sites, n.(ssa.Instruction))
		}
	}
	return sites
}

// backwardNodes lists the phis and concatenations v is computed from.
func backwardNodes(l *loops.Loop, v ssa.Value, target func(ssa.Value) bool) []ssa.Value {
	var nodes []ssa.Value
	seen := make(map[ssa.Value]bool)
	var walk func(v ssa.Value)
	walk = func(v ssa.Value) {
		if seen[v] || target(v) {
			return
		}
		seen[v] = true
		switch v := v.(type) {
		case *ssa.Phi:
			if l.Contains(v.Block()) && v.Block() != l.Header {
				nodes = append(nodes, v)
				for _, e := range v.Edges {
					walk(e)
				}
			}
		case *ssa.BinOp:
			if isConcat(v) {
				nodes = append(nodes, v)
				walk(v.X)
				walk(v.Y)
			}
		case *ssa.Call:
			if isConcat(v) {
				nodes = append(nodes, v)
				for _, arg := range sprintArgs(v.Common()) {
					walk(arg)
				}
			}
		}
	}
	walk(v)
	return nodes
}

// derivesFromStep reports whether n is computed from target or from a
// value already known to derive from it.
func derivesFromStep(n ssa.Value, target func(ssa.Value) bool, derived map[ssa.Value]bool) bool {
	var operands []ssa.Value
	switch n := n.(type) {
	case *ssa.Phi:
		operands = n.Edges
	case *ssa.BinOp:
		operands = []ssa.Value{n.X, n.Y}
	case *ssa.Call:
		operands = sprintArgs(n.Common())
	}
	for _, op := range operands {
		if target(op) || derived[op] {
			return true
		}
	}
	return false
}

// isConcat reports whether v is a string + or a fmt.Sprint* call.
func isConcat(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.BinOp:
		return v.Op == token.ADD && irutil.IsString(v.Type())
	case *ssa.Call:
		return isSprint(v.Common())
	}
	return false
}

// feedsConcat reports whether n is an operand of another concatenation
// that derives from the target, so that one is the site to report.
func feedsConcat(n ssa.Value, derived map[ssa.Value]bool) bool {
	for _, ref := range *n.Referrers() {
		if v, ok := ref.(ssa.Value); ok && derived[v] && isConcat(v) {
			if _, isBin := v.(*ssa.BinOp); isBin {
				return true
			}
		}
	}
	return false
}

// isSprint reports whether c calls fmt.Sprint, fmt.Sprintf or fmt.Sprintln.
func isSprint(c *ssa.CallCommon) bool {
	fn := c.StaticCallee()
	if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg.Path() != "fmt" {
		return false
	}
	switch fn.Name() {
	case "Sprint", "Sprintf", "Sprintln":
		return true
	}
	return false
}

// sprintArgs returns the values passed in the variadic ...any of a
// fmt.Sprint* call: the builder stores each, boxed, into a fresh array.
func sprintArgs(c *ssa.CallCommon) []ssa.Value {
	if len(c.Args) == 0 {
		return nil
	}
	sl, ok := c.Args[len(c.Args)-1].(*ssa.Slice)
	if !ok {
		return nil
	}
	arr, ok := sl.X.(*ssa.Alloc)
	if !ok {
		return nil
	}
	var args []ssa.Value
	for _, ref := range *arr.Referrers() {
		ia, ok := ref.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		for _, use := range *ia.Referrers() {
			if st, ok := use.(*ssa.Store); ok && st.Addr == ia {
				if box, ok := st.Val.(*ssa.MakeInterface); ok {
					args = append(args, box.X)
				}
			}
		}
	}
	return args
}

// sameLocation reports whether two addresses denote the same variable:
// the same value, or the same field of the same base.
func sameLocation(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	fa, ok1 := a.(*ssa.FieldAddr)
	fb, ok2 := b.(*ssa.FieldAddr)
	if ok1 && ok2 && fa.Field == fb.Field {
		return sameBase(fa.X, fb.X)
	}
	return false
}

// sameBase reports whether two pointers are the same value or loads of
// the same location.
func sameBase(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	la, ok1 := a.(*ssa.UnOp)
	lb, ok2 := b.(*ssa.UnOp)
	return ok1 && ok2 && la.Op == token.MUL && lb.Op == token.MUL && sameLocation(la.X, lb.X)
}

// reportGrowth reports g at the first statement that extends the string,
// with related information at the others and a suggested fix for
// eligible locals.
func reportGrowth(pass *analysis.Pass, r *report.Reporter, g growth, fixed map[types.Object]bool) {
	site := g.sites[0]
	file, path := source.Enclosing(pass, site.Pos())
	node := siteNode(path)
	if node == nil {
		return // no source to point at (synthesized code)
	}
	name, how := describe(node, site)
	var fixes []analysis.SuggestedFix
	if as, ok := node.(*ast.AssignStmt); ok {
		if fix, obj, ok := builderFix(pass, file, g.loop, as, fixed); ok {
			fixed[obj] = true
			fixes = append(fixes, fix)
		}
	}
	msg := name + " grows by " + how + " on every iteration of " + g.loop.Describe() +
		", copying the whole string each time (O(n²) bytes); build it with a strings.Builder"
	if call, isCall := site.(*ssa.Call); isCall {
		msg = name + " is rebuilt by fmt." + call.Common().StaticCallee().Name() +
			" from itself on every iteration of " + g.loop.Describe() +
			", copying the whole string each time (O(n²) bytes); write to a strings.Builder with fmt.Fprint instead"
	}
	related := []analysis.RelatedInformation{report.LoopInfo(g.loop)}
	for _, other := range g.sites[1:] {
		related = append(related, analysis.RelatedInformation{Pos: other.Pos(), Message: name + " is also extended here"})
	}
	r.Report(analysis.Diagnostic{Pos: node.Pos(), End: node.End(), Message: msg, SuggestedFixes: fixes, Related: related})
}

// siteNode returns the statement to report: the assignment that stores
// the concatenation, or the innermost expression if there is none.
func siteNode(path []ast.Node) ast.Node {
	for _, n := range path {
		switch n := n.(type) {
		case *ast.AssignStmt:
			return n
		case *ast.FuncLit, *ast.FuncDecl, *ast.BlockStmt:
			return path[0]
		}
	}
	if len(path) > 0 {
		return path[0]
	}
	return nil
}

// describe names the grown string and the operation that grows it: the
// left-hand side that receives the concatenation at site.
func describe(node ast.Node, site ssa.Instruction) (name, how string) {
	as, ok := node.(*ast.AssignStmt)
	if !ok {
		return "a string", "+"
	}
	lhs := as.Lhs[0]
	if len(as.Lhs) > 1 && len(as.Lhs) == len(as.Rhs) {
		for i, rhs := range as.Rhs {
			if rhs.Pos() <= site.Pos() && site.Pos() < rhs.End() {
				lhs = as.Lhs[i]
			}
		}
	}
	name = types.ExprString(lhs)
	if as.Tok == token.ADD_ASSIGN {
		return name, "+="
	}
	return name, "+"
}
