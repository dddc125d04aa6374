package hoistfield

import (
	_ "embed"
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/analyzers/internal/lint"
	"github.com/perfvet/perfvet/analyzers/internal/report"
	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/tripcount"
)

//go:embed doc.go
var doc string

// Analyzer reports loop-invariant loads through pointers in hot loops.
var Analyzer = Info.Analyzer

// Static says to report without a profile too. Whether hoisting pays
// is not visible in the source (see doc.go), so by default hoistfield
// reports only where a profile shows the loop hot. It is the
// -hoistfield.static flag, which perfvet sets when -hoistfield is
// selected on the command line.
var Static bool

func flags() flag.FlagSet {
	fs := flag.NewFlagSet("hoistfield", flag.ContinueOnError)
	fs.BoolVar(&Static, "static", false, "report without a CPU profile too (by default only loops a profile shows hot are reported)")
	return *fs
}

// Info is the analyzer's registry entry.
var Info = lint.Define(lint.Analyzer{
	Name:  "hoistfield",
	Doc:   doc,
	Fixes: true,
	Tags:  []lint.Tag{lint.CPU},
	Flags: flags(),
	Run:   run,
})

// checker holds the state of one run over a package.
type checker struct {
	pass   *analysis.Pass
	forest *loops.Forest
	counts *tripcount.Counts
	oracle *invariant.Oracle
	report *report.Reporter
	cost   *costModel
	// atomics are the fields whose address is passed to sync/atomic
	// somewhere in the package: they are shared with other goroutines.
	atomics map[*types.Var]bool
	// decided holds the loads of paths already judged at an enclosing
	// loop, so that inner loops do not report them again.
	decided map[*ssa.UnOp]bool
	// names are the locals the suggested fixes declare, per block, so
	// that two fixes never pick one name.
	names map[*types.Scope]map[string]bool
	exprs *exprIndex
}

func run(p *lint.Pass) (any, error) {
	pass := p.Pass
	forest := p.Loops()
	r := p.Reporter()
	if !Static {
		r.ProfileOnly()
	}
	if len(forest.All) == 0 || !Static && !r.Profiled() {
		return nil, nil
	}
	c := &checker{
		pass:    pass,
		forest:  forest,
		counts:  p.Counts(),
		oracle:  p.Invariant(),
		report:  r,
		atomics: atomicFields(pass),
		decided: make(map[*ssa.UnOp]bool),
		names:   make(map[*types.Scope]map[string]bool),
		exprs:   newExprIndex(pass.Files),
	}
	c.cost = newCostModel(pass.Pkg, pass.TypesInfo, c.counts)
	// Outer loops first: a path is reported at the outermost loop in
	// which it is invariant.
	for _, l := range forest.All {
		if !c.eligible(l) {
			continue
		}
		for _, cand := range c.candidates(l) {
			c.consider(l, cand)
		}
	}
	return nil, nil
}

// eligible reports whether loads in l may be reported at l: l is hot, is
// not the body of a range-over-func statement (the iterator runs
// arbitrary code between iterations), does not synchronise with other
// goroutines (which may write between iterations), and is not a body
// made of one call (there is nothing to gain).
func (c *checker) eligible(l *loops.Loop) bool {
	return c.counts.Hot(l) &&
		l.Kind != loops.RangeFunc &&
		!c.oracle.Synchronises(l) &&
		!bodyIsOneCall(l)
}

// bodyIsOneCall reports whether the loop statement's body is a single
// call, go or defer statement.
func bodyIsOneCall(l *loops.Loop) bool {
	var body *ast.BlockStmt
	switch s := l.Stmt.(type) {
	case *ast.ForStmt:
		body = s.Body
	case *ast.RangeStmt:
		body = s.Body
	}
	if body == nil || len(body.List) != 1 {
		return false
	}
	switch s := body.List[0].(type) {
	case *ast.ExprStmt:
		_, isCall := ast.Unparen(s.X).(*ast.CallExpr)
		return isCall
	case *ast.GoStmt, *ast.DeferStmt:
		return true
	}
	return false
}

// A use is one occurrence, in a loop, of a path.
type use struct {
	path invariant.Path
	// expr is the source expression, without enclosing parentheses;
	// node is the expression with them, the text a fix replaces.
	expr, node ast.Expr
	// loads is how many loads the occurrence costs: one per pointer
	// dereferenced, plus one for reading a package-level variable.
	loads int
	// inner is the innermost loop the occurrence runs in.
	inner *loops.Loop
}

// A candidate is a path invariant in a loop, with its uses there in
// source order.
type candidate struct {
	key  invariant.PathKey
	uses []*use
}

// candidates returns the paths invariant in l that are read through at
// least one pointer, with their uses. Occurrences that only lead to a
// longer invariant path (p.cfg in p.cfg.limit) are uses of the longer
// path, not of their own.
func (c *checker) candidates(l *loops.Loop) []*candidate {
	paths := make(map[*ssa.UnOp]invariant.Path)
	var loads []*ssa.UnOp
	for _, b := range l.Blocks() {
		for _, instr := range b.Instrs {
			ld, ok := instr.(*ssa.UnOp)
			if !ok || ld.Op != token.MUL || c.decided[ld] {
				continue
			}
			if p, ok := invariant.PathOf(ld, l); ok {
				paths[ld] = p
				loads = append(loads, ld)
			}
		}
	}
	invariantKey := make(map[invariant.PathKey]bool)
	isInvariant := func(p invariant.Path) bool {
		k := p.Key()
		inv, seen := invariantKey[k]
		if !seen {
			inv = c.oracle.PathInvariant(p, l)
			invariantKey[k] = inv
		}
		return inv
	}
	byKey := make(map[invariant.PathKey]*candidate)
	unmapped := make(map[invariant.PathKey]bool)
	var keys []invariant.PathKey
	for _, ld := range loads {
		p := paths[ld]
		if !isInvariant(p) || ledOnlyToInvariant(ld, paths, isInvariant) {
			continue
		}
		k := p.Key()
		u, ok := c.useOf(p, l)
		if !ok {
			// An occurrence the source does not show as the path
			// (through a local copy, say): its count and its fix
			// would be incomplete.
			unmapped[k] = true
			continue
		}
		cand := byKey[k]
		if cand == nil {
			cand = &candidate{key: k}
			byKey[k] = cand
			keys = append(keys, k)
		}
		cand.uses = append(cand.uses, u)
	}
	var out []*candidate
	for _, k := range keys {
		if unmapped[k] {
			continue
		}
		cand := byKey[k]
		slices.SortFunc(cand.uses, func(a, b *use) int { return int(a.node.Pos() - b.node.Pos()) })
		out = append(out, cand)
	}
	return out
}

// ledOnlyToInvariant reports whether every use of the value ld loads is a
// further step of an invariant path: selecting a field to load, or
// loading through it.
func ledOnlyToInvariant(ld *ssa.UnOp, paths map[*ssa.UnOp]invariant.Path, isInvariant func(invariant.Path) bool) bool {
	var onlyLoads func(v ssa.Value, depth int) bool
	onlyLoads = func(v ssa.Value, depth int) bool {
		refs := *v.Referrers()
		if len(refs) == 0 || depth > 8 {
			return false
		}
		for _, ref := range refs {
			switch ref := ref.(type) {
			case *ssa.FieldAddr:
				if !onlyLoads(ref, depth+1) {
					return false
				}
			case *ssa.UnOp:
				p, ok := paths[ref]
				if !ok || !isInvariant(p) {
					return false
				}
			default:
				return false
			}
		}
		return true
	}
	return onlyLoads(ld, 0)
}

// consider decides whether to report cand, invariant in l.
func (c *checker) consider(l *loops.Loop, cand *candidate) {
	for _, u := range cand.uses {
		if c.decided[u.path.Value()] {
			return
		}
	}
	for _, u := range cand.uses {
		c.decided[u.path.Value()] = true
	}
	first := cand.uses[0]
	if c.shared(first.path) || pollsPath(l, cand.key) || c.oracle.PathWrittenOnExit(first.path, l) {
		return
	}
	gain, ok := c.cost.gain(cand.uses)
	if !ok {
		return
	}
	c.reportCandidate(l, cand, gain)
}

// shared reports whether p loads memory other goroutines use
// concurrently: a field whose address goes to sync/atomic elsewhere in
// the package, or a value holding a sync or sync/atomic type.
func (c *checker) shared(p invariant.Path) bool {
	for _, f := range p.Fields() {
		if f != nil && c.atomics[f.Origin()] {
			return true
		}
	}
	for _, s := range p.Steps {
		if holdsSyncType(s.Load.Type(), 0) {
			return true
		}
	}
	return false
}

// holdsSyncType reports whether a value of type t holds, in place, a
// type of package sync or sync/atomic.
func holdsSyncType(t types.Type, depth int) bool {
	if depth > 8 {
		return false
	}
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil {
		switch n.Obj().Pkg().Path() {
		case "sync", "sync/atomic":
			return true
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for i := range u.NumFields() {
			if holdsSyncType(u.Field(i).Type(), depth+1) {
				return true
			}
		}
	case *types.Array:
		return holdsSyncType(u.Elem(), depth+1)
	}
	return false
}

// pollsPath reports whether an exit condition of l, or of a loop nested
// in it, depends on the path and otherwise only on values that do not
// change in that loop. Such a loop waits for the path to change (another
// goroutine, say): hoisting the load would make it spin forever.
func pollsPath(l *loops.Loop, key invariant.PathKey) bool {
	for _, k := range append([]*loops.Loop{l}, descendants(l)...) {
		for _, exit := range k.Exits {
			cond, ok := exitCondition(exit.From)
			if ok && onlyPathAndInvariants(cond, k, l, key) {
				return true
			}
		}
	}
	return false
}

// descendants returns the loops nested in l within its own function.
func descendants(l *loops.Loop) []*loops.Loop {
	var out []*loops.Loop
	for _, child := range l.Children {
		if child.Fn == l.Fn {
			out = append(out, child)
			out = append(out, descendants(child)...)
		}
	}
	return out
}

// exitCondition returns the condition of the branch ending b.
func exitCondition(b *ssa.BasicBlock) (ssa.Value, bool) {
	if len(b.Instrs) == 0 {
		return nil, false
	}
	if br, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
		return br.Cond, true
	}
	return nil, false
}

// onlyPathAndInvariants reports whether v is computed in loop k only
// from loads of the path (as seen from l) and values defined outside k,
// and depends on the path.
func onlyPathAndInvariants(v ssa.Value, k, l *loops.Loop, key invariant.PathKey) bool {
	found := false
	var ok func(v ssa.Value, depth int) bool
	ok = func(v ssa.Value, depth int) bool {
		instr, isInstr := v.(ssa.Instruction)
		if !isInstr || !k.ContainsInstr(instr) {
			return true
		}
		if depth > 32 {
			return false
		}
		switch v := v.(type) {
		case *ssa.UnOp:
			if v.Op == token.MUL {
				p, isPath := invariant.PathOf(v, l)
				if isPath && p.Key() == key {
					found = true
					return true
				}
				return false
			}
		case *ssa.Call:
			if !irutil.IsBuiltin(v.Common(), "len", "cap") {
				return false
			}
		case *ssa.BinOp, *ssa.Convert, *ssa.ChangeType, *ssa.Field, *ssa.Extract:
		default:
			return false
		}
		for _, op := range instr.Operands(nil) {
			if *op != nil && !ok(*op, depth+1) {
				return false
			}
		}
		return true
	}
	return ok(v, 0) && found
}

// reportCandidate reports cand at its first use, with related
// information at the loop and the other uses.
func (c *checker) reportCandidate(l *loops.Loop, cand *candidate, g gain) {
	first := cand.uses[0]
	name := types.ExprString(first.expr)
	per := fmt.Sprintf("%d loads per iteration", g.most)
	switch {
	case g.least == 0:
		per = "up to " + per
	case g.least < g.most:
		per = fmt.Sprintf("%d to %d loads per iteration", g.least, g.most)
	case g.most == 1:
		per = "1 load per iteration"
	}
	if g.boundsCheck {
		per += ", and a bounds check on each index into it that the reload keeps"
	}
	where := g.loop.Describe()
	if g.loop != l {
		where = strings.Replace(where, "the ", "the inner ", 1)
	}
	before := "the loop"
	if g.loop != l {
		before = strings.Replace(l.Describe(), "the ", "the outer ", 1)
	}
	msg := fmt.Sprintf("%s is reloaded through memory on every iteration of %s (%s) because the compiler does not hoist loads through pointers, which may cost from nothing to 4x in a hot loop (measured range); copy it to a local before %s",
		name, where, per, before)
	related := []analysis.RelatedInformation{report.LoopInfo(l)}
	for _, u := range cand.uses[1:] {
		related = append(related, analysis.RelatedInformation{Pos: u.node.Pos(), End: u.node.End(), Message: "also loaded here"})
	}
	var fixes []analysis.SuggestedFix
	fix, ok := c.hoistFix(l, cand.uses)
	if !ok && g.loop != l {
		// The copy cannot go before l; before the loop that pays
		// the loads, it saves nearly as much.
		fix, ok = c.hoistFix(g.loop, usesIn(cand.uses, g.loop))
	}
	if ok {
		fixes = append(fixes, fix)
	}
	c.report.Report(analysis.Diagnostic{
		Pos:            first.node.Pos(),
		End:            first.node.End(),
		Message:        msg,
		SuggestedFixes: fixes,
		Related:        related,
	})
}

// usesIn returns the uses that run in l.
func usesIn(uses []*use, l *loops.Loop) []*use {
	var in []*use
	for _, u := range uses {
		if l.ContainsInstr(u.path.Value()) {
			in = append(in, u)
		}
	}
	return in
}
