package loops

import (
	"go/constant"

	"golang.org/x/tools/go/ssa"
)

// ExitPathInstrs returns the instructions that lie inside l's loop
// statement but outside the natural loop: the statements on paths that
// leave it, such as an assignment followed by break or a return. They run
// at most once per execution of the loop, after its last iteration
// began, yet the source shows them in the loop. A loop built with goto
// has no statement extent and none.
func (l *Loop) ExitPathInstrs() []ssa.Instruction {
	if l.Stmt == nil || l.Kind == Goto || l.Kind == RangeFunc {
		return nil
	}
	var out []ssa.Instruction
	for _, b := range l.Fn.Blocks {
		if l.Contains(b) || !l.Header.Dominates(b) {
			continue
		}
		for _, instr := range b.Instrs {
			if pos := instr.Pos(); pos.IsValid() && l.Stmt.Pos() <= pos && pos < l.Stmt.End() {
				out = append(out, instr)
			}
		}
	}
	return out
}

// StopsAfter reports, for an instruction of the body of a range-over-func
// statement (l is that body's loop), whether every path after it ends
// the range statement: the yield function returns false, as a break or
// a return statement in the body makes it. It also returns those Return
// instructions. Paths that end in a panic are left out. For other loops,
// whose iterations stop by leaving the natural loop, it returns false.
func (l *Loop) StopsAfter(instr ssa.Instruction) (bool, []*ssa.Return) {
	if l.Kind != RangeFunc || instr.Block() == nil || instr.Block().Parent() != l.Fn {
		return false, nil
	}
	var returns []*ssa.Return
	stops := true
	seen := make(map[*ssa.BasicBlock]bool)
	var visit func(instrs []ssa.Instruction, b *ssa.BasicBlock)
	visit = func(instrs []ssa.Instruction, b *ssa.BasicBlock) {
		for _, in := range instrs {
			if ret, ok := in.(*ssa.Return); ok {
				if len(ret.Results) != 1 || !isFalse(ret.Results[0]) {
					stops = false
					return
				}
				returns = append(returns, ret)
			}
		}
		for _, s := range b.Succs {
			if stops && !seen[s] {
				seen[s] = true
				visit(s.Instrs, s)
			}
		}
	}
	b := instr.Block()
	for i, in := range b.Instrs {
		if in == instr {
			visit(b.Instrs[i+1:], b)
			break
		}
	}
	if !stops {
		return false, nil
	}
	return true, returns
}

func isFalse(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.Kind() == constant.Bool && !constant.BoolVal(c.Value)
}
