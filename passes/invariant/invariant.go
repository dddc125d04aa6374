// Package invariant defines an Analyzer that decides which SSA values keep
// the same value on every iteration of a loop.
//
// A value is invariant in a loop when it is defined outside the loop, or
// computed inside it only from invariant values. A load from memory is
// invariant when its address is invariant and the loop may not write the
// location, by the memory model of package effects (stores, calls
// followed through their bodies, unknown calls writing anything). This
// package adds no write predicate of its own: it asks the model.
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

	"github.com/perfvet/perfvet/passes/effects"
	"github.com/perfvet/perfvet/passes/loops"
)

// Analyzer provides an Oracle for the package's loops.
var Analyzer = &analysis.Analyzer{
	Name:       "invariant",
	Doc:        "decide which SSA values are invariant in which loops",
	Run:        run,
	Requires:   []*analysis.Analyzer{loops.Analyzer, effects.Analyzer},
	ResultType: reflect.TypeFor[*Oracle](),
}

// Oracle answers invariance questions. The analyzers sharing it may query
// it concurrently: what it caches is guarded by a mutex.
type Oracle struct {
	model *effects.Model

	mu       sync.Mutex
	escaping map[*loops.Loop]map[ssa.Value][]string
}

func run(pass *analysis.Pass) (any, error) {
	return &Oracle{
		model:    pass.ResultOf[effects.Analyzer].(*effects.Model),
		escaping: make(map[*loops.Loop]map[ssa.Value][]string),
	}, nil
}

// Effects returns the memory model the oracle asks.
func (o *Oracle) Effects() *effects.Model { return o.model }

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
			return operandsInvariant() && !o.model.Loop(l).MayWrite(v.X)
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

// Instrs returns every instruction that runs in l, including the bodies
// of range-over-func statements nested in it.
func (o *Oracle) Instrs(l *loops.Loop) []ssa.Instruction { return effects.Instrs(l) }

// ContentsChange reports whether the elements of slice xs may change
// during l, by the memory model: a store to an element of its type, xs
// or what reaches it passed to a call that may write it (copy, clear,
// sort functions, methods...; not the searches and comparisons of
// package slices, see effects.ReadsOnly), an unknown call. Appending to
// xs does not change the elements it already has.
func (o *Oracle) ContentsChange(l *loops.Loop, xs ssa.Value) bool {
	return o.model.Loop(l).MayWriteElements(xs)
}

// ContentsChangeExcept is ContentsChange leaving out the instructions
// for which skip reports true: the caller's own operation on xs, such as
// a sort whose repetition is the question.
func (o *Oracle) ContentsChangeExcept(l *loops.Loop, xs ssa.Value, skip func(ssa.Instruction) bool) bool {
	return o.model.LoopExcept(l, skip).MayWriteElements(xs)
}

// Synchronises reports whether l communicates with other goroutines:
// channel operations, select, or calls into sync and sync/atomic, in the
// loop or in the functions it calls. Another goroutine may then change
// memory between iterations.
func (o *Oracle) Synchronises(l *loops.Loop) bool {
	return o.model.Loop(l).Synchronises()
}
