package effects

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
)

// A Summary is what a piece of code (a loop, a call, a function) may do
// to memory that existed before it ran.
type Summary struct {
	model  *Model
	writes map[write]bool
	// unknown says it may write anything but confined variables: it
	// calls code this package cannot see into (an interface method, a
	// function value, a function of this package built without a body,
	// a call deeper than maxCallDepth, a recursive call), or converts an
	// unsafe.Pointer into a pointer, which may then point anywhere.
	unknown bool
	// synchronises says it communicates with other goroutines (channel
	// operations, select, calls into sync and sync/atomic), which may
	// then write anything between its steps.
	synchronises bool
}

func (m *Model) newSummary() *Summary {
	return &Summary{model: m, writes: make(map[write]bool)}
}

// MayWrite reports whether the code may change the memory a load from
// addr reads.
func (s *Summary) MayWrite(addr ssa.Value) bool {
	return s.mayWriteAt(locationAt(addr))
}

// MayWriteElements reports whether the code may change an element of
// the slice xs (of slice type, or a type parameter whose core type is
// one). Appending to xs does not change the elements it already has,
// but appending to a slice cut from it does; see appendedArraysUnshared.
func (s *Summary) MayWriteElements(xs ssa.Value) bool {
	sl, ok := SliceType(xs.Type())
	if !ok {
		return true
	}
	return s.mayWriteAt(elementsOf(sl))
}

// Unknown reports whether the code may write anything: see Summary.
func (s *Summary) Unknown() bool { return s.unknown }

// Synchronises reports whether the code communicates with other
// goroutines, which may then change memory between its steps.
func (s *Summary) Synchronises() bool { return s.synchronises }

func (s *Summary) mayWriteAt(loc location) bool {
	if s.unknown && loc.local == nil {
		return true
	}
	for w := range s.writes {
		if w.mayWrite(loc, s.model) {
			return true
		}
	}
	return false
}

// merge adds what sub may do to s.
func (s *Summary) merge(sub *Summary) {
	s.unknown = s.unknown || sub.unknown
	s.synchronises = s.synchronises || sub.synchronises
	for w := range sub.writes {
		s.writes[w] = true
	}
}

// frame is the code a summary is being built for: which allocations
// are its own, and how many more calls deep it may follow.
type frame struct {
	// fresh reports whether an instruction allocates memory created by
	// the code being summarised, which nothing before it can point to.
	fresh func(ssa.Instruction) bool
	// budget is how many more levels of calls may be followed.
	budget int
	// isCall says the code is a called function, whose deferred calls
	// run before the call returns; a loop's run after it (see
	// deferredCallsRunAfterLoop).
	isCall bool
}

// add adds to s what instr may do. Stores into objects allocated by the
// code being summarised cannot change memory that existed before it, so
// they are left out.
func (m *Model) add(s *Summary, instr ssa.Instruction, f frame) {
	switch instr := instr.(type) {
	case *ssa.Store:
		if !freshAddr(instr.Addr, f.fresh) {
			s.writes[writeAt(instr.Addr)] = true
		}
	case *ssa.Send, *ssa.Select:
		s.synchronises = true
	case *ssa.UnOp:
		if instr.Op == token.ARROW {
			s.synchronises = true
		}
	case *ssa.Convert:
		if isUnsafePointer(instr.X.Type()) {
			s.unknown = true // a pointer made from arithmetic may point anywhere
		}
	case *ssa.Defer:
		if f.isCall || !deferredCallsRunAfterLoop {
			m.addCall(s, instr.Common(), f.budget)
		}
	case ssa.CallInstruction:
		// A call, or a go statement: the goroutine writes what the
		// call would, at some time during or after the code.
		m.addCall(s, instr.Common(), f.budget)
	}
}

// addCall adds to s what the call c may do, following callees within
// budget levels.
func (m *Model) addCall(s *Summary, c *ssa.CallCommon, budget int) {
	if b, ok := c.Value.(*ssa.Builtin); ok {
		addBuiltin(s, b.Name(), c.Args)
		return
	}
	if callsSync(c) {
		s.synchronises = true
	}
	fn := c.StaticCallee()
	if c.IsInvoke() || fn == nil {
		s.unknown = true
		return
	}
	decl := fn
	if fn.Origin() != nil {
		decl = fn.Origin() // an instance: the generic function declares it
	}
	if !m.isLocal(decl) {
		m.addForeign(s, decl, c, budget)
		return
	}
	body := fn
	if body.Blocks == nil {
		body = decl
	}
	if body.Blocks == nil {
		s.unknown = true // built without a body here: it may do anything
		return
	}
	if budget <= 0 {
		s.unknown = true
		return
	}
	// A closure's stores to the variables it captures are variable
	// writes in its body.
	s.merge(m.function(body, budget-1))
}

// addForeign adds to s what a call c of fn, a function of another
// package, may do: write what its arguments reach and its package's
// variables, and run the functions passed to it.
func (m *Model) addForeign(s *Summary, fn *ssa.Function, c *ssa.CallCommon, budget int) {
	if !foreignCodeRetainsNothing {
		s.unknown = true
		return
	}
	if readOnlyCallsWriteNothing && ReadsOnly(c) {
		for _, arg := range c.Args {
			if isFunc(arg.Type()) {
				m.addArgument(s, arg, budget)
			}
		}
		return
	}
	if pkg := packageOf(fn); pkg != nil {
		s.writes[write{kind: packageWrite, pkg: pkg}] = true
	} else {
		s.unknown = true
		return
	}
	for _, arg := range c.Args {
		m.addArgument(s, arg, budget)
	}
}

// addArgument adds to s what a function of another package may do with
// arg: write what it reaches, call it if it is a function of ours.
func (m *Model) addArgument(s *Summary, arg ssa.Value, budget int) {
	if vals, ok := variadicValues(arg); ok {
		for _, v := range vals {
			m.addArgument(s, v, budget)
		}
		return
	}
	t := arg.Type()
	if mi, ok := arg.(*ssa.MakeInterface); ok && interfaceArgumentsWriteTheirReach {
		t = mi.X.Type()
		arg = mi.X
	}
	if isFunc(t) {
		// The callee may call it: what it does, as a call of ours.
		call := &ssa.CallCommon{Value: arg}
		if call.StaticCallee() != nil {
			m.addCall(s, call, budget)
			return
		}
	}
	if !isBasicValue(t) {
		s.writes[write{kind: reachWrite, typ: t}] = true
	}
}

// variadicValues returns the values stored into the array of arg, when
// arg is the slice the builder makes for a call's variadic arguments
// (fmt.Printf("%s", a, b)): a new array, used only to store those
// values and slice it. The callee receives the values, not the array's
// history.
func variadicValues(arg ssa.Value) ([]ssa.Value, bool) {
	sl, ok := arg.(*ssa.Slice)
	if !ok || sl.Low != nil || sl.High != nil || sl.Max != nil {
		return nil, false
	}
	a, ok := sl.X.(*ssa.Alloc)
	if !ok {
		return nil, false
	}
	var vals []ssa.Value
	for _, ref := range *a.Referrers() {
		switch u := ref.(type) {
		case *ssa.Slice:
			if u != sl {
				return nil, false
			}
		case *ssa.IndexAddr:
			for _, r := range *u.Referrers() {
				st, ok := r.(*ssa.Store)
				if !ok || st.Addr != u {
					return nil, false
				}
				vals = append(vals, st.Val)
			}
		default:
			return nil, false
		}
	}
	return vals, true
}

// addBuiltin adds to s what a call of the built-in function name with
// args may do.
func addBuiltin(s *Summary, name string, args []ssa.Value) {
	switch name {
	case "append":
		if appendedArraysUnshared && len(args) > 0 && !cutFromSlice(args[0], make(map[ssa.Value]bool)) {
			return
		}
	case "copy", "clear":
	default:
		return // len, cap, min, max, print...
	}
	if len(args) == 0 {
		return
	}
	if sl, ok := SliceType(args[0].Type()); ok {
		s.writes[write{kind: elementWrite, typ: sl.Elem()}] = true
	} else if _, isMap := args[0].Type().Underlying().(*types.Map); !isMap {
		s.unknown = true // a type parameter without a core slice type
	}
}

// cutFromSlice reports whether the slice v may have been cut from
// another slice or an array (x[i:j]), through the phis and appends it
// is grown by: its array is then shared. See appendedArraysUnshared.
func cutFromSlice(v ssa.Value, seen map[ssa.Value]bool) bool {
	if seen[v] || len(seen) > maxTypeDepth {
		return len(seen) > maxTypeDepth
	}
	seen[v] = true
	switch x := v.(type) {
	case *ssa.Slice:
		return true
	case *ssa.ChangeType:
		return cutFromSlice(x.X, seen)
	case *ssa.Phi:
		for _, e := range x.Edges {
			if cutFromSlice(e, seen) {
				return true
			}
		}
	case *ssa.Call:
		if b, ok := x.Call.Value.(*ssa.Builtin); ok && b.Name() == "append" && len(x.Call.Args) > 0 {
			return cutFromSlice(x.Call.Args[0], seen)
		}
	}
	return false
}

// function returns the summary of a call to fn, following its calls
// within budget more levels. The caller holds m.mu.
func (m *Model) function(fn *ssa.Function, budget int) *Summary {
	key := funcKey{fn, budget}
	if s, ok := m.byFunc[key]; ok {
		return s
	}
	if m.inProgress[fn] {
		return m.unknownSummary // recursion: assume the worst
	}
	m.inProgress[fn] = true
	defer delete(m.inProgress, fn)
	s := m.newSummary()
	f := frame{fresh: func(instr ssa.Instruction) bool { return instr.Parent() == fn }, budget: budget, isCall: true}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			m.add(s, instr, f)
		}
	}
	m.byFunc[key] = s
	return s
}

type funcKey struct {
	fn     *ssa.Function
	budget int
}

// isLocal reports whether fn belongs to the package being analysed, or
// is a wrapper without a package.
func (m *Model) isLocal(fn *ssa.Function) bool {
	pkg := packageOf(fn)
	return pkg == nil || pkg == m.pkg
}

// packageOf returns the package fn is declared in, or nil.
func packageOf(fn *ssa.Function) *types.Package {
	if obj, ok := fn.Object().(*types.Func); ok && obj.Pkg() != nil {
		return obj.Pkg()
	}
	if fn.Pkg != nil {
		return fn.Pkg.Pkg
	}
	return nil
}

func isFunc(t types.Type) bool {
	_, ok := t.Underlying().(*types.Signature)
	return ok
}

func isUnsafePointer(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.UnsafePointer
}

// isBasicValue reports whether t holds no pointers, so passing a value of
// it gives the callee access to nothing.
func isBasicValue(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() != types.UnsafePointer
}

// freshAddr reports whether addr lies in an object allocated by an
// instruction for which fresh holds: a variable or composite literal
// (see irutil.AllocRoot), or the array of a slice made there.
func freshAddr(addr ssa.Value, fresh func(ssa.Instruction) bool) bool {
	if a := irutil.AllocRoot(addr); a != nil {
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
		a := irutil.AllocRoot(x.X)
		return a != nil && fresh(a)
	}
	return false
}

// callsSync reports whether c calls a function or method of sync or
// sync/atomic, or of the runtime packages below them.
func callsSync(c *ssa.CallCommon) bool {
	var pkg *types.Package
	if c.IsInvoke() {
		pkg = c.Method.Pkg()
	} else if fn := c.StaticCallee(); fn != nil {
		pkg = packageOf(fn)
	}
	return pkg != nil && syncPackages[pkg.Path()]
}

// syncPackages are sync, sync/atomic and the packages below them, whose
// functions synchronise with other goroutines.
var syncPackages = map[string]bool{
	"sync":                    true,
	"sync/atomic":             true,
	"internal/sync":           true,
	"internal/runtime/atomic": true,
	"runtime/internal/atomic": true,
	"runtime":                 true,
}
