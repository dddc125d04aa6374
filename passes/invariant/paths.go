package invariant

import (
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/loops"
)

// A Path is a chain of loads inside a loop that starts from a value
// defined before it: the SSA form of a source expression such as
// p.cfg.limit (two loads: p.cfg, then .limit), s.items or *p.
//
// Each occurrence of the expression in the loop is a separate chain of
// SSA instructions; occurrences of the same expression have equal Keys.
type Path struct {
	// Root is the value the chain starts from, defined outside the
	// loop: a pointer (a parameter, a local, an earlier load, a new
	// object), or the address of a variable kept in memory (an Alloc, a
	// FreeVar or a Global) whose content the first step reads.
	Root ssa.Value
	// Steps are the loads, in evaluation order.
	Steps []Step
}

// A Step is one load of a path: the fields selected from the previous
// step's value (or the root), then the load of the selected address.
type Step struct {
	// Fields are the field selections, outermost first; none for *p.
	Fields []*ssa.FieldAddr
	// Load reads the selected address.
	Load *ssa.UnOp
}

// PathKey identifies a path independently of its occurrence: the root and
// the shape of the chain.
type PathKey struct {
	Root  ssa.Value
	Shape string
}

// maxSteps bounds the length of the chains PathOf follows.
const maxSteps = 16

// PathOf returns the path that load reads inside l, if load is the last
// step of a chain of field selections and loads that starts from a value
// defined outside l. Index expressions end a chain: s.items[i] is a load
// whose address depends on i, and s.items is the path.
func PathOf(load *ssa.UnOp, l *loops.Loop) (Path, bool) {
	var steps []Step
	for ld := load; len(steps) < maxSteps; {
		if ld.Op != token.MUL {
			return Path{}, false
		}
		var fields []*ssa.FieldAddr
		base := ld.X
		for {
			fa, ok := base.(*ssa.FieldAddr)
			if !ok || !l.ContainsInstr(fa) {
				break
			}
			fields = append(fields, fa)
			base = fa.X
		}
		slices.Reverse(fields)
		steps = append(steps, Step{Fields: fields, Load: ld})
		instr, inside := base.(ssa.Instruction)
		if !inside || !l.ContainsInstr(instr) {
			if isYieldParamIn(base, l) {
				return Path{}, false // the element a range-over-func body receives
			}
			slices.Reverse(steps)
			return Path{Root: base, Steps: steps}, true
		}
		prev, ok := base.(*ssa.UnOp)
		if !ok || prev.Op != token.MUL {
			return Path{}, false // an index, a phi, a call: not invariant by construction
		}
		ld = prev
	}
	return Path{}, false
}

// Key returns the identity of p shared by all its occurrences.
func (p Path) Key() PathKey {
	var sb strings.Builder
	for _, s := range p.Steps {
		for _, f := range s.Fields {
			sb.WriteString("." + strconv.Itoa(f.Field))
		}
		sb.WriteString("*")
	}
	return PathKey{Root: p.Root, Shape: sb.String()}
}

// Value returns the value the path loads: its last step's load.
func (p Path) Value() *ssa.UnOp { return p.Steps[len(p.Steps)-1].Load }

// Fields returns the struct fields p selects, in order; nil entries
// stand for fields whose struct type is not known.
func (p Path) Fields() []*types.Var {
	var fields []*types.Var
	for _, s := range p.Steps {
		for _, fa := range s.Fields {
			var v *types.Var
			if st := structOf(fa.X.Type()); st != nil && fa.Field < st.NumFields() {
				v = st.Field(fa.Field)
			}
			fields = append(fields, v)
		}
	}
	return fields
}

// ReadsVariable reports whether the first step reads a variable kept in
// memory (a local whose address is taken, a captured variable, a
// package-level variable) rather than dereferencing a pointer value.
func (p Path) ReadsVariable() bool {
	return isVariable(p.Root) && len(p.Steps[0].Fields) == 0
}

// String renders the path in source form for messages and tests:
// s.items, p.cfg.limit, *n.
func (p Path) String() string {
	var sb strings.Builder
	sb.WriteString(rootName(p.Root))
	for i, s := range p.Steps {
		if len(s.Fields) == 0 {
			if i == 0 && isVariable(p.Root) {
				continue // reading the variable itself
			}
			prev := sb.String()
			sb.Reset()
			sb.WriteString("(*" + prev + ")")
			continue
		}
		for _, f := range s.Fields {
			sb.WriteString("." + fieldName(f))
		}
	}
	return strings.TrimSuffix(strings.TrimPrefix(sb.String(), "("), ")")
}

func rootName(v ssa.Value) string {
	if a, ok := v.(*ssa.Alloc); ok && a.Comment != "" {
		return a.Comment
	}
	return v.Name()
}

// isVariable reports whether v is the address of a variable: an Alloc,
// a captured variable or a package-level variable.
func isVariable(v ssa.Value) bool {
	switch v.(type) {
	case *ssa.Alloc, *ssa.FreeVar, *ssa.Global:
		return true
	}
	return false
}

// fieldName returns the name of the field fa selects.
func fieldName(fa *ssa.FieldAddr) string {
	if st := structOf(fa.X.Type()); st != nil && fa.Field < st.NumFields() {
		return st.Field(fa.Field).Name()
	}
	return "?"
}

// structOf returns the struct type ptr points to, or nil.
func structOf(ptr types.Type) *types.Struct {
	p, _ := ptr.Underlying().(*types.Pointer)
	if p == nil {
		return nil
	}
	s, _ := p.Elem().Underlying().(*types.Struct)
	return s
}
