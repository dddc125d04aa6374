package prealloc

import (
	_ "embed"
	"flag"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/analyzers/internal/lint"
	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
)

//go:embed doc.go
var doc string

// Analyzer reports slices and maps filled in counted loops without
// capacity.
var Analyzer = Info.Analyzer

// Info is the analyzer's registry entry.
var Info = lint.Define(lint.Analyzer{
	Name:  "prealloc",
	Doc:   doc,
	Fixes: true,
	Tags:  []lint.Tag{lint.Alloc},
	Flags: flags(),
	Run:   run,
})

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

func run(p *lint.Pass) (any, error) {
	pass := p.Pass
	forest := p.Loops()
	m := &measurer{
		counts: p.Counts(),
		oracle: p.Invariant(),
	}
	r := p.Reporter()

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

func isSlice(t types.Type) bool {
	_, ok := irutil.CoreType(t).(*types.Slice)
	return ok
}

func isMap(t types.Type) bool {
	_, ok := irutil.CoreType(t).(*types.Map)
	return ok
}
