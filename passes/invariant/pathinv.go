package invariant

import (
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/effects"
	"github.com/perfvet/perfvet/passes/loops"
)

// PathInvariant reports whether every load of p reads the same value on
// every iteration of l, by the memory model: l writes no location p
// loads, makes no unknown call, does not synchronise, and uses no
// pointer along p, or the address of a field on it, other than to load
// through it or select fields: not passed to a call, stored, captured,
// converted or sliced. That last rule is stricter than the model needs;
// it keeps hoisting to paths whose pointers stay in the loop's hands.
func (o *Oracle) PathInvariant(p Path, l *loops.Loop) bool {
	s := o.model.Loop(l)
	if s.Unknown() || s.Synchronises() {
		return false
	}
	return !mayWritePath(s, p) && !escapes(o.escapingUses(l), p)
}

// mayWritePath reports whether s may change a location p loads.
func mayWritePath(s *effects.Summary, p Path) bool {
	for _, step := range p.Steps {
		if s.MayWrite(step.Load.X) {
			return true
		}
	}
	return false
}

// PathWrittenOnExit reports whether the statements on l's exit paths
// (see loops.Loop.ExitPathInstrs) may change a location p loads, by the
// same model as PathInvariant. They run at most once, after the last
// iteration began, so they do not make p vary; but a path they write is
// written in the loop as the source reads.
func (o *Oracle) PathWrittenOnExit(p Path, l *loops.Loop) bool {
	s := o.model.ExitPaths(l)
	return s.Unknown() || s.Synchronises() || mayWritePath(s, p)
}

// escapingUses returns the uses of pointers that escape in l (see
// escapes), computed once per loop.
func (o *Oracle) escapingUses(l *loops.Loop) map[ssa.Value][]string {
	o.mu.Lock()
	defer o.mu.Unlock()
	if e, ok := o.escaping[l]; ok {
		return e
	}
	e := escapingUses(l)
	o.escaping[l] = e
	return e
}

// escapes reports whether a pointer along p (its root, the pointers it
// loads on the way) or the address of a field on it is used in the loop
// other than to load through it, select a field, store through it or
// compare it: passed to a call, stored, captured by a closure,
// converted, sliced or merged into a phi. Any of those lets code the
// alias model does not follow write the path.
func escapes(escaping map[ssa.Value][]string, p Path) bool {
	shapes := escaping[p.Root]
	if len(shapes) == 0 {
		return false
	}
	prefixes := map[string]bool{"": true}
	var shape strings.Builder
	for i, s := range p.Steps {
		for _, f := range s.Fields {
			shape.WriteString("." + strconv.Itoa(f.Field))
			prefixes[shape.String()] = true
		}
		shape.WriteString("*")
		if i < len(p.Steps)-1 {
			prefixes[shape.String()] = true
		}
	}
	for _, sh := range shapes {
		if prefixes[sh] {
			return true
		}
	}
	return false
}

// escapingUses returns, for each value defined outside l, the shapes of
// the values computed from it in l that l uses in a way harmlessUse does
// not allow.
func escapingUses(l *loops.Loop) map[ssa.Value][]string {
	out := make(map[ssa.Value][]string)
	sh := shaper{l: l, memo: make(map[ssa.Value]shaped)}
	var ops []*ssa.Value
	for _, b := range l.Blocks() {
		for _, instr := range b.Instrs {
			ops = instr.Operands(ops[:0])
			for _, op := range ops {
				if *op == nil || !isPointer((*op).Type()) || harmlessUse(instr, *op) {
					continue
				}
				if s := sh.of(*op); s.ok {
					out[s.root] = append(out[s.root], s.shape)
				}
			}
		}
	}
	return out
}

func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

// harmlessUse reports whether instr uses the pointer v only to load,
// select, store through, compare or measure it.
func harmlessUse(instr ssa.Instruction, v ssa.Value) bool {
	switch instr := instr.(type) {
	case *ssa.UnOp:
		return instr.Op == token.MUL
	case *ssa.FieldAddr, *ssa.IndexAddr, *ssa.BinOp, *ssa.Return:
		return true
	case *ssa.Store:
		return instr.Addr == v && instr.Val != v
	case *ssa.Call:
		b, ok := instr.Call.Value.(*ssa.Builtin)
		return ok && (b.Name() == "len" || b.Name() == "cap")
	}
	return false
}

// shaped is the root and shape of a value computed in a loop by field
// selections and loads from a value defined outside it.
type shaped struct {
	root  ssa.Value
	shape string
	ok    bool
}

// shaper computes the shapes of values in a loop, as Path.Key does.
type shaper struct {
	l    *loops.Loop
	memo map[ssa.Value]shaped
}

func (sh *shaper) of(v ssa.Value) shaped {
	if s, ok := sh.memo[v]; ok {
		return s
	}
	var s shaped
	switch x := v.(type) {
	case *ssa.FieldAddr:
		if sh.l.ContainsInstr(x) {
			s = sh.of(x.X)
			s.shape += "." + strconv.Itoa(x.Field)
			sh.memo[v] = s
			return s
		}
	case *ssa.UnOp:
		if x.Op == token.MUL && sh.l.ContainsInstr(x) {
			s = sh.of(x.X)
			s.shape += "*"
			sh.memo[v] = s
			return s
		}
	}
	if instr, ok := v.(ssa.Instruction); ok && sh.l.ContainsInstr(instr) {
		s = shaped{}
	} else {
		s = shaped{root: v, ok: true}
	}
	sh.memo[v] = s
	return s
}
