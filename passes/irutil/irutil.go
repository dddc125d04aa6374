// Package irutil holds small queries on SSA values and types that the
// passes and the analyzers share.
package irutil

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// CoreType returns the underlying type of t or, for a type parameter,
// the one underlying type shared by every type its constraint allows
// (S ~[]E gives []E), or nil if there is none. Embedded interfaces that
// only require methods (comparable, fmt.Stringer) do not restrict it.
func CoreType(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	tp, ok := types.Unalias(t).(*types.TypeParam)
	if !ok {
		return t.Underlying()
	}
	iface, ok := tp.Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	var core types.Type
	for i := range iface.NumEmbeddeds() {
		for _, term := range terms(iface.EmbeddedType(i)) {
			under := term.Underlying()
			if embedded, ok := under.(*types.Interface); ok {
				if embedded.IsMethodSet() || types.Identical(term, comparable) {
					continue
				}
				return nil // nested type sets: not worth resolving
			}
			if core != nil && !types.Identical(core, under) {
				return nil
			}
			core = under
		}
	}
	return core
}

var comparable = types.Universe.Lookup("comparable").Type()

// terms returns the types of a union's terms, or the embedded type itself.
func terms(embedded types.Type) []types.Type {
	u, ok := embedded.(*types.Union)
	if !ok {
		return []types.Type{embedded}
	}
	ts := make([]types.Type, u.Len())
	for i := range ts {
		ts[i] = u.Term(i).Type()
	}
	return ts
}

// Unconvert returns v with conversions that keep its identity stripped:
// a pointer, channel or map converted to another named type, boxed into
// an interface, or changed between interfaces is still the same object.
func Unconvert(v ssa.Value) ssa.Value {
	for {
		switch c := v.(type) {
		case *ssa.ChangeType:
			v = c.X
		case *ssa.MakeInterface:
			v = c.X
		case *ssa.ChangeInterface:
			v = c.X
		case *ssa.Convert:
			v = c.X
		default:
			return v
		}
	}
}

// Precedes reports whether a runs before b whenever b runs: a's block
// dominates b's, and a comes first if they share it.
func Precedes(a, b ssa.Instruction) bool {
	ab, bb := a.Block(), b.Block()
	if ab != bb {
		return ab.Dominates(bb)
	}
	for _, instr := range ab.Instrs {
		switch instr {
		case a:
			return true
		case b:
			return false
		}
	}
	return false
}

// IsBuiltin reports whether c calls one of the named built-in functions.
func IsBuiltin(c *ssa.CallCommon, names ...string) bool {
	b, ok := c.Value.(*ssa.Builtin)
	return ok && slices.Contains(names, b.Name())
}

// Deref returns the element type of a pointer type, or t itself.
func Deref(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// IsString reports whether t is a string type, named or not.
func IsString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// Binding returns the value mc captures as fv, a free variable of the
// function mc makes, or nil.
func Binding(mc *ssa.MakeClosure, fv *ssa.FreeVar) ssa.Value {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return nil
	}
	for i, f := range fn.FreeVars {
		if f == fv && i < len(mc.Bindings) {
			return mc.Bindings[i]
		}
	}
	return nil
}

// Captured returns the value that the enclosing function binds to fv
// when it makes fv's closure, or nil.
func Captured(fv *ssa.FreeVar) ssa.Value {
	fn := fv.Parent()
	if fn == nil || fn.Parent() == nil {
		return nil
	}
	for _, b := range fn.Parent().Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fn {
				return Binding(mc, fv)
			}
		}
	}
	return nil
}

// Variable returns the local variable that addr denotes: addr itself,
// or the variable a closure captures as the free variable addr, however
// deeply the closure is nested. It returns nil for other addresses.
func Variable(addr ssa.Value) *ssa.Alloc {
	for range 8 {
		fv, ok := addr.(*ssa.FreeVar)
		if !ok {
			break
		}
		if addr = Captured(fv); addr == nil {
			return nil
		}
	}
	alloc, _ := addr.(*ssa.Alloc)
	return alloc
}

// OnlyStore returns the one store into the variable at addr (a local
// variable, or a free variable capturing one), or nil if there is none
// or more than one. It says nothing of when the store runs or where the
// variable's address goes; invariant.StoredOnce does.
func OnlyStore(addr ssa.Value) *ssa.Store {
	refs := addr.Referrers()
	if refs == nil {
		return nil
	}
	var only *ssa.Store
	for _, ref := range *refs {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == addr {
			if only != nil {
				return nil
			}
			only = st
		}
	}
	return only
}

// Stored follows v, while it is a load of a local variable (in its
// function or in closures capturing it) stored exactly once, to the value
// stored; it returns v itself when v is no such load.
func Stored(v ssa.Value) ssa.Value {
	for range 4 {
		val, ok := loadedValue(v)
		if !ok {
			break
		}
		v = val
	}
	return v
}

// loadedValue returns the value a load of a local variable reads, when
// v is such a load and the variable is stored exactly once.
func loadedValue(v ssa.Value) (ssa.Value, bool) {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil, false
	}
	alloc := Variable(load.X)
	if alloc == nil {
		return nil, false
	}
	st := OnlyStore(alloc)
	if st == nil {
		return nil, false
	}
	return st.Val, true
}

// Callee returns the function call invokes, if it is known: the static
// callee, or the function stored once in the local variable whose value
// it calls, through any number of closures that capture the variable.
// The second form is how a recursive closure calls itself
// (var walk func(string); walk = func(dir string) { ...; walk(sub) }).
func Callee(call *ssa.CallCommon) *ssa.Function {
	if fn := call.StaticCallee(); fn != nil {
		return fn
	}
	val, _ := loadedValue(call.Value)
	switch val := val.(type) {
	case *ssa.Function:
		return val
	case *ssa.MakeClosure:
		fn, _ := val.Fn.(*ssa.Function)
		return fn
	}
	return nil
}

// Negate returns the comparison that holds exactly when x op y does not,
// or token.ILLEGAL for a token that is no comparison.
func Negate(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GEQ
	case token.LEQ:
		return token.GTR
	case token.GTR:
		return token.LEQ
	case token.GEQ:
		return token.LSS
	case token.EQL:
		return token.NEQ
	case token.NEQ:
		return token.EQL
	}
	return token.ILLEGAL
}

// maxCaptureDepth bounds how many closures deep VarStores follows a
// captured variable; deeper nesting counts as the address escaping.
const maxCaptureDepth = 8

// VarStores returns the stores into the variable at addr (an Alloc or a
// closure's FreeVar), in its function and in the closures that capture
// it, however nested, and false if its address goes anywhere else (a
// call, a field, another variable), where something unseen may store
// into it. Loads are the variable's only other use.
func VarStores(addr ssa.Value) ([]*ssa.Store, bool) {
	var stores []*ssa.Store
	var visit func(addr ssa.Value, depth int) bool
	visit = func(addr ssa.Value, depth int) bool {
		refs := addr.Referrers()
		if refs == nil || depth > maxCaptureDepth {
			return false
		}
		for _, ref := range *refs {
			switch ref := ref.(type) {
			case *ssa.Store:
				if ref.Addr != addr {
					return false // the address itself is stored
				}
				stores = append(stores, ref)
			case *ssa.UnOp:
				if ref.Op != token.MUL {
					return false
				}
			case *ssa.MakeClosure:
				fn, ok := ref.Fn.(*ssa.Function)
				if !ok {
					return false
				}
				for i, b := range ref.Bindings {
					if b == addr && (i >= len(fn.FreeVars) || !visit(fn.FreeVars[i], depth+1)) {
						return false
					}
				}
			default:
				return false
			}
		}
		return true
	}
	if !visit(addr, 0) {
		return nil, false
	}
	return stores, true
}

// Mirror returns the comparison that holds with its operands swapped:
// x op y is y Mirror(op) x.
func Mirror(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GTR
	case token.LEQ:
		return token.GEQ
	case token.GTR:
		return token.LSS
	case token.GEQ:
		return token.LEQ
	}
	return op
}

// Offset splits v, x+k or x-k for a constant integer k, into x and the
// signed step (k, or -k).
func Offset(v ssa.Value) (x ssa.Value, step int64, ok bool) {
	b, ok := v.(*ssa.BinOp)
	if !ok || b.Op != token.ADD && b.Op != token.SUB {
		return nil, 0, false
	}
	k, ok := b.Y.(*ssa.Const)
	if !ok || k.Value == nil || k.Value.Kind() != constant.Int {
		return nil, 0, false
	}
	step = k.Int64()
	if b.Op == token.SUB {
		step = -step
	}
	return b.X, step, true
}

// Reachable returns the blocks that control can reach from starts
// passing only through blocks for which within holds: the starts for
// which it holds, and what follows them. within is asked once per block.
func Reachable(starts []*ssa.BasicBlock, within func(*ssa.BasicBlock) bool) map[*ssa.BasicBlock]bool {
	reached := make(map[*ssa.BasicBlock]bool)
	asked := make(map[*ssa.BasicBlock]bool)
	stack := slices.Clone(starts)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if asked[b] {
			continue
		}
		asked[b] = true
		if !within(b) {
			continue
		}
		reached[b] = true
		stack = append(stack, b.Succs...)
	}
	return reached
}

// Returned returns the value each return statement of fn returns, when fn
// has a body and exactly one result; otherwise, or if fn never returns,
// it returns nil.
func Returned(fn *ssa.Function) []ssa.Value {
	if fn == nil || fn.Blocks == nil || fn.Signature.Results().Len() != 1 {
		return nil
	}
	var vals []ssa.Value
	for _, b := range fn.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			vals = append(vals, ret.Results[0])
		}
	}
	return vals
}
