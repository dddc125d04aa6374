package hoistcall

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/analyzers/internal/lint"
	"github.com/perfvet/perfvet/analyzers/internal/report"
	"github.com/perfvet/perfvet/analyzers/internal/source"
	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/tripcount"
)

//go:embed doc.go
var doc string

// Analyzer reports loop-invariant calls to pure standard-library
// functions in hot loops.
var Analyzer = Info.Analyzer

// Info is the analyzer's registry entry.
var Info = lint.Define(lint.Analyzer{
	Name:  "hoistcall",
	Doc:   doc,
	Fixes: true,
	Tags:  []lint.Tag{lint.CPU},
	Run:   run,
})

// checker holds the state of one run over a package.
type checker struct {
	pass   *analysis.Pass
	counts *tripcount.Counts
	oracle *invariant.Oracle
	report *report.Reporter
	// decided holds the calls already reported at an enclosing loop.
	decided map[ssa.Value]bool
	// names are the locals the fixes declare, per scope, so that two
	// fixes never pick one name.
	names map[*types.Scope]map[string]bool
}

func run(p *lint.Pass) (any, error) {
	pass := p.Pass
	forest := p.Loops()
	c := &checker{
		pass:    pass,
		counts:  p.Counts(),
		oracle:  p.Invariant(),
		report:  p.Reporter(),
		decided: make(map[ssa.Value]bool),
		names:   make(map[*types.Scope]map[string]bool),
	}
	if len(forest.All) == 0 {
		return nil, nil
	}
	// Outer loops first: a call is reported at the outermost hot loop
	// on every iteration of which it runs with the same arguments.
	for _, l := range forest.All {
		if !c.counts.Hot(l) || c.isBenchmarkLoop(l) {
			continue
		}
		for _, instr := range l.Instrs() {
			v, ok := instr.(ssa.Value)
			if !ok || c.decided[v] {
				continue
			}
			e, name, ok := lookup(v)
			if !ok || !l.DominatesLatches(instr.Block()) {
				continue
			}
			if !c.operandsInvariant(v, e, l) || !c.resultShareable(v, e, l) {
				continue
			}
			c.decided[v] = true
			c.reportCall(v, e, name, l)
		}
	}
	return nil, nil
}

// operandsInvariant reports whether every argument of the call or
// conversion v is the same on every iteration of l, by the rule of e,
// and at least one of them is not a constant.
func (c *checker) operandsInvariant(v ssa.Value, e entry, l *loops.Loop) bool {
	var args []ssa.Value
	switch v := v.(type) {
	case *ssa.Call:
		args = v.Common().Args
	case *ssa.Convert:
		args = []ssa.Value{v.X}
	}
	var operands []ssa.Value
	for _, arg := range args {
		if elems, ok := variadicElems(arg, l); ok {
			operands = append(operands, elems...)
			continue
		}
		if _, isSlice := arg.Type().Underlying().(*types.Slice); isSlice && c.oracle.ContentsChange(l, arg) {
			return false
		}
		operands = append(operands, arg)
	}
	constant := true
	for i, op := range operands {
		switch {
		case e.operands == formatOperands && (i > 0 || !isStringType(op.Type())),
			e.operands == encodedOperand:
			mi, ok := op.(*ssa.MakeInterface)
			if !ok || !pureOperandType(mi.X.Type(), e.operands) {
				return false
			}
			op = mi.X
		}
		if _, isConst := op.(*ssa.Const); !isConst {
			constant = false
		}
		if !c.invariant(op, l) {
			return false
		}
	}
	return !constant
}

// invariant reports whether op has the same value on every iteration of
// l. Beyond the invariant pass's rules, a value read from memory in l
// is not invariant when the loop synchronises with other goroutines or
// is the body of a range-over-func statement (other code runs between
// iterations and may write it), nor, when it reads a package-level
// variable, when the loop calls a function of this package or an
// unknown function, which may assign it.
func (c *checker) invariant(op ssa.Value, l *loops.Loop) bool {
	if !c.oracle.InvariantThroughLocals(op, l) {
		return false
	}
	mem, global := readsInLoop(op, l, make(map[ssa.Value]bool))
	if !mem {
		return true
	}
	if l.Kind == loops.RangeFunc || c.oracle.Synchronises(l) {
		return false
	}
	return !global || !c.callsLocalCode(l)
}

// readsInLoop reports whether computing v reads memory inside l, and
// whether it reads a package-level variable there.
func readsInLoop(v ssa.Value, l *loops.Loop, seen map[ssa.Value]bool) (mem, global bool) {
	instr, ok := v.(ssa.Instruction)
	if !ok || !l.ContainsInstr(instr) || seen[v] {
		return false, false
	}
	seen[v] = true
	if ld, ok := v.(*ssa.UnOp); ok && ld.Op == token.MUL {
		mem = true
		for _, p := range irutil.PointerChain(ld.X) {
			if _, ok := p.(*ssa.Global); ok {
				global = true
			}
		}
	}
	for _, op := range instr.Operands(nil) {
		if *op == nil {
			continue
		}
		m, g := readsInLoop(*op, l, seen)
		mem, global = mem || m, global || g
	}
	return mem, global
}

// callsLocalCode reports whether l calls a function of the package
// being analysed, a function value or an interface method: code that
// may assign package-level variables.
func (c *checker) callsLocalCode(l *loops.Loop) bool {
	for _, instr := range c.oracle.Instrs(l) {
		call, ok := instr.(ssa.CallInstruction)
		if !ok {
			continue
		}
		common := call.Common()
		if _, isBuiltin := common.Value.(*ssa.Builtin); isBuiltin {
			continue
		}
		fn := common.StaticCallee()
		if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg == c.pass.Pkg {
			return true
		}
	}
	return false
}

// variadicElems returns the values stored into the array a call builds
// for its variadic parameter, when arg is a slice of such an array
// allocated in l.
func variadicElems(arg ssa.Value, l *loops.Loop) ([]ssa.Value, bool) {
	sl, ok := arg.(*ssa.Slice)
	if !ok {
		return nil, false
	}
	arr, ok := sl.X.(*ssa.Alloc)
	if !ok || !l.ContainsInstr(arr) {
		return nil, false
	}
	var elems []ssa.Value
	for _, ref := range *arr.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Slice:
			if ref != sl {
				return nil, false
			}
		case *ssa.IndexAddr:
			for _, use := range *ref.Referrers() {
				st, ok := use.(*ssa.Store)
				if !ok || st.Addr != ref {
					return nil, false
				}
				elems = append(elems, st.Val)
			}
		default:
			return nil, false
		}
	}
	return elems, true
}

// pureOperandType reports whether formatting or encoding a value of type
// t runs no code of its own: for fmt, t is a basic type without methods;
// for json, every type t holds has no methods and t holds no pointers,
// slices, maps, interfaces, channels or functions.
func pureOperandType(t types.Type, kind operandKind) bool {
	if kind == formatOperands {
		_, basic := t.Underlying().(*types.Basic)
		return basic && noMethods(t)
	}
	return pointerFree(t, 0)
}

func noMethods(t types.Type) bool {
	return types.NewMethodSet(t).Len() == 0 && types.NewMethodSet(types.NewPointer(t)).Len() == 0
}

func pointerFree(t types.Type, depth int) bool {
	if depth > 8 || !noMethods(t) {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() != types.UnsafePointer && u.Kind() != types.UntypedNil
	case *types.Array:
		return pointerFree(u.Elem(), depth+1)
	case *types.Struct:
		for i := range u.NumFields() {
			if !pointerFree(u.Field(i).Type(), depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

// resultShareable reports whether one result of v may serve every
// iteration of l: it is immutable, or the loop only reads it.
func (c *checker) resultShareable(v ssa.Value, e entry, l *loops.Loop) bool {
	if e.result == immutable {
		return true
	}
	result := v
	if _, isTuple := v.Type().(*types.Tuple); isTuple {
		result = nil
		for _, ref := range *v.Referrers() {
			if ex, ok := ref.(*ssa.Extract); ok && ex.Index == 0 {
				if result != nil {
					return false
				}
				result = ex
			}
		}
		if result == nil {
			return true // the result is not used
		}
	}
	return readOnly(result, e.result, 0)
}

// readOnly reports whether every use of v, a slice or a *url.URL, only
// reads it and keeps no reference to it.
func readOnly(v ssa.Value, kind resultKind, depth int) bool {
	if depth > 4 {
		return false
	}
	for _, ref := range *v.Referrers() {
		switch ref := ref.(type) {
		case *ssa.IndexAddr, *ssa.FieldAddr:
			if !onlyLoaded(ref.(ssa.Value)) {
				return false
			}
		case *ssa.Index:
		case *ssa.Slice:
			if !readOnly(ref, kind, depth+1) {
				return false
			}
		case *ssa.Convert:
			if !isStringType(ref.Type()) {
				return false
			}
		case *ssa.BinOp:
			if ref.Op != token.EQL && ref.Op != token.NEQ {
				return false
			}
		case *ssa.Call:
			if !readOnlyCall(ref.Common(), v, kind) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// onlyLoaded reports whether the address a is only loaded from.
func onlyLoaded(a ssa.Value) bool {
	for _, ref := range *a.Referrers() {
		switch ref := ref.(type) {
		case *ssa.UnOp:
			if ref.Op != token.MUL {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// readOnlyCall reports whether call only reads v, one of its operands.
func readOnlyCall(call *ssa.CallCommon, v ssa.Value, kind resultKind) bool {
	if irutil.IsBuiltin(call, "len", "cap") {
		return true
	}
	if irutil.IsBuiltin(call, "append", "copy") {
		return len(call.Args) == 2 && call.Args[0] != v // the source of the copy
	}
	fn := call.StaticCallee()
	if fn == nil {
		return false
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Pkg() == nil {
		return false
	}
	if kind == mutablePointer {
		recv := fn.Signature.Recv()
		return recv != nil && obj.Pkg().Path() == "net/url" && readOnlyURLMethods[obj.Name()] &&
			len(call.Args) > 0 && call.Args[0] == v && !argIn(call.Args[1:], v)
	}
	return fn.Signature.Recv() == nil && readOnlyFuncs[obj.Pkg().Path()+"."+obj.Name()]
}

func argIn(args []ssa.Value, v ssa.Value) bool {
	for _, a := range args {
		if a == v {
			return true
		}
	}
	return false
}

// reportCall reports the call v, an entry e of the table, at the loop l
// whose iterations all compute it with the same arguments.
func (c *checker) reportCall(v ssa.Value, e entry, name string, l *loops.Loop) {
	file, path := source.Enclosing(c.pass, v.Pos())
	call := callAt(path, v.Pos())
	if call == nil {
		return
	}
	text := name + "(...)"
	if t, err := source.Text(c.pass, call); err == nil && len(t) <= 40 && !containsNewline(t) {
		text = t
	}
	msg := text + " gets the same arguments on every iteration of " + l.Describe() +
		" and " + e.cost + " each time; call it once before the loop"
	var fixes []analysis.SuggestedFix
	if fix, ok := c.hoistFix(file, l, v, e, call); ok {
		fixes = append(fixes, fix)
	}
	c.report.InLoop(call, l, msg, fixes...)
}

// callAt returns the call expression of path whose left parenthesis is
// at pos: the position SSA gives calls and conversions.
func callAt(path []ast.Node, pos token.Pos) *ast.CallExpr {
	for _, n := range path {
		if call, ok := n.(*ast.CallExpr); ok && call.Lparen == pos {
			return call
		}
	}
	return nil
}

func containsNewline(s string) bool {
	for i := range len(s) {
		if s[i] == '\n' {
			return true
		}
	}
	return false
}

// isBenchmarkLoop reports whether l is the timing loop of a benchmark:
// for i := 0; i < b.N; i++, for b.Loop() or for pb.Next(). Its calls
// are what the benchmark measures, invariant or not.
func (c *checker) isBenchmarkLoop(l *loops.Loop) bool {
	fs, ok := l.Stmt.(*ast.ForStmt)
	if !ok || fs.Cond == nil {
		return false
	}
	found := false
	ast.Inspect(fs.Cond, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return !found
		}
		t := c.pass.TypesInfo.TypeOf(sel.X)
		if t == nil {
			return true
		}
		if ptr, ok := t.(*types.Pointer); ok {
			t = ptr.Elem()
		}
		named, ok := types.Unalias(t).(*types.Named)
		if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "testing" {
			return true
		}
		switch named.Obj().Name() + "." + sel.Sel.Name {
		case "B.N", "B.Loop", "PB.Next":
			found = true
		}
		return !found
	})
	return found
}
