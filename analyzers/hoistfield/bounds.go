package hoistfield

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
)

// The compiler drops the bounds check of s.items[i] when it can prove i
// below the length it bounds the loop by. When the loop bounds i by
// len(s.items) but reloads s.items after a store or a call may have
// changed memory, the length it checks against is a new value, and the
// check stays. These functions recognise that case, as measured with
// -gcflags=-d=ssa/check_bce (see doc.go):
//
//	for i := range s.items { s.n++; t += s.items[i] }         // check kept
//	for i := 0; i < len(s.items); i++ { f(); t += s.items[i] } // check kept
//	for i := 0; i < len(s.items); i++ { t += s.items[i]; f() } // dropped
//
// In a three-clause loop the header reloads the slice every iteration,
// so only memory changes between the header and the index matter; in a
// range loop the length is read once before the loop, so any store or
// call in the body does, except stores into the slice's own elements.

// keepsBoundsCheck reports whether use u, one of the uses of its path in
// loop m, indexes the slice the loop is bounded by after memory may have
// changed in the same iteration.
func (cm *costModel) keepsBoundsCheck(u *use, uses []*use, m *loops.Loop) bool {
	v := u.path.Value()
	if !isSliceOrString(v.Type()) || !indexed(v, inductionVars(m)) {
		return false
	}
	key := u.path.Key()
	switch s := m.Stmt.(type) {
	case *ast.RangeStmt:
		return cm.samePath(s.X, u.expr) && changesMemory(m.Blocks(), nil, key, m)
	case *ast.ForStmt:
		if !boundedInHeader(uses, m) {
			return false
		}
		return changesMemory(blocksBetween(m, v.Block()), v, key, m)
	}
	return false
}

func isSliceOrString(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Slice:
		return true
	case *types.Basic:
		return u.Info()&types.IsString != 0
	}
	return false
}

// indexed reports whether v is indexed by one of ivs.
func indexed(v ssa.Value, ivs []ssa.Value) bool {
	for _, ref := range *v.Referrers() {
		var index ssa.Value
		switch ref := ref.(type) {
		case *ssa.IndexAddr:
			index = ref.Index
		case *ssa.Index:
			index = ref.Index
		default:
			continue
		}
		if slices.Contains(ivs, index) {
			return true
		}
	}
	return false
}

// inductionVars returns the values m's header compares to bound the
// loop: i in i < len(s.items), and the index the builder compares in a
// range loop. Only an index by one of them can have its bounds check
// removed by knowing the length.
func inductionVars(m *loops.Loop) []ssa.Value {
	cond, ok := exitCondition(m.Header)
	if !ok {
		return nil
	}
	cmp, ok := cond.(*ssa.BinOp)
	if !ok {
		return nil
	}
	var ivs []ssa.Value
	for _, op := range []ssa.Value{cmp.X, cmp.Y} {
		if instr, ok := op.(ssa.Instruction); ok && m.ContainsInstr(instr) {
			ivs = append(ivs, op)
		}
	}
	return ivs
}

// samePath reports whether two source expressions denote the same chain
// from the same variable.
func (cm *costModel) samePath(a, b ast.Expr) bool {
	sa, okA := shapeOf(cm.info, a)
	sb, okB := shapeOf(cm.info, b)
	return okA && okB && sa.root == sb.root && sa.derefs == sb.derefs && slices.Equal(sa.fields, sb.fields)
}

// boundedInHeader reports whether one of the uses is the len in m's exit
// condition, evaluated in its header.
func boundedInHeader(uses []*use, m *loops.Loop) bool {
	for _, u := range uses {
		v := u.path.Value()
		if v.Block() != m.Header {
			continue
		}
		for _, ref := range *v.Referrers() {
			if call, ok := ref.(*ssa.Call); ok && irutil.IsBuiltin(call.Common(), "len") && feedsExit(call, m, 0) {
				return true
			}
		}
	}
	return false
}

// blocksBetween returns the blocks that may run, in one iteration of m,
// after its header and before block b: those reachable from the header
// without passing it again that reach b. b itself is included.
func blocksBetween(m *loops.Loop, b *ssa.BasicBlock) []*ssa.BasicBlock {
	forward := m.InIteration(m.Header.Succs...)
	var out []*ssa.BasicBlock
	seen := make(map[*ssa.BasicBlock]bool)
	stack := []*ssa.BasicBlock{b}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[x] || !forward[x] {
			continue
		}
		seen[x] = true
		out = append(out, x)
		stack = append(stack, x.Preds...)
	}
	return out
}

// changesMemory reports whether a store or a call in blocks may change
// memory, ignoring stores into the elements of the path itself and, in
// until's block, everything from until on.
func changesMemory(blocks []*ssa.BasicBlock, until ssa.Instruction, key invariant.PathKey, m *loops.Loop) bool {
	for _, b := range blocks {
		for _, instr := range b.Instrs {
			if instr == until {
				break
			}
			switch instr := instr.(type) {
			case *ssa.Store:
				if !intoElementsOf(instr.Addr, key, m) {
					return true
				}
			case *ssa.Call:
				if !irutil.IsBuiltin(instr.Common(), "len", "cap", "min", "max", "real", "imag", "complex") {
					return true
				}
			case *ssa.MapUpdate, *ssa.Go, *ssa.Defer:
				return true
			}
		}
	}
	return false
}

// intoElementsOf reports whether addr is an element of the slice the path
// key loads.
func intoElementsOf(addr ssa.Value, key invariant.PathKey, m *loops.Loop) bool {
	ia, ok := addr.(*ssa.IndexAddr)
	if !ok {
		return false
	}
	ld, ok := ia.X.(*ssa.UnOp)
	if !ok {
		return false
	}
	p, ok := invariant.PathOf(ld, m)
	return ok && p.Key() == key
}
