package invariant

import (
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/loops"
)

// effects summarises what a loop or a function may do to memory that
// existed before it ran.
type effects struct {
	writes map[write]bool
	// escaping maps each root to the shapes of the values computed from
	// it (by field selections and loads) that the loop uses other than
	// to load, select, store through or compare; see escapes.
	escaping map[ssa.Value][]string
	// opaque says it may write anything: it calls code this package
	// cannot see into (an interface method, a function value, a
	// function of this package built without a body), starts a
	// goroutine, synchronises with other goroutines (which may then
	// write between iterations), or converts an unsafe.Pointer into a
	// pointer, which may then point anywhere.
	opaque bool
}

var opaqueEffects = &effects{opaque: true}

// PathInvariant reports whether every load of p reads the same value on
// every iteration of l, by the package's type-based alias model: no
// store in l (or in the functions it calls, followed through their
// bodies) may write a location p loads, no call in l is opaque, and no
// pointer along p, or the address of a field on it, is used in l other
// than to load through it or select fields: not passed to a call,
// stored, captured, converted or sliced.
func (o *Oracle) PathInvariant(p Path, l *loops.Loop) bool {
	e := o.loopEffects(l)
	if e.opaque {
		return false
	}
	return !e.mayWritePath(p) && !e.escapes(p)
}

// mayWritePath reports whether one of e's writes may change a location
// p loads.
func (e *effects) mayWritePath(p Path) bool {
	for _, s := range p.Steps {
		loc := locationOf(s)
		for w := range e.writes {
			if w.mayWrite(loc) {
				return true
			}
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
	e := o.exitEffects(l)
	return e.opaque || e.mayWritePath(p)
}

func (o *Oracle) exitEffects(l *loops.Loop) *effects {
	o.mu.Lock()
	defer o.mu.Unlock()
	if e, ok := o.byExit[l]; ok {
		return e
	}
	instrs := l.ExitPathInstrs()
	in := make(map[ssa.Instruction]bool, len(instrs))
	for _, instr := range instrs {
		in[instr] = true
	}
	e := &effects{writes: make(map[write]bool)}
	fresh := func(instr ssa.Instruction) bool { return in[instr] }
	for _, instr := range instrs {
		if _, isDefer := instr.(*ssa.Defer); !isDefer {
			o.addEffects(e, instr, fresh)
		}
	}
	o.byExit[l] = e
	return e
}

// loopEffects summarises l, including the range-over-func bodies and the
// functions it calls. Deferred calls run after the loop and are left out.
func (o *Oracle) loopEffects(l *loops.Loop) *effects {
	o.mu.Lock()
	defer o.mu.Unlock()
	if e, ok := o.byLoop[l]; ok {
		return e
	}
	e := &effects{writes: make(map[write]bool)}
	fresh := func(instr ssa.Instruction) bool { return l.ContainsInstr(instr) }
	for _, instr := range o.instrs(l) {
		if _, isDefer := instr.(*ssa.Defer); !isDefer {
			o.addEffects(e, instr, fresh)
		}
	}
	e.escaping = escapingUses(l)
	o.byLoop[l] = e
	return e
}

// funcEffects summarises a call to fn. The caller holds o.mu.
func (o *Oracle) funcEffects(fn *ssa.Function) *effects {
	if e, ok := o.byFunc[fn]; ok {
		if e == nil {
			return opaqueEffects // recursion: assume the worst
		}
		return e
	}
	o.byFunc[fn] = nil
	e := &effects{writes: make(map[write]bool)}
	fresh := func(instr ssa.Instruction) bool { return instr.Parent() == fn }
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			o.addEffects(e, instr, fresh)
			if e.opaque {
				o.byFunc[fn] = opaqueEffects
				return opaqueEffects
			}
		}
	}
	o.byFunc[fn] = e
	return e
}

// addEffects adds to e what instr may do. Stores into objects allocated
// by the code being summarised (fresh) cannot change memory that existed
// before it, so they are left out.
func (o *Oracle) addEffects(e *effects, instr ssa.Instruction, fresh func(ssa.Instruction) bool) {
	switch instr := instr.(type) {
	case *ssa.Store:
		if !freshAddr(instr.Addr, fresh) {
			e.writes[writeAt(instr.Addr)] = true
		}
	case *ssa.Send, *ssa.Select, *ssa.Go:
		e.opaque = true
	case *ssa.UnOp:
		if instr.Op == token.ARROW {
			e.opaque = true
		}
	case *ssa.Convert:
		if isUnsafePointer(instr.X.Type()) {
			e.opaque = true // a pointer made from arithmetic may point anywhere
		}
	case ssa.CallInstruction:
		o.addCallEffects(e, instr.Common())
	}
}

// addCallEffects adds to e what the call c may do.
func (o *Oracle) addCallEffects(e *effects, c *ssa.CallCommon) {
	if b, ok := c.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "copy", "append", "clear":
			if len(c.Args) == 0 {
				return
			}
			if sl, ok := sliceType(c.Args[0].Type()); ok {
				e.writes[write{kind: elementWrite, typ: sl.Elem()}] = true
			} else if _, isMap := c.Args[0].Type().Underlying().(*types.Map); !isMap {
				e.opaque = true // a type parameter without a core slice type
			}
		}
		return
	}
	fn := c.StaticCallee()
	if c.IsInvoke() || fn == nil || callsSync(c) || (fn.Pkg != nil && runtimeSync[fn.Pkg.Pkg.Path()]) {
		e.opaque = true
		return
	}
	body := fn
	if body.Blocks == nil && fn.Origin() != nil {
		body = fn.Origin()
	}
	if body.Blocks != nil {
		sub := o.funcEffects(body)
		e.opaque = e.opaque || sub.opaque
		for w := range sub.writes {
			e.writes[w] = true
		}
		return
	}
	if fn.Pkg == nil || fn.Pkg.Pkg == o.pkg {
		e.opaque = true // built without a body here: it may do anything
		return
	}
	// A function of another package: it writes only what it receives.
	for _, arg := range c.Args {
		t := arg.Type()
		if mi, ok := arg.(*ssa.MakeInterface); ok {
			t = mi.X.Type()
		}
		if !isBasicValue(t) {
			e.writes[write{kind: reachWrite, typ: t}] = true
		}
	}
}

func isUnsafePointer(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.UnsafePointer
}

// runtimeSync are the packages below sync and sync/atomic: their
// functions synchronise like those of sync and sync/atomic.
var runtimeSync = map[string]bool{
	"internal/sync":           true,
	"internal/runtime/atomic": true,
	"runtime/internal/atomic": true,
	"runtime":                 true,
}

// isBasicValue reports whether t holds no pointers, so passing a value of
// it gives the callee access to nothing.
func isBasicValue(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() != types.UnsafePointer
}

// freshAddr reports whether addr lies in an object allocated by an
// instruction for which fresh holds: a variable or composite literal
// (see AllocRoot), or the array of a slice made there.
func freshAddr(addr ssa.Value, fresh func(ssa.Instruction) bool) bool {
	if a := AllocRoot(addr); a != nil {
		return fresh(a)
	}
	ia, ok := addr.(*ssa.IndexAddr)
	if !ok {
		return false
	}
	switch x := ia.X.(type) {
	case *ssa.MakeSlice:
		return fresh(x)
	case *ssa.Slice:
		a := AllocRoot(x.X)
		return a != nil && fresh(a)
	}
	return false
}

// escapes reports whether a pointer along p (its root, the pointers it
// loads on the way) or the address of a field on it is used in the loop
// other than to load through it, select a field, store through it or
// compare it: passed to a call, stored, captured by a closure,
// converted, sliced or merged into a phi. Any of those lets code the
// alias model does not follow write the path.
func (e *effects) escapes(p Path) bool {
	shapes := e.escaping[p.Root]
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
	case *ssa.FieldAddr, *ssa.IndexAddr, *ssa.BinOp, *ssa.DebugRef, *ssa.Return:
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
