package hoistfield

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/tripcount"
)

// A load the compiler repeats in a loop usually hits the L1 cache and,
// its address being invariant, issues early, off the loop's critical
// path. Hoisting it pays in a tight loop: one doing arithmetic and memory
// accesses, where a few loads per iteration are a real share of the work
// and where a slice re-read after a store loses bounds-check elimination.
// In a loop that allocates, does I/O, looks up maps or calls code that
// loops, the saving is noise. The cost model below reports only the
// former, and only when the hoist removes enough: at least minLoads
// loads per iteration, or a bounds check.

// minLoads is the fewest loads on every iteration worth reporting for a
// path whose reload keeps no bounds check. One load of a scalar (p.scale in a
// loop over xs, p.n in i < p.n) costs about nothing on its own: it hits
// the cache and issues early, and BenchmarkHoist measures no gain from
// hoisting it.
const minLoads = 2

// maxCalleeInstrs is the largest callee, in SSA instructions, that still
// counts as cheap in a tight loop: roughly what the compiler inlines.
const maxCalleeInstrs = 60

// cheapPackages are the standard library packages whose functions are
// small, do not allocate and do not loop over their input: calling them
// keeps a loop tight.
var cheapPackages = map[string]bool{
	"math":            true,
	"math/bits":       true,
	"unicode":         true,
	"unicode/utf8":    true,
	"unicode/utf16":   true,
	"encoding/binary": true,
	"cmp":             true,
}

// costModel decides where hoisting a path saves enough to report.
type costModel struct {
	pkg    *types.Package
	info   *types.Info
	counts *tripcount.Counts
	tight  map[*loops.Loop]bool
	// callees caches whether each callee is cheap: 1 cheap, 2 not,
	// 3 being decided (recursion, which counts as not cheap).
	callees map[*ssa.Function]int8
}

func newCostModel(pkg *types.Package, info *types.Info, counts *tripcount.Counts) *costModel {
	return &costModel{pkg: pkg, info: info, counts: counts, tight: make(map[*loops.Loop]bool), callees: make(map[*ssa.Function]int8)}
}

// gain is what hoisting a path saves.
type gain struct {
	// loop is the loop whose iterations pay the loads: the innermost
	// loop of the first uses worth reporting.
	loop *loops.Loop
	// least and most bound how many loads each iteration of loop
	// repeats: least counts the uses on every path through the body.
	least, most int
	// boundsCheck says an index into the path keeps a bounds check
	// that the hoist lets the compiler drop.
	boundsCheck bool
}

// gain returns the saving of hoisting the path with the given uses, from
// the first loop (in source order of the uses) that is tight and
// innermost and where the uses cost at least minLoads loads on every
// iteration or keep a bounds check. Uses on some paths through the body
// only (an if branch, the part after a continue) are counted in the
// message but not towards minLoads.
func (cm *costModel) gain(uses []*use) (gain, bool) {
	byLoop := make(map[*loops.Loop][]*use)
	var order []*loops.Loop
	for _, u := range uses {
		if u.inner == nil {
			continue
		}
		if _, seen := byLoop[u.inner]; !seen {
			order = append(order, u.inner)
		}
		byLoop[u.inner] = append(byLoop[u.inner], u)
	}
	for _, m := range order {
		if !cm.tightLeaf(m) {
			continue
		}
		g := gain{loop: m}
		for _, u := range byLoop[m] {
			g.most += u.loads
			if m.DominatesLatches(u.path.Value().Block()) {
				g.least += u.loads
			}
			if cm.keepsBoundsCheck(u, byLoop[m], m) {
				g.boundsCheck = true
			}
		}
		if g.least >= minLoads || g.boundsCheck {
			return g, true
		}
	}
	return gain{}, false
}

// feedsExit reports whether v flows, through arithmetic, comparisons and
// len or cap, into the condition of a branch that leaves m.
func feedsExit(v ssa.Value, m *loops.Loop, depth int) bool {
	if depth > 6 {
		return false
	}
	for _, ref := range *v.Referrers() {
		switch ref := ref.(type) {
		case *ssa.If:
			for _, exit := range m.Exits {
				if exit.From == ref.Block() {
					return true
				}
			}
		case *ssa.BinOp, *ssa.Convert, *ssa.ChangeType:
			if feedsExit(ref.(ssa.Value), m, depth+1) {
				return true
			}
		case *ssa.UnOp:
			if ref.Op != token.MUL && feedsExit(ref, m, depth+1) {
				return true
			}
		case *ssa.Call:
			if irutil.IsBuiltin(ref.Common(), "len", "cap") && feedsExit(ref, m, depth+1) {
				return true
			}
		}
	}
	return false
}

// tightLeaf reports whether m is hot, has no hot loop nested in it (whose
// work would dwarf m's own loads), and is tight.
func (cm *costModel) tightLeaf(m *loops.Loop) bool {
	if !cm.counts.Hot(m) || m.Kind == loops.RangeFunc {
		return false
	}
	for _, child := range m.Children {
		if cm.counts.Hot(child) {
			return false
		}
	}
	return cm.isTight(m)
}

// isTight reports whether nothing that repeats in m is expensive: no
// allocation, map operation, channel operation, goroutine, deferred
// call, call through an interface or function value, or call to a
// function that is not cheap. Blocks that leave the loop for good (an
// error return, a panic) are not part of the natural loop, so they do
// not count.
func (cm *costModel) isTight(m *loops.Loop) bool {
	if tight, ok := cm.tight[m]; ok {
		return tight
	}
	tight := true
	for _, b := range m.Blocks() {
		for _, instr := range b.Instrs {
			if cm.expensive(instr) {
				tight = false
				break
			}
		}
	}
	cm.tight[m] = tight
	return tight
}

// expensive reports whether instr costs far more than a load.
func (cm *costModel) expensive(instr ssa.Instruction) bool {
	switch instr := instr.(type) {
	case ssa.CallInstruction:
		if _, isCall := instr.(*ssa.Call); !isCall {
			return true // go and defer
		}
		return !cm.cheapCall(instr.Common())
	case *ssa.MakeMap, *ssa.MakeChan, *ssa.MakeSlice, *ssa.MakeClosure, *ssa.MakeInterface,
		*ssa.MapUpdate, *ssa.Range, *ssa.Send, *ssa.Select:
		return true
	case *ssa.Alloc:
		return instr.Heap
	case *ssa.UnOp:
		return instr.Op == token.ARROW
	case *ssa.Lookup:
		_, isMap := instr.X.Type().Underlying().(*types.Map)
		return isMap
	case *ssa.Next:
		return !instr.IsString
	case *ssa.BinOp:
		return instr.Op == token.ADD && irutil.IsString(instr.Type())
	case *ssa.Convert:
		return irutil.IsString(instr.Type()) != irutil.IsString(instr.X.Type())
	}
	return false
}

// cheapCall reports whether c is a call that keeps a loop tight: a
// builtin that does constant work, a function of a cheap package, or a
// small loop-free function of this package that is itself tight.
func (cm *costModel) cheapCall(c *ssa.CallCommon) bool {
	if b, ok := c.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "len", "cap", "min", "max", "append", "real", "imag", "complex", "ssa:wrapnilchk":
			return true
		}
		return false
	}
	if c.IsInvoke() {
		return false
	}
	fn := c.StaticCallee()
	if fn == nil {
		return false
	}
	if fn.Pkg != nil && fn.Pkg.Pkg != cm.pkg {
		return cheapPackages[fn.Pkg.Pkg.Path()]
	}
	if fn.Blocks == nil && fn.Origin() != nil {
		fn = fn.Origin()
	}
	return cm.cheapCallee(fn)
}

// cheapCallee reports whether a call to fn, a function of this package,
// is cheap: fn is small, has no loop, and does nothing expensive on its
// way to returning.
func (cm *costModel) cheapCallee(fn *ssa.Function) bool {
	switch cm.callees[fn] {
	case 1:
		return true
	case 2, 3:
		return false
	}
	if fn.Blocks == nil {
		return false
	}
	cm.callees[fn] = 3
	cheap := !hasLoop(fn) && instrCount(fn) <= maxCalleeInstrs
	for _, b := range returningBlocks(fn) {
		for _, instr := range b.Instrs {
			if cheap && cm.expensive(instr) {
				cheap = false
			}
		}
	}
	cm.callees[fn] = 2
	if cheap {
		cm.callees[fn] = 1
	}
	return cheap
}

// hasLoop reports whether fn has a back edge.
func hasLoop(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, s := range b.Succs {
			if s.Dominates(b) {
				return true
			}
		}
	}
	return false
}

func instrCount(fn *ssa.Function) int {
	n := 0
	for _, b := range fn.Blocks {
		n += len(b.Instrs)
	}
	return n
}

// returningBlocks returns the blocks of fn from which it can return
// normally; blocks that only lead to a panic are left out.
func returningBlocks(fn *ssa.Function) []*ssa.BasicBlock {
	seen := make(map[*ssa.BasicBlock]bool)
	var stack, out []*ssa.BasicBlock
	for _, b := range fn.Blocks {
		if n := len(b.Instrs); n > 0 {
			if _, ok := b.Instrs[n-1].(*ssa.Return); ok {
				stack = append(stack, b)
			}
		}
	}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		out = append(out, b)
		stack = append(stack, b.Preds...)
	}
	return out
}
