package sliceedit

import (
	_ "embed"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/analyzers/internal/lint"
	"github.com/perfvet/perfvet/analyzers/internal/report"
	"github.com/perfvet/perfvet/analyzers/internal/source"
	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/loops"
)

//go:embed doc.go
var doc string

// Analyzer reports edits at the front or middle of a slice that a loop
// keeps across its iterations.
var Analyzer = Info.Analyzer

// Info is the analyzer's registry entry.
var Info = lint.Define(lint.Analyzer{
	Name:  "sliceedit",
	Doc:   doc,
	Fixes: true,
	Tags:  []lint.Tag{lint.CPU},
	Run:   run,
})

// kind is what an edit does, relative to the loop it runs in.
type kind int

const (
	// prepend inserts at index 0.
	prepend kind = iota
	// insertFixed inserts at another index that is the same on every
	// iteration.
	insertFixed
	// insertCounter inserts at the loop's own index: the loop inserts
	// into the slice it walks.
	insertCounter
	// removeFront removes the first element (or a fixed number of them).
	removeFront
	// removeFixed removes at another index that is the same on every
	// iteration.
	removeFixed
	// removeCounter removes the element at the loop's own index: the
	// loop deletes from the slice it walks.
	removeCounter
)

func run(p *lint.Pass) (any, error) {
	pass := p.Pass
	forest := p.Loops()
	counts := p.Counts()
	oracle := p.Invariant()
	r := p.Reporter()

	edits := make(map[*ssa.Call]edit)
	reported := make(map[*ssa.Call]bool)
	// Inner loops first, so each edit is reported with the innermost hot
	// loop that carries its slice.
	for i := len(forest.All) - 1; i >= 0; i-- {
		l := forest.All[i]
		if !counts.Hot(l) {
			continue
		}
		for _, instr := range l.Instrs() {
			call, ok := instr.(*ssa.Call)
			if !ok || reported[call] {
				continue
			}
			e, seen := edits[call]
			if !seen {
				e, ok = editOf(call)
				if !ok {
					continue
				}
				edits[call] = e
			}
			k, ok := classify(e, l, oracle)
			if !ok {
				continue
			}
			c, ok := carrierOf(l, oracle, e.in)
			if !ok || !carriedBack(l, oracle, c, e.out, e.needShrink) {
				continue
			}
			reported[call] = true
			reportEdit(pass, r, e, k, l)
		}
	}
	return nil, nil
}

// classify says what e does in l: only edits at a position that is the
// same on every iteration of l (the front, a constant or loop-invariant
// index) or at l's own index move a share of the slice that does not
// shrink with the iteration. An edit at an index found afresh on each
// iteration, such as a head index that has passed a threshold, is left
// alone.
func classify(e edit, l *loops.Loop, oracle *invariant.Oracle) (kind, bool) {
	at := positionOf(e.at, l, oracle)
	switch e.shape {
	case insertion:
		switch {
		case e.literal || at == front:
			return prepend, true
		case at == fixedIndex:
			return insertFixed, true
		case at == counter:
			return insertCounter, true
		}
	case removal:
		switch at {
		case front:
			if end := positionOf(e.end, l, oracle); end == fixedIndex {
				return removeFront, true
			}
		case fixedIndex:
			if before(e.at, e.end) == less || positionOf(e.end, l, oracle) == fixedIndex {
				return removeFixed, true
			}
		case counter:
			if before(e.at, e.end) == less {
				return removeCounter, true
			}
		}
	}
	return 0, false
}

type position int

const (
	varying position = iota
	front
	fixedIndex
	counter
)

// positionOf classifies an index of an edit in l: 0 (nil is 0), another
// value fixed for the loop, l's counter (a header phi, give or take a
// constant), or a value that varies otherwise.
func positionOf(v ssa.Value, l *loops.Loop, oracle *invariant.Oracle) position {
	root, off := linear(v)
	switch {
	case root == nil && off == 0:
		return front
	case root == nil && off > 0:
		return fixedIndex
	case root == nil:
		return varying
	}
	if phi, ok := root.(*ssa.Phi); ok && phi.Block() == l.Header && isInteger(phi.Type()) {
		return counter
	}
	if oracle.Invariant(v, l) {
		return fixedIndex
	}
	return varying
}

// reportEdit reports e at its call.
func reportEdit(pass *analysis.Pass, r *report.Reporter, e edit, k kind, l *loops.Loop) {
	file, path := source.Enclosing(pass, e.call.Pos())
	call := callAt(path, e.call)
	if call == nil {
		return // no source to point at
	}
	name := types.ExprString(editedExpr(call, e))
	var fixes []analysis.SuggestedFix
	if k == removeCounter {
		if fix, ok := deleteFuncFix(pass, file, path, l, call); ok {
			fixes = append(fixes, fix)
		}
	}
	r.InLoop(call, l, message(k, e, name, call, l, source.GoAtLeast(pass, file, "go1.21")), fixes...)
}

// message says what moves, what it costs and what to do instead,
// naming functions of the slices package only where the file's Go
// version has it (hasSlices, Go 1.21 and later).
func message(k kind, e edit, name string, call *ast.CallExpr, l *loops.Loop, hasSlices bool) string {
	const cost = " (O(n) per iteration, O(n²) in all); "
	loop := l.Describe()
	// with names a slices function after a remedy, or nothing where
	// the file's Go version lacks the package.
	with := func(remedy, fn string) string {
		if hasSlices {
			return remedy + fn
		}
		return remedy
	}
	switch k {
	case prepend:
		return name + " is prepended to on every iteration of " + loop + ", moving every element of " + name + " each time" + cost +
			with("append at the end and reverse once after the loop", " (slices.Reverse)") + ", or keep a deque (container/list)"
	case insertFixed:
		return name + " gets elements inserted at a fixed index on every iteration of " + loop + ", moving every later element each time" + cost +
			with("collect the new elements and insert them", " with one slices.Insert") + " after the loop"
	case removeFront:
		what, reslice := "its first element", name+" = "+name+"[1:]"
		if n, ok := intConst(e.end); !ok || n != 1 {
			what, reslice = "its first elements", name+" = "+name+"["+endText(call)+":]"
		}
		return name + " loses " + what + " by copying on every iteration of " + loop + ", moving every remaining element each time" + cost +
			"re-slice instead (" + reslice + "), or keep a head index or a queue (container/list)"
	case insertCounter:
		return "inserting into " + name + " inside " + loop + " moves every later element of " + name + " on each insertion" + cost +
			"build the result in a new slice in one pass"
	case removeFixed:
		return name + " has elements removed at a fixed index on every iteration of " + loop + ", moving every later element each time" + cost +
			with("mark what to remove and filter once after the loop", " with slices.DeleteFunc")
	}
	filter := "filter in place, copying each element kept to the next free index and truncating once"
	if hasSlices {
		filter = "filter in place with slices.DeleteFunc"
	}
	msg := "deleting from " + name + " inside " + loop + " moves every later element of " + name + " on each deletion" + cost + filter
	if rs, ok := l.Stmt.(*ast.RangeStmt); ok && (types.ExprString(rs.X) == name || types.ExprString(rs.X) == "len("+name+")") {
		msg += " (ranging over " + name + " while deleting from it also skips the element after each one deleted)"
	}
	return msg
}

// endText is the source of the index up to which a front removal
// removes, for the re-slicing remedy: the k of s[k:] in append(s[:0],
// s[k:]...) or copy(s, s[k:]), or of slices.Delete(s, 0, k).
func endText(call *ast.CallExpr) string {
	switch len(call.Args) {
	case 2:
		if se, ok := ast.Unparen(call.Args[1]).(*ast.SliceExpr); ok && se.Low != nil {
			return types.ExprString(se.Low)
		}
	case 3:
		return types.ExprString(call.Args[2])
	}
	return "k"
}

// callAt returns the call expression of call in path.
func callAt(path []ast.Node, call *ssa.Call) *ast.CallExpr {
	for _, n := range path {
		if ce, ok := n.(*ast.CallExpr); ok && ce.Lparen == call.Pos() {
			return ce
		}
	}
	return nil
}

// editedExpr returns the expression naming the edited slice in call.
func editedExpr(call *ast.CallExpr, e edit) ast.Expr {
	if len(call.Args) == 0 {
		return call
	}
	arg := call.Args[0]
	if e.literal && len(call.Args) == 2 {
		arg = call.Args[1]
	}
	arg = ast.Unparen(arg)
	if se, ok := arg.(*ast.SliceExpr); ok {
		return se.X
	}
	return arg
}
