package sortloop

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/analyzers/internal/lint"
	"github.com/perfvet/perfvet/analyzers/internal/report"
	"github.com/perfvet/perfvet/analyzers/internal/source"
	"github.com/perfvet/perfvet/passes/effects"
	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/tripcount"
)

//go:embed doc.go
var doc string

// Analyzer reports sorts repeated on every iteration of a loop.
var Analyzer = Info.Analyzer

// Info is the analyzer's registry entry. It offers no suggested fix:
// which remedy fits depends on what the loop reads from the slice.
var Info = lint.Define(lint.Analyzer{
	Name: "sortloop",
	Doc:  doc,
	Tags: []lint.Tag{lint.CPU},
	Run:  run,
})

// A sortCall is one call of a sort function on a slice.
type sortCall struct {
	call  *ssa.Call
	name  string    // "sort.Strings", "slices.SortFunc"
	slice ssa.Value // the sorted slice, conversions and sort.Reverse stripped
}

// A kind says how the sorted slice relates to the loop.
type kind int

const (
	// fresh: built anew in the iteration, or different each time.
	fresh kind = iota
	// same: the same slice with the same elements on every iteration.
	same
	// grows: the slice the loop appends to.
	grows
)

type checker struct {
	pass   *analysis.Pass
	forest *loops.Forest
	counts *tripcount.Counts
	oracle *invariant.Oracle
}

func run(p *lint.Pass) (any, error) {
	pass := p.Pass
	ir := p.IR()
	c := &checker{
		pass:   pass,
		forest: p.Loops(),
		counts: p.Counts(),
		oracle: p.Invariant(),
	}
	r := p.Reporter()
	for _, fn := range ir.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok {
					continue
				}
				sc, ok := sortOf(call)
				if !ok {
					continue
				}
				if l, k := c.place(sc); k != fresh {
					c.report(r, sc, l, k)
				}
			}
		}
	}
	return nil, nil
}

// place finds the loop to report sc in: going outwards from the
// innermost loop whose iterations repeat the call, within its function,
// the first hot loop in which the slice is the same or grows. A slice
// built fresh in a loop is fresh in the loops around it too.
func (c *checker) place(sc sortCall) (*loops.Loop, kind) {
	for l := c.forest.Innermost(sc.call); l != nil && l.Fn == sc.call.Parent(); l = l.Parent {
		if stops, _ := l.StopsAfter(sc.call); stops {
			return nil, fresh // a range-over-func body that sorts and stops
		}
		k := c.classify(sc, l)
		if k == fresh {
			return nil, fresh
		}
		if c.counts.Hot(l) {
			return l, k
		}
	}
	return nil, fresh
}

// classify says how the sorted slice of sc relates to l.
func (c *checker) classify(sc sortCall, l *loops.Loop) kind {
	s := sc.slice
	if phi := headerPhi(l, s); phi != nil {
		if carriedByAppend(l, phi) {
			return grows
		}
		return fresh
	}
	if ld, ok := s.(*ssa.UnOp); ok && ld.Op == token.MUL && c.oracle.Invariant(ld.X, l) {
		switch storesBack(l, ld.X) {
		case appendsOnly:
			return grows
		case rebuilds:
			return fresh
		}
		// Another goroutine may replace a slice kept in memory
		// between iterations of a loop that synchronises with it.
		if c.oracle.Synchronises(l) {
			return fresh
		}
	}
	skip := isSortOf(s)
	if !c.oracle.Invariant(s, l) || c.oracle.ContentsChangeExcept(l, s, skip) || passedOn(l, s, skip) || sortsOf(l, skip) > 1 {
		return fresh
	}
	return same
}

// sortsOf counts the sort calls of l that isSort selects: two sorts of
// the same slice in one loop may order it differently (a benchmark
// reversing and restoring it), so each changes what the other sorts.
func sortsOf(l *loops.Loop, isSort func(ssa.Instruction) bool) int {
	n := 0
	for _, instr := range l.Instrs() {
		if isSort(instr) {
			n++
		}
	}
	return n
}

// passedOn reports whether a call in l other than those skip leaves out
// receives s, or another load of the location s is loaded from: it may
// write the elements.
func passedOn(l *loops.Loop, s ssa.Value, skip func(ssa.Instruction) bool) bool {
	for _, instr := range l.Instrs() {
		call, ok := instr.(ssa.CallInstruction)
		if !ok || skip(instr) || effects.ReadsOnly(call.Common()) {
			continue
		}
		if b, ok := call.Common().Value.(*ssa.Builtin); ok && b.Name() != "copy" && b.Name() != "clear" {
			continue // len, cap, append and the like leave the elements alone
		}
		for _, arg := range call.Common().Args {
			if sameSlice(irutil.Unconvert(arg), s) {
				return true
			}
		}
	}
	return false
}

// headerPhi returns the phi at l's header from which s is derived by
// appends (s itself, or what append and merges of appends make of it),
// or nil.
func headerPhi(l *loops.Loop, s ssa.Value) *ssa.Phi {
	var found *ssa.Phi
	var walk func(v ssa.Value, depth int)
	walk = func(v ssa.Value, depth int) {
		if found != nil || depth > 16 {
			return
		}
		switch v := v.(type) {
		case *ssa.Phi:
			if v.Block() == l.Header {
				found = v
				return
			}
			if l.Contains(v.Block()) {
				for _, e := range v.Edges {
					walk(e, depth+1)
				}
			}
		case *ssa.Call:
			if base, ok := appendBase(v); ok {
				walk(base, depth+1)
			}
		}
	}
	walk(s, 0)
	return found
}

// carriedByAppend reports whether every value phi takes back from an
// iteration of l is phi itself or phi with elements appended, and at
// least one appends: the slice only grows.
func carriedByAppend(l *loops.Loop, phi *ssa.Phi) bool {
	appended := false
	ok := l.NextValues(phi, func(v ssa.Value, _ *ssa.BasicBlock) bool {
		if v == phi {
			return true
		}
		if derivesByAppend(v, func(x ssa.Value) bool { return x == phi }, 0) {
			appended = true
			return true
		}
		return false
	})
	return ok && appended
}

// derivesByAppend reports whether v is a value satisfying from, or is
// made from one by append or slices.Insert, through merges: a phi
// derives when every value it merges does, a cycle of merges and
// appends (an inner loop appending) adding nothing else.
func derivesByAppend(v ssa.Value, from func(ssa.Value) bool, depth int) bool {
	return derives(v, from, make(map[*ssa.Phi]bool), depth)
}

func derives(v ssa.Value, from func(ssa.Value) bool, onPath map[*ssa.Phi]bool, depth int) bool {
	if from(v) {
		return true
	}
	if depth > 16 {
		return false
	}
	switch v := v.(type) {
	case *ssa.Call:
		if base, ok := appendBase(v); ok {
			return derives(base, from, onPath, depth+1)
		}
	case *ssa.Phi:
		if onPath[v] {
			return true // a cycle: decided by the phi's other edges
		}
		onPath[v] = true
		defer delete(onPath, v)
		for _, e := range v.Edges {
			if !derives(e, from, onPath, depth+1) {
				return false
			}
		}
		return len(v.Edges) > 0
	}
	return false
}

// appendBase returns the slice that call appends to, for append and
// slices.Insert.
func appendBase(call *ssa.Call) (ssa.Value, bool) {
	c := call.Common()
	if irutil.IsBuiltin(c, "append") && len(c.Args) > 0 {
		return c.Args[0], true
	}
	if pkg, name := calleeName(c); (pkg == "slices" || pkg == "golang.org/x/exp/slices") && name == "Insert" && len(c.Args) > 0 {
		return c.Args[0], true
	}
	return nil, false
}

// How a loop stores back into the location of a slice.
type storeKind int

const (
	noStores    storeKind = iota
	appendsOnly           // every store appends to what was loaded from it
	rebuilds              // some store puts something else there
)

// storesBack classifies the stores l makes to the location at addr.
func storesBack(l *loops.Loop, addr ssa.Value) storeKind {
	isLoad := func(v ssa.Value) bool {
		ld, ok := v.(*ssa.UnOp)
		return ok && ld.Op == token.MUL && sameLocation(ld.X, addr)
	}
	k := noStores
	for _, instr := range l.Instrs() {
		st, ok := instr.(*ssa.Store)
		if !ok || !sameLocation(st.Addr, addr) {
			continue
		}
		if isLoad(st.Val) || !derivesByAppend(st.Val, isLoad, 0) {
			return rebuilds
		}
		k = appendsOnly
	}
	return k
}

// isSortOf returns a predicate that reports whether an instruction is a
// sort call on s, to leave out when asking whether the loop changes s's
// elements otherwise.
func isSortOf(s ssa.Value) func(ssa.Instruction) bool {
	return func(instr ssa.Instruction) bool {
		call, ok := instr.(*ssa.Call)
		if !ok {
			return false
		}
		sc, ok := sortOf(call)
		return ok && sameSlice(sc.slice, s)
	}
}

// sameSlice reports whether a and b are the same slice value, or loads
// of the same location.
func sameSlice(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	la, ok1 := a.(*ssa.UnOp)
	lb, ok2 := b.(*ssa.UnOp)
	return ok1 && ok2 && la.Op == token.MUL && lb.Op == token.MUL && sameLocation(la.X, lb.X)
}

// sameLocation reports whether two addresses denote the same variable:
// the same value, or the same field of the same base.
func sameLocation(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	if fa, ok := a.(*ssa.FreeVar); ok {
		if v := irutil.Captured(fa); v != nil {
			a = v
		}
	}
	if fb, ok := b.(*ssa.FreeVar); ok {
		if v := irutil.Captured(fb); v != nil {
			b = v
		}
	}
	if a == b {
		return true
	}
	fa, ok1 := a.(*ssa.FieldAddr)
	fb, ok2 := b.(*ssa.FieldAddr)
	if ok1 && ok2 && fa.Field == fb.Field {
		return sameSlice(fa.X, fb.X)
	}
	return false
}

// report reports sc, which sorts a slice that is the same, or grows, on
// every iteration of l.
func (c *checker) report(r *report.Reporter, sc sortCall, l *loops.Loop, k kind) {
	node := callExpr(c.pass, sc.call)
	if node == nil || len(node.Args) == 0 {
		return // no source to point at
	}
	what := describe(sc.name, node)
	name := types.ExprString(node.Args[0])
	// slices.BinarySearch, where the file's Go version has the package.
	search := "sort.Search"
	if file, _ := source.Enclosing(c.pass, node.Pos()); file != nil && source.GoAtLeast(c.pass, file, "go1.21") {
		search = "slices.BinarySearch"
	}
	var msg string
	switch k {
	case grows:
		msg = what + " sorts " + name + " again after it grows on every iteration of " + l.Describe() +
			": at least a pass over the whole slice each time, quadratic or worse in all; " +
			"insert each element at the position " + search + " gives, keep a heap (container/heap), or sort once after the loop"
	case same:
		msg = what + " sorts the same " + name + " on every iteration of " + l.Describe() +
			": after the first, each sort changes nothing yet costs at least a pass over the whole slice; sort it once before the loop"
	}
	r.InLoop(node, l, msg)
}

// describe names the call for messages: the callee and the slice, the
// other arguments elided.
func describe(name string, call *ast.CallExpr) string {
	arg := types.ExprString(call.Args[0])
	if len(arg) > 40 {
		arg = "..."
	}
	if len(call.Args) > 1 {
		return name + "(" + arg + ", ...)"
	}
	return name + "(" + arg + ")"
}

// callExpr returns the source of call.
func callExpr(pass *analysis.Pass, call *ssa.Call) *ast.CallExpr {
	_, path := source.Enclosing(pass, call.Pos())
	for _, n := range path {
		if ce, ok := n.(*ast.CallExpr); ok && ce.Lparen == call.Pos() {
			return ce
		}
	}
	return nil
}
