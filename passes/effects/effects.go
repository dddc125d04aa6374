// Package effects defines an Analyzer that answers one question for
// every other pass and analyzer: may this loop (or this call, or this
// function) write this location?
//
// The answer comes from a region- and type-based alias model (see
// alias.go): memory is a tree of regions, and a write may change a load
// when the written region and the loaded one may overlap by their types.
// What code may write is summarised once per loop and per function:
//
//   - a store writes its address's region; stores into memory the code
//     allocates itself are left out, since nothing older points there;
//   - a call to a function of this package with a body writes what that
//     body writes, followed to maxCallDepth calls deep;
//   - a call of a closure writes what its body writes, the variables it
//     captures included;
//   - an interface method call, a call of a function value, a call of a
//     function of this package built without a body, a recursive call
//     or one beyond maxCallDepth is unknown: it may write anything but
//     confined variables (locals that do not escape, or that closures
//     only read);
//   - a call of a function of another package may write what its
//     arguments reach, that package's variables and what they reach,
//     and what the functions passed to it write;
//   - copy, clear and append write the elements of their slice.
//
// Every assumption beyond what the SSA form proves is a named switch in
// assumptions.go. Synchronisation (another goroutine writing between two
// steps) is reported apart, by Summary.Synchronises: whether it matters
// is the caller's concern.
package effects

import (
	"go/types"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/loops"
)

// Analyzer provides the Model of the package's code.
var Analyzer = &analysis.Analyzer{
	Name:       "effects",
	Doc:        "summarise what loops, calls and functions may write",
	Run:        run,
	Requires:   []*analysis.Analyzer{loops.Analyzer},
	ResultType: reflect.TypeFor[*Model](),
}

// Model answers write questions. The analyzers sharing it may query it
// concurrently: the summaries it caches are built under a mutex and not
// changed afterwards.
type Model struct {
	pkg *types.Package

	mu             sync.Mutex
	byLoop         map[*loops.Loop]*Summary
	byExit         map[*loops.Loop]*Summary
	byFunc         map[funcKey]*Summary
	inProgress     map[*ssa.Function]bool
	unknownSummary *Summary

	importsMu sync.Mutex
	imports   map[*types.Package]map[*types.Package]bool
}

func run(pass *analysis.Pass) (any, error) {
	return New(pass.Pkg), nil
}

// New returns a Model of the code of package pkg.
func New(pkg *types.Package) *Model {
	m := &Model{
		pkg:        pkg,
		byLoop:     make(map[*loops.Loop]*Summary),
		byExit:     make(map[*loops.Loop]*Summary),
		byFunc:     make(map[funcKey]*Summary),
		inProgress: make(map[*ssa.Function]bool),
		imports:    make(map[*types.Package]map[*types.Package]bool),
	}
	m.unknownSummary = m.newSummary()
	m.unknownSummary.unknown = true
	return m
}

// Loop summarises what l may write while it runs: its own instructions,
// those of loops nested in it and of range-over-func bodies it runs,
// and the functions they call. Memory l allocates is fresh.
func (m *Model) Loop(l *loops.Loop) *Summary {
	m.mu.Lock()
	defer m.mu.Unlock()
	if s, ok := m.byLoop[l]; ok {
		return s
	}
	s := m.loop(l, nil)
	m.byLoop[l] = s
	return s
}

// LoopExcept is Loop leaving out the instructions for which skip
// reports true: the caller's own operation, such as a sort whose
// repetition is the question.
func (m *Model) LoopExcept(l *loops.Loop, skip func(ssa.Instruction) bool) *Summary {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.loop(l, skip)
}

func (m *Model) loop(l *loops.Loop, skip func(ssa.Instruction) bool) *Summary {
	s := m.newSummary()
	f := frame{fresh: func(instr ssa.Instruction) bool { return l.ContainsInstr(instr) }, budget: maxCallDepth}
	for _, instr := range Instrs(l) {
		if skip == nil || !skip(instr) {
			m.add(s, instr, f)
		}
	}
	return s
}

// ExitPaths summarises what the statements on l's exit paths (see
// loops.Loop.ExitPathInstrs) may write. They run at most once, after
// the last iteration began.
func (m *Model) ExitPaths(l *loops.Loop) *Summary {
	m.mu.Lock()
	defer m.mu.Unlock()
	if s, ok := m.byExit[l]; ok {
		return s
	}
	instrs := l.ExitPathInstrs()
	in := make(map[ssa.Instruction]bool, len(instrs))
	for _, instr := range instrs {
		in[instr] = true
	}
	s := m.newSummary()
	f := frame{fresh: func(instr ssa.Instruction) bool { return in[instr] }, budget: maxCallDepth}
	for _, instr := range instrs {
		m.add(s, instr, f)
	}
	m.byExit[l] = s
	return s
}

// Call summarises what the call c may write.
func (m *Model) Call(c *ssa.CallCommon) *Summary {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.newSummary()
	m.addCall(s, c, maxCallDepth)
	return s
}

// Func summarises what a call of fn may write, whatever its arguments:
// a function of another package may write what values of its parameter
// types reach. Call answers for one call site.
func (m *Model) Func(fn *ssa.Function) *Summary {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.newSummary()
	m.addCall(s, &ssa.CallCommon{Value: fn}, maxCallDepth)
	decl := fn
	if fn.Origin() != nil {
		decl = fn.Origin()
	}
	if m.isLocal(decl) {
		return s
	}
	sig := fn.Signature
	if recv := sig.Recv(); recv != nil && !isBasicValue(recv.Type()) {
		s.writes[write{kind: reachWrite, typ: recv.Type()}] = true
	}
	for i := range sig.Params().Len() {
		if t := sig.Params().At(i).Type(); !isBasicValue(t) {
			s.writes[write{kind: reachWrite, typ: t}] = true
		}
	}
	return s
}

// Instrs returns every instruction that runs in l, including those of
// loops nested in it and of the range-over-func bodies it runs.
func Instrs(l *loops.Loop) []ssa.Instruction {
	out := l.Instrs()
	for _, c := range l.Children {
		if c.Fn != l.Fn {
			out = append(out, Instrs(c)...)
		}
	}
	return out
}

// sees reports whether code of package from may see the variables of
// package to: to is from, or one of the packages from imports, directly
// or not, as far as the type information records them.
func (m *Model) sees(from, to *types.Package) bool {
	if from == to {
		return true
	}
	if to == m.pkg {
		return false // no package this one imports can import it back
	}
	m.importsMu.Lock()
	defer m.importsMu.Unlock()
	set, ok := m.imports[from]
	if !ok {
		set = make(map[*types.Package]bool)
		stack := []*types.Package{from}
		for len(stack) > 0 {
			p := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, imp := range p.Imports() {
				if !set[imp] {
					set[imp] = true
					stack = append(stack, imp)
				}
			}
		}
		m.imports[from] = set
	}
	return set[to]
}
