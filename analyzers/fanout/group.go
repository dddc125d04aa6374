package fanout

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
)

// groups decides whether the errgroup.Group a Go call runs on may have a
// limit, following the group on SSA from where it is made through every
// variable, closure, same-package function, field and package variable
// it reaches. A field or package variable whose group a built body calls
// Go on is a holder for irbuild, which builds every function mentioning
// it: all of its SSA addresses are in built code, and what it holds is
// read from them. Anything that cannot be followed counts as a possible
// limit: a group is reported only when every use is seen.
type groups struct {
	c *checker
	// holders memoizes holderLimited.
	holders map[*types.Var]bool
	// fields and globals list the SSA values of built code that address
	// or read each field and package variable, once needed; globalUses
	// lists the instructions using each package variable (an ssa.Global
	// has no referrers).
	fields     map[*types.Var][]ssa.Value
	globals    map[*types.Var]*ssa.Global
	globalUses map[*ssa.Global][]ssa.Instruction
}

func newGroups(c *checker) *groups { return &groups{c: c, holders: make(map[*types.Var]bool)} }

// limited reports whether the group of call, a (*errgroup.Group).Go
// call, has or may have a limit.
func (g *groups) limited(call *ssa.Call) bool {
	return g.mayLimit(call.Call.Args[0], make(map[ssa.Value]bool))
}

// mayLimit reports whether the group v points to may have a limit. seen
// holds the values already followed, against recursion.
func (g *groups) mayLimit(v ssa.Value, seen map[ssa.Value]bool) bool {
	v = unchangeType(v)
	if seen[v] {
		return false
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.Alloc:
		if isGroup(irutil.Deref(v.Type())) {
			return g.usesLimit(v, seen) // var g errgroup.Group, new(errgroup.Group)
		}
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok && isFunc(calleeObj(&call.Call), errgroupPath, "WithContext") {
			return g.usesLimit(v, seen)
		}
	case *ssa.FreeVar:
		if alloc := irutil.Variable(v); alloc != nil {
			return g.mayLimit(alloc, seen)
		}
	case *ssa.UnOp:
		switch x := v.X.(type) {
		case *ssa.Alloc, *ssa.FreeVar:
			if alloc := irutil.Variable(x); alloc != nil && !isGroup(irutil.Deref(alloc.Type())) {
				return anyOf(storedValues(alloc), func(s ssa.Value) bool { return g.mayLimit(s, seen) })
			}
		case *ssa.FieldAddr, *ssa.Global:
			return g.holderLimited(holderOf(x))
		}
	case *ssa.FieldAddr, *ssa.Field, *ssa.Global:
		return g.holderLimited(holderOf(v))
	case *ssa.Call:
		callee := g.c.callee(&v.Call)
		return callee == nil || anyOf(irutil.Returned(callee), func(r ssa.Value) bool { return g.mayLimit(r, seen) })
	}
	return true // a parameter: the owner decides; or a group reached another way
}

// usesLimit reports whether a use of the group value v, or of the
// variables and closures it is kept in, may set a limit: SetLimit with
// a limit that is not a negative constant, a same-package function that
// does so with its parameter, or anything that cannot be followed.
func (g *groups) usesLimit(v ssa.Value, seen map[ssa.Value]bool) bool {
	return anyOf(g.uses(v), func(ref ssa.Instruction) bool { return g.useLimits(ref, v, seen) })
}

// useLimits reports whether ref, a use of the group value v, may set a
// limit (see usesLimit).
func (g *groups) useLimits(ref ssa.Instruction, v ssa.Value, seen map[ssa.Value]bool) bool {
	switch ref := ref.(type) {
	case *ssa.Return:
		return false
	case *ssa.Call:
		return g.callMayLimit(&ref.Call, v, seen)
	case *ssa.Store:
		alloc, ok := ref.Addr.(*ssa.Alloc)
		return ref.Val != v || !ok || g.usesLimit(alloc, seen)
	case *ssa.UnOp:
		return ref.Op != token.MUL || g.usesLimit(ref, seen)
	case *ssa.MakeClosure:
		fn := ref.Fn.(*ssa.Function)
		for i, b := range ref.Bindings {
			if b == v && g.usesLimit(fn.FreeVars[i], seen) {
				return true
			}
		}
		return false
	}
	return true
}

// callMayLimit reports whether call, which is given the group v, may
// set its limit.
func (g *groups) callMayLimit(call *ssa.CallCommon, v ssa.Value, seen map[ssa.Value]bool) bool {
	obj := calleeObj(call)
	if obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == errgroupPath && receiver(call) == v {
		return isSetLimit(obj) && !isNegative(call.Args[1])
	}
	callee := g.c.callee(call)
	if callee == nil || call.IsInvoke() {
		return true
	}
	for i, arg := range call.Args {
		if arg != v {
			continue
		}
		if i >= len(callee.Params) {
			return true
		}
		if p := callee.Params[i]; !seen[p] {
			seen[p] = true
			if g.usesLimit(p, seen) {
				return true
			}
		}
	}
	return false
}

// holderLimited reports whether the group held by the field or package
// variable v may have a limit: v belongs to another package, or some
// use of one of its addresses in the package sets a limit, stores a
// group from elsewhere, or cannot be followed, or v is a pointer never
// seen assigned a new group.
func (g *groups) holderLimited(v *types.Var) bool {
	if v == nil || v.Pkg() != g.c.pass.Pkg {
		return true
	}
	v = v.Origin()
	if limited, ok := g.holders[v]; ok {
		return limited
	}
	g.holders[v] = true // while it is decided, a use through itself limits
	limited := g.addressesLimit(v)
	g.holders[v] = limited
	return limited
}

// addressesLimit decides holderLimited from the SSA values that address
// or read v.
func (g *groups) addressesLimit(v *types.Var) bool {
	byValue := isGroup(v.Type())
	assigned := false
	for _, a := range g.addresses(v) {
		seen := make(map[ssa.Value]bool)
		if _, read := a.(*ssa.Field); read || byValue {
			// A field read yields the group pointer itself; the
			// address of a group held by value is the group.
			if g.usesLimit(a, seen) {
				return true
			}
			continue
		}
		for _, ref := range g.uses(a) {
			switch ref := ref.(type) {
			case *ssa.Store:
				if ref.Addr != a || g.storesLimit(ref, seen) {
					return true
				}
				assigned = true
			case *ssa.UnOp:
				if ref.Op != token.MUL || g.usesLimit(ref, seen) {
					return true
				}
			default:
				return true
			}
		}
	}
	return !byValue && !assigned
}

// storesLimit reports whether st, a store into a holder of a group
// pointer, may store a limited group: one that is not new, or a new one
// that something other than st may limit.
func (g *groups) storesLimit(st *ssa.Store, seen map[ssa.Value]bool) bool {
	if !freshGroup(st.Val) {
		return true
	}
	return anyOf(g.uses(st.Val), func(ref ssa.Instruction) bool { return ref != st && g.useLimits(ref, st.Val, seen) })
}

// uses returns the instructions that use v.
func (g *groups) uses(v ssa.Value) []ssa.Instruction {
	if gl, ok := v.(*ssa.Global); ok {
		g.index()
		return g.globalUses[gl]
	}
	if refs := v.Referrers(); refs != nil {
		return *refs
	}
	return nil
}

// addresses returns the SSA values in built code that address or read
// the field or package variable v.
func (g *groups) addresses(v *types.Var) []ssa.Value {
	g.index()
	if v.IsField() {
		return g.fields[v]
	}
	if gl := g.globals[v]; gl != nil {
		return []ssa.Value{gl}
	}
	return nil
}

// index records, once, the field addresses and reads of built code and
// the uses of package variables, in the package initializer too.
func (g *groups) index() {
	if g.fields != nil {
		return
	}
	g.fields = make(map[*types.Var][]ssa.Value)
	g.globals = make(map[*types.Var]*ssa.Global)
	g.globalUses = make(map[*ssa.Global][]ssa.Instruction)
	funcs := g.c.ir.Funcs
	if init := g.c.ir.Pkg.Func("init"); init != nil {
		funcs = append([]*ssa.Function{init}, funcs...)
	}
	var ops []*ssa.Value
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch instr := instr.(type) {
				case *ssa.FieldAddr, *ssa.Field:
					if f := holderOf(instr.(ssa.Value)); f != nil {
						g.fields[f] = append(g.fields[f], instr.(ssa.Value))
					}
				}
				ops = instr.Operands(ops[:0])
				for _, op := range ops {
					if gl, ok := (*op).(*ssa.Global); ok && gl.Pkg == g.c.ir.Pkg {
						g.globalUses[gl] = append(g.globalUses[gl], instr)
						g.globals[globalVar(gl)] = gl
					}
				}
			}
		}
	}
}

// holderOf returns the field or package variable v addresses or reads,
// as declared (for a field of an instantiated type, the generic field).
func holderOf(v ssa.Value) *types.Var {
	var f *types.Var
	switch v := v.(type) {
	case *ssa.FieldAddr:
		f = fieldVar(v)
	case *ssa.Field:
		if st, ok := irutil.CoreType(v.X.Type()).(*types.Struct); ok && v.Field < st.NumFields() {
			f = st.Field(v.Field)
		}
	case *ssa.Global:
		f = globalVar(v)
	}
	if f == nil {
		return nil
	}
	return f.Origin()
}

// freshGroup reports whether v is a new group (new(errgroup.Group),
// &errgroup.Group{}, errgroup.WithContext(...)) or nil.
func freshGroup(v ssa.Value) bool {
	switch v := unchangeType(v).(type) {
	case *ssa.Alloc:
		return isGroup(irutil.Deref(v.Type()))
	case *ssa.Extract:
		call, ok := v.Tuple.(*ssa.Call)
		return ok && isFunc(calleeObj(&call.Call), errgroupPath, "WithContext")
	case *ssa.Const:
		return v.IsNil()
	}
	return false
}

// globalVar returns the package variable of g.
func globalVar(g *ssa.Global) *types.Var {
	v, _ := g.Object().(*types.Var)
	return v
}

// isGroup reports whether t is errgroup.Group (not a pointer to it).
func isGroup(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named)
	return ok && named.Obj().Name() == "Group" && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == errgroupPath
}
