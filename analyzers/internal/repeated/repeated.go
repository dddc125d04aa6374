// Package repeated decides which functions of a package run again and
// again, for analyzers that report work which should be done once but is
// done on every call (a regexp compiled, a connection pool built): a
// function called on the iterations of a hot loop, an HTTP handler, a
// function the CPU profile marks hot, and, transitively, the functions
// those call. It also answers the two questions such analyzers ask of
// one call: does it run again on the next iteration of a loop, and is it
// guarded by a cache lookup.
package repeated

import (
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irbuild"
	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/tripcount"
)

// Reason says why a function runs repeatedly.
type Reason int

const (
	// Handler: the function is an HTTP handler, run on every request.
	Handler Reason = iota + 1
	// InLoop: the function is called on the iterations of a hot loop.
	InLoop
	// ByRepeated: a function that runs repeatedly calls it.
	ByRepeated
	// ProfileHot: the CPU profile marks the function hot.
	ProfileHot
)

// Why is the evidence that a function runs repeatedly.
type Why struct {
	Reason Reason
	// Loop is the hot loop that calls the function (InLoop).
	Loop *loops.Loop
	// Caller is the repeated function that calls it (ByRepeated).
	Caller *ssa.Function
}

// Describe says, for messages, why fn runs repeatedly: "an HTTP handler,
// run on every request".
func (w Why) Describe() string {
	switch w.Reason {
	case Handler:
		return "an HTTP handler, run on every request"
	case InLoop:
		return "called on every iteration of " + w.Loop.Describe() + " in " + Name(w.Loop.Fn)
	case ByRepeated:
		return "called by " + Name(w.Caller) + ", which runs repeatedly"
	case ProfileHot:
		return "hot in the CPU profile"
	}
	return "called repeatedly"
}

// Funcs holds the functions of a package that run repeatedly.
type Funcs struct {
	why map[*ssa.Function]Why
}

// Of returns why fn runs repeatedly, and false if nothing says it does.
func (fs *Funcs) Of(fn *ssa.Function) (Why, bool) {
	w, ok := fs.why[fn]
	return w, ok
}

// Find returns the functions of ir that run repeatedly. profileHot, if
// not nil, marks the functions a CPU profile shows hot (the evidence
// pass's answer, through the reporter).
//
// Code run once per program is never a source of repetition: the package
// initializer, init functions and whatever they call, main's own body
// (a loop in main still repeats what it calls).
func Find(ir *irbuild.IR, forest *loops.Forest, counts *tripcount.Counts, profileHot func(*ssa.Function) bool) *Funcs {
	fs := &Funcs{why: make(map[*ssa.Function]Why)}
	if ir.Pkg == nil {
		return fs
	}
	var work []*ssa.Function
	mark := func(fn *ssa.Function, w Why) {
		if _, seen := fs.why[fn]; seen || fn.Blocks == nil || fn.Pkg != ir.Pkg || InInit(fn) {
			return
		}
		fs.why[fn] = w
		work = append(work, fn)
	}
	for _, fn := range ir.Funcs {
		if irbuild.IsHandler(fn.Signature) {
			mark(fn, Why{Reason: Handler})
		} else if profileHot != nil && profileHot(fn) {
			mark(fn, Why{Reason: ProfileHot})
		}
	}
	for _, l := range forest.All {
		if !counts.Hot(l) || InInit(l.Fn) {
			continue
		}
		for _, instr := range l.Instrs() {
			call, ok := instr.(ssa.CallInstruction)
			if !ok || !RepeatsIn(l, instr) || Guarded(instr, l.Contains) {
				continue
			}
			if callee := irutil.Callee(call.Common()); callee != nil {
				mark(callee, Why{Reason: InLoop, Loop: l})
			}
		}
	}
	for len(work) > 0 {
		fn := work[0]
		work = work[1:]
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok || Guarded(instr, nil) {
					continue
				}
				if callee := irutil.Callee(call.Common()); callee != nil && callee != fn {
					mark(callee, Why{Reason: ByRepeated, Caller: fn})
				}
			}
		}
	}
	return fs
}

// InInit reports whether fn is, or is nested in, the package initializer
// or an init function: code that runs once per program.
func InInit(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	if fn.Signature.Recv() != nil {
		return false
	}
	name := fn.Name()
	return name == "init" || strings.HasPrefix(name, "init#")
}

// Name names fn for messages: F, T.M, or "a function literal in F".
func Name(fn *ssa.Function) string {
	if fn.Parent() != nil {
		return "a function literal in " + Name(fn.Parent())
	}
	if recv := fn.Signature.Recv(); recv != nil {
		if named, ok := irutil.Deref(recv.Type()).(*types.Named); ok {
			return named.Obj().Name() + "." + fn.Name()
		}
	}
	return fn.Name()
}

// OutermostLoop returns the outermost hot loop on whose iterations instr
// runs again, unguarded by a cache test in the loop, outside the
// package initializer, and for which accept (when not nil) holds; or nil.
// The outermost one is where the work can be done once.
func OutermostLoop(instr ssa.Instruction, forest *loops.Forest, counts *tripcount.Counts, accept func(*loops.Loop) bool) *loops.Loop {
	enclosing := forest.Enclosing(instr)
	for i := len(enclosing) - 1; i >= 0; i-- {
		l := enclosing[i]
		if counts.Hot(l) && !InInit(l.Fn) && RepeatsIn(l, instr) && !Guarded(instr, l.Contains) && (accept == nil || accept(l)) {
			return l
		}
	}
	return nil
}

// RepeatsIn reports whether instr, which runs in l, can run again on a
// later iteration: after it, the iteration can go on to the next one
// rather than leave the loop (return or break right after it).
func RepeatsIn(l *loops.Loop, instr ssa.Instruction) bool {
	b := instr.Block()
	if b.Parent() != l.Fn {
		// A range-over-func body nested in l runs once per element.
		return l.ContainsInstr(instr)
	}
	if !l.Contains(b) {
		return false
	}
	if l.Kind == loops.RangeFunc {
		return yieldsAgain(b)
	}
	if forOneKey(l, b) {
		return false
	}
	after := l.InIteration(b)
	for _, latch := range l.Latches {
		if after[latch] {
			return true
		}
	}
	return false
}

// forOneKey reports whether b, in l, a loop over a map, runs only for
// the iteration whose key equals a constant: map keys are unique, so at
// most once per loop (the case "pinned_certs": of a switch over the key
// of a configuration map).
func forOneKey(l *loops.Loop, b *ssa.BasicBlock) bool {
	isKey := func(v ssa.Value) bool {
		ext, ok := v.(*ssa.Extract)
		if !ok {
			return false
		}
		next, ok := ext.Tuple.(*ssa.Next)
		return ok && ext.Index == 1 && !next.IsString && next.Block() == l.Header
	}
	return underCase(b, l.Contains, isKey)
}

// Dispatched reports whether instr runs only when a string parameter of
// its function (or a case- or space-normalised form of it) equals a
// constant: the case "resolver": of a function that handles one
// configuration key per call. Such a function is called repeatedly, but
// that case runs only on the calls for that value, which nothing shows
// to repeat.
func Dispatched(instr ssa.Instruction) bool {
	isParam := func(v ssa.Value) bool {
		p, ok := v.(*ssa.Parameter)
		return ok && irutil.IsString(p.Type())
	}
	return underCase(instr.Block(), nil, isParam)
}

// underCase reports whether b runs only when a value satisfying subject
// (or a case- or space-normalised form of it) equals a constant: a
// block that dominates it (within, if not nil) branches on that test,
// and its true branch dominates b.
func underCase(b *ssa.BasicBlock, within func(*ssa.BasicBlock) bool, subject func(ssa.Value) bool) bool {
	for d := b.Idom(); d != nil && (within == nil || within(d)); d = d.Idom() {
		if len(d.Instrs) == 0 {
			continue
		}
		cond, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok || !d.Succs[0].Dominates(b) {
			continue
		}
		eq, ok := cond.Cond.(*ssa.BinOp)
		if !ok || eq.Op != token.EQL {
			continue
		}
		if _, c := eq.Y.(*ssa.Const); c && normalised(eq.X, subject, 0) {
			return true
		}
		if _, c := eq.X.(*ssa.Const); c && normalised(eq.Y, subject, 0) {
			return true
		}
	}
	return false
}

// normalised reports whether v satisfies subject, or is a conversion or
// a strings.ToLower, ToUpper or TrimSpace of such a value.
func normalised(v ssa.Value, subject func(ssa.Value) bool, depth int) bool {
	if subject(v) {
		return true
	}
	if depth > 3 {
		return false
	}
	switch v := v.(type) {
	case *ssa.ChangeType:
		return normalised(v.X, subject, depth+1)
	case *ssa.Convert:
		return normalised(v.X, subject, depth+1)
	case *ssa.Call:
		fn := v.Common().StaticCallee()
		if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg.Path() != "strings" || len(v.Common().Args) != 1 {
			return false
		}
		switch fn.Name() {
		case "ToLower", "ToUpper", "TrimSpace":
			return normalised(v.Common().Args[0], subject, depth+1)
		}
	}
	return false
}

// yieldsAgain reports whether, from b in the body of a range-over-func
// statement, the yield function can return anything but false: false is
// how the body breaks out of the loop (or returns from the function).
func yieldsAgain(b *ssa.BasicBlock) bool {
	for r := range irutil.Reachable([]*ssa.BasicBlock{b}, func(*ssa.BasicBlock) bool { return true }) {
		ret, ok := r.Instrs[len(r.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) != 1 {
			continue
		}
		if c, ok := ret.Results[0].(*ssa.Const); !ok || constant.BoolVal(c.Value) {
			return true
		}
	}
	return false
}

// Guarded reports whether instr runs only when a cache test lets it: a
// block that dominates it (one of those within accepts, all if within is
// nil) branches on a map lookup, a sync.Map or cache Load, Get or
// Lookup, or a nil test of a pointer read from memory or carried by a
// phi (if p.re == nil { p.re = regexp.MustCompile(...) }).
func Guarded(instr ssa.Instruction, within func(*ssa.BasicBlock) bool) bool {
	for b := instr.Block().Idom(); b != nil; b = b.Idom() {
		if within != nil && !within(b) {
			return false
		}
		if len(b.Instrs) == 0 {
			continue
		}
		if cond, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok && isCacheTest(cond.Cond, 0, make(map[ssa.Value]int)) {
			return true
		}
	}
	return false
}

// isCacheTest reports whether the branch condition v tests for a cached
// value. A value is looked at again only from a shallower depth, where
// more of it is within reach (seen holds the shallowest depth plus one):
// the phis of a large switch merge hundreds of edges, and the walk would
// otherwise be exponential in depth.
func isCacheTest(v ssa.Value, depth int, seen map[ssa.Value]int) bool {
	if d := seen[v]; depth > 4 || d > 0 && d-1 <= depth {
		return false
	}
	seen[v] = depth + 1
	switch v := v.(type) {
	case *ssa.UnOp:
		return v.Op == token.NOT && isCacheTest(v.X, depth+1, seen)
	case *ssa.BinOp:
		switch v.Op {
		case token.EQL, token.NEQ:
			if isNil(v.Y) {
				return isCachedValue(v.X)
			}
			if isNil(v.X) {
				return isCachedValue(v.Y)
			}
		case token.LAND, token.LOR:
			return isCacheTest(v.X, depth+1, seen) || isCacheTest(v.Y, depth+1, seen)
		}
	case *ssa.Extract:
		return isLookup(v.Tuple)
	case *ssa.Phi:
		// && and || conditions merge into a phi of their operands.
		for _, e := range v.Edges {
			if isCacheTest(e, depth+1, seen) {
				return true
			}
		}
	}
	return false
}

// isCachedValue reports whether v, compared with nil, is a value kept
// between calls or iterations: a pointer or map read from memory or
// carried by a phi, or the result of a lookup.
func isCachedValue(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return false
		}
	case *ssa.Phi:
	case *ssa.Extract:
		return isLookup(v.Tuple)
	case *ssa.Lookup, *ssa.TypeAssert:
		return true
	case *ssa.Call:
		return isLookup(v)
	default:
		return false
	}
	switch irutil.CoreType(v.Type()).(type) {
	case *types.Pointer, *types.Map:
		return true
	}
	return false
}

// isLookup reports whether v is a map lookup or a call of a method
// named like a cache read (Load, LoadOrStore, Get, Lookup).
func isLookup(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.Lookup:
		return true
	case *ssa.TypeAssert:
		return isLookup(v.X)
	case *ssa.Extract:
		return isLookup(v.Tuple)
	case *ssa.Call:
		fn := v.Common().Method
		if fn == nil {
			if callee := v.Common().StaticCallee(); callee != nil && callee.Signature.Recv() != nil {
				return cacheReads[callee.Name()]
			}
			return false
		}
		return cacheReads[fn.Name()]
	}
	return false
}

var cacheReads = map[string]bool{"Load": true, "LoadOrStore": true, "Get": true, "Lookup": true}

func isNil(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value == nil
}

// FixedPerCall reports whether v has the same value on every call of its
// function: it is built only from constants, package-level variables,
// captured variables and pure string functions of those, never from a
// parameter (what the caller passes varies per call) or from anything
// else a call returns.
func FixedPerCall(v ssa.Value) bool {
	return fixed(v, make(map[ssa.Value]bool), 0)
}

func fixed(v ssa.Value, visiting map[ssa.Value]bool, depth int) bool {
	if depth > 16 || visiting[v] {
		return false
	}
	visiting[v] = true
	defer delete(visiting, v)
	next := func(vs ...ssa.Value) bool {
		for _, x := range vs {
			if !fixed(x, visiting, depth+1) {
				return false
			}
		}
		return true
	}
	switch v := v.(type) {
	case *ssa.Const, *ssa.Global, *ssa.FreeVar, *ssa.Function:
		return true
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return next(v.X)
		}
		if stored := irutil.Stored(v); stored != v {
			return next(stored)
		}
		_, global := v.X.(*ssa.Global)
		return global
	case *ssa.BinOp:
		return next(v.X, v.Y)
	case *ssa.Convert:
		return next(v.X)
	case *ssa.ChangeType:
		return next(v.X)
	case *ssa.MakeInterface:
		return next(v.X)
	case *ssa.Phi:
		return next(v.Edges...)
	case *ssa.Slice:
		if elems, ok := Elements(v); ok {
			return next(elems...)
		}
		return false
	case *ssa.Call:
		return pureStringCall(v.Common()) && next(v.Common().Args...)
	}
	return false
}

// Elements returns the values stored into the array that s slices, when
// it holds a composite literal built in place, such as the arguments of
// a variadic call: f("a", "b") passes a slice of a fresh array.
func Elements(s *ssa.Slice) ([]ssa.Value, bool) {
	a, ok := s.X.(*ssa.Alloc)
	if !ok {
		return nil, false
	}
	var vals []ssa.Value
	for _, ref := range *a.Referrers() {
		switch ref := ref.(type) {
		case *ssa.IndexAddr:
			if _, ok := ref.Index.(*ssa.Const); !ok {
				return nil, false
			}
			for _, use := range *ref.Referrers() {
				if st, ok := use.(*ssa.Store); ok && st.Addr == ref {
					vals = append(vals, st.Val)
				}
			}
		case *ssa.Slice:
		default:
			return nil, false
		}
	}
	return vals, true
}

// pureStringCall reports whether c calls a function whose result depends
// only on its arguments and that patterns are commonly built with.
func pureStringCall(c *ssa.CallCommon) bool {
	fn := c.StaticCallee()
	if fn == nil || fn.Pkg == nil || fn.Signature.Recv() != nil {
		return false
	}
	switch fn.Pkg.Pkg.Path() {
	case "fmt":
		return strings.HasPrefix(fn.Name(), "Sprint")
	case "strings":
		return true
	case "strconv":
		return strings.HasPrefix(fn.Name(), "Itoa") || strings.HasPrefix(fn.Name(), "Format") || strings.HasPrefix(fn.Name(), "Quote")
	case "regexp":
		return fn.Name() == "QuoteMeta"
	}
	return false
}

// IsConst reports whether v is a constant (a string constant, for
// patterns).
func IsConst(v ssa.Value) (string, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(c.Value), true
}
