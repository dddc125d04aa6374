// Package invariant defines an Analyzer that decides which SSA values keep
// the same value on every iteration of a loop.
//
// A value is invariant in a loop when it is defined outside the loop, or
// computed inside it only from invariant values. A load from memory is
// invariant when its address is invariant and nothing in the loop may
// write the location. "May write" uses a type-based alias model, the one
// the Go compiler could use if it hoisted loads:
//
//   - a store may write the location when the stored-to type is the loaded
//     type or contains it, except that two field addresses alias only if
//     they select the same field of the same struct type;
//   - a call may write memory reachable from what it receives, so a call
//     receiving the location's base pointer, or any pointer loaded on the
//     way to it, may write it; calls to unrelated functions do not.
//
// Synchronisation (another goroutine writing between iterations) is the
// caller's concern: see [Oracle.Synchronises].
package invariant

import (
	"go/token"
	"go/types"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
)

// Analyzer provides an Oracle for the package's loops.
var Analyzer = &analysis.Analyzer{
	Name:       "invariant",
	Doc:        "decide which SSA values are invariant in which loops",
	Run:        run,
	Requires:   []*analysis.Analyzer{loops.Analyzer},
	ResultType: reflect.TypeFor[*Oracle](),
}

// Oracle answers invariance questions. The analyzers sharing it may query
// it concurrently: the summaries it caches are guarded by a mutex.
type Oracle struct {
	forest *loops.Forest
	pkg    *types.Package

	mu     sync.Mutex
	byLoop map[*loops.Loop]*effects
	byExit map[*loops.Loop]*effects
	byFunc map[*ssa.Function]*effects
}

func run(pass *analysis.Pass) (any, error) {
	return &Oracle{
		forest: pass.ResultOf[loops.Analyzer].(*loops.Forest),
		pkg:    pass.Pkg,
		byLoop: make(map[*loops.Loop]*effects),
		byExit: make(map[*loops.Loop]*effects),
		byFunc: make(map[*ssa.Function]*effects),
	}, nil
}

// Invariant reports whether v has the same value on every iteration of l.
func (o *Oracle) Invariant(v ssa.Value, l *loops.Loop) bool {
	return o.invariant(v, l, make(map[ssa.Value]bool))
}

func (o *Oracle) invariant(v ssa.Value, l *loops.Loop, seen map[ssa.Value]bool) bool {
	instr, ok := v.(ssa.Instruction)
	if !ok || !l.ContainsInstr(instr) {
		// constants, parameters, globals, functions, values defined
		// before the loop; but the element a range-over-func body
		// receives changes with each call.
		return !isYieldParamIn(v, l)
	}
	if seen[v] {
		return false // a cycle through the loop: it changes with the iteration
	}
	seen[v] = true
	operandsInvariant := func() bool {
		for _, op := range instr.Operands(nil) {
			if *op != nil && !o.invariant(*op, l, seen) {
				return false
			}
		}
		return true
	}
	switch v := v.(type) {
	case *ssa.UnOp:
		switch v.Op {
		case token.MUL:
			return operandsInvariant() && !o.MayWrite(l, v.X)
		case token.ARROW:
			return false
		}
		return operandsInvariant()
	case *ssa.BinOp, *ssa.Convert, *ssa.ChangeType, *ssa.ChangeInterface,
		*ssa.MultiConvert, *ssa.SliceToArrayPointer, *ssa.Extract,
		*ssa.Field, *ssa.FieldAddr, *ssa.IndexAddr, *ssa.Slice,
		*ssa.TypeAssert, *ssa.MakeInterface:
		return operandsInvariant()
	case *ssa.Index:
		return operandsInvariant()
	case *ssa.Call:
		return isPureBuiltin(v.Common()) && operandsInvariant()
	case *ssa.Phi:
		// A phi that merges one invariant value with itself only.
		var only ssa.Value
		for _, e := range v.Edges {
			if e == v {
				continue
			}
			if only != nil && e != only {
				return false
			}
			only = e
		}
		return only != nil && o.invariant(only, l, seen)
	}
	return false
}

// isPureBuiltin reports whether c calls len or cap of a value whose length
// lives in the value itself (not of a map or channel, whose length changes
// in place).
func isPureBuiltin(c *ssa.CallCommon) bool {
	b, ok := c.Value.(*ssa.Builtin)
	if !ok || len(c.Args) != 1 {
		return false
	}
	switch b.Name() {
	case "len", "cap":
		switch c.Args[0].Type().Underlying().(type) {
		case *types.Map, *types.Chan:
			return false
		}
		return true
	}
	return false
}

// MayWrite reports whether some instruction of l may change the memory at
// addr, by the package's type-based alias model.
func (o *Oracle) MayWrite(l *loops.Loop, addr ssa.Value) bool {
	chain := PointerChain(addr)
	for _, instr := range o.instrs(l) {
		switch instr := instr.(type) {
		case *ssa.Store:
			if MayAlias(instr.Addr, addr) && !writesFreshMemory(l, instr, addr) {
				return true
			}
		case ssa.CallInstruction:
			if callMayWrite(instr.Common(), addr, chain) {
				return true
			}
		}
	}
	return false
}

// instrs returns the instructions that run in l, including those of
// range-over-func bodies nested in it.
func (o *Oracle) instrs(l *loops.Loop) []ssa.Instruction {
	out := l.Instrs()
	for _, c := range l.Children {
		if c.Fn != l.Fn {
			out = append(out, o.instrs(c)...)
		}
	}
	return out
}

// Instrs returns every instruction that runs in l, including the bodies
// of range-over-func statements nested in it.
func (o *Oracle) Instrs(l *loops.Loop) []ssa.Instruction { return o.instrs(l) }

// callMayWrite reports whether a call may write the location at addr,
// whose pointer chain (addr's base pointers, innermost first) is chain.
func callMayWrite(c *ssa.CallCommon, addr ssa.Value, chain []ssa.Value) bool {
	if b, ok := c.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "copy", "clear":
			return len(c.Args) > 0 && elemMayAlias(c.Args[0], addr)
		}
		return false // len, cap, append (writes past len only), min, max, print...
	}
	received := c.Args
	if c.IsInvoke() {
		received = append(received[:len(received):len(received)], c.Value)
	}
	if mc, ok := c.Value.(*ssa.MakeClosure); ok {
		received = append(received[:len(received):len(received)], mc.Bindings...)
	}
	for _, arg := range received {
		for _, p := range chain {
			if sameObject(arg, p) {
				return true
			}
		}
		if isFuncValue(c) && pointsInto(arg, addr) {
			return true
		}
	}
	return false
}

func isFuncValue(c *ssa.CallCommon) bool {
	if c.IsInvoke() {
		return true
	}
	_, static := c.Value.(*ssa.Function)
	return !static
}

// pointsInto reports whether arg may be a pointer of addr's type.
func pointsInto(arg, addr ssa.Value) bool {
	return types.Identical(arg.Type(), addr.Type())
}

// sameObject reports whether a and b are the same value, looking through
// conversions.
func sameObject(a, b ssa.Value) bool {
	return irutil.Unconvert(a) == irutil.Unconvert(b)
}

// PointerChain returns addr followed by the pointers it is derived from:
// for &(*(&p.a)).b, that is the FieldAddr of b, the loaded pointer p.a,
// the FieldAddr of a, and p.
func PointerChain(addr ssa.Value) []ssa.Value {
	var chain []ssa.Value
	for v := addr; v != nil; {
		chain = append(chain, v)
		switch x := v.(type) {
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.IndexAddr:
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return chain
			}
			v = x.X
		case *ssa.Slice:
			v = x.X
		default:
			return chain
		}
	}
	return chain
}

// MayAlias reports whether a store to a may change the memory at b, by
// type: fields alias only the same field of the same struct type, and a
// store of a whole value writes every location it contains.
func MayAlias(a, b ssa.Value) bool {
	fa, aIsField := a.(*ssa.FieldAddr)
	fb, bIsField := b.(*ssa.FieldAddr)
	if aIsField && bIsField {
		return fa.Field == fb.Field && types.Identical(irutil.Deref(fa.X.Type()), irutil.Deref(fb.X.Type()))
	}
	return contains(irutil.Deref(a.Type()), irutil.Deref(b.Type()), 0)
}

// elemMayAlias reports whether writing the elements of slice s may change
// the memory at addr.
func elemMayAlias(s, addr ssa.Value) bool {
	sl, ok := s.Type().Underlying().(*types.Slice)
	if !ok {
		return true
	}
	return contains(sl.Elem(), irutil.Deref(addr.Type()), 0)
}

// contains reports whether a value of type outer holds a value of type
// inner in place (itself, a field, an array element).
func contains(outer, inner types.Type, depth int) bool {
	if types.Identical(outer, inner) {
		return true
	}
	if depth > 8 {
		return true
	}
	switch t := outer.Underlying().(type) {
	case *types.Struct:
		for i := range t.NumFields() {
			if contains(t.Field(i).Type(), inner, depth+1) {
				return true
			}
		}
	case *types.Array:
		return contains(t.Elem(), inner, depth+1)
	case *types.TypeParam, *types.Interface:
		return false
	}
	return false
}

// ContentsChange reports whether the elements of slice xs may change
// during l: a store to an element of its type, or xs passed to a call that
// may write it (copy, clear, sort functions, methods...; not the searches
// and comparisons of package slices, see readsOnly). Appending to xs does
// not change the elements it already has.
func (o *Oracle) ContentsChange(l *loops.Loop, xs ssa.Value) bool {
	return o.ContentsChangeExcept(l, xs, nil)
}

// ContentsChangeExcept is ContentsChange leaving out the instructions
// for which skip reports true: the caller's own operation on xs, such as
// a sort whose repetition is the question.
func (o *Oracle) ContentsChangeExcept(l *loops.Loop, xs ssa.Value, skip func(ssa.Instruction) bool) bool {
	sl, ok := sliceType(xs.Type())
	if !ok {
		return true
	}
	roots := PointerChain(xs)
	for _, instr := range o.instrs(l) {
		if skip != nil && skip(instr) {
			continue
		}
		switch instr := instr.(type) {
		case *ssa.Store:
			if ia, ok := instr.Addr.(*ssa.IndexAddr); ok && contains(sl.Elem(), irutil.Deref(ia.Type()), 0) {
				if _, isSlice := sliceType(ia.X.Type()); isSlice {
					return true
				}
			}
			if fa, ok := instr.Addr.(*ssa.FieldAddr); ok && isElemField(fa, sl.Elem()) {
				return true
			}
		case ssa.CallInstruction:
			c := instr.Common()
			if b, ok := c.Value.(*ssa.Builtin); ok {
				if (b.Name() == "copy" || b.Name() == "clear") && len(c.Args) > 0 && writesElems(c.Args[0].Type(), sl) {
					return true
				}
				continue
			}
			if readsOnly(c) {
				continue
			}
			for _, arg := range c.Args {
				for _, r := range roots {
					if sameObject(arg, r) {
						return true
					}
				}
			}
		}
	}
	return false
}

// isElemField reports whether fa addresses a field of an element of a
// slice of elem: a store through it changes that element.
func isElemField(fa *ssa.FieldAddr, elem types.Type) bool {
	ia, ok := fa.X.(*ssa.IndexAddr)
	return ok && types.Identical(irutil.Deref(ia.Type()), elem)
}

// Synchronises reports whether l communicates with other goroutines:
// channel operations, select, or calls into sync and sync/atomic. Another
// goroutine may then change memory between iterations.
func (o *Oracle) Synchronises(l *loops.Loop) bool {
	for _, instr := range o.instrs(l) {
		switch instr := instr.(type) {
		case *ssa.Send, *ssa.Select:
			return true
		case *ssa.UnOp:
			if instr.Op == token.ARROW {
				return true
			}
		case ssa.CallInstruction:
			if callsSync(instr.Common()) {
				return true
			}
		}
	}
	return false
}

// callsSync reports whether c calls a function or method of sync or
// sync/atomic.
func callsSync(c *ssa.CallCommon) bool {
	var pkg *types.Package
	if c.IsInvoke() {
		pkg = c.Method.Pkg()
	} else if fn := c.StaticCallee(); fn != nil {
		if obj, ok := fn.Object().(*types.Func); ok {
			pkg = obj.Pkg()
		} else if fn.Pkg != nil {
			pkg = fn.Pkg.Pkg
		}
	}
	if pkg == nil {
		return false
	}
	switch pkg.Path() {
	case "sync", "sync/atomic":
		return true
	}
	return false
}
