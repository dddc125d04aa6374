package loops

import "golang.org/x/tools/go/ssa"

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
