package fanout

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/tripcount"
)

// This file decides which loops that tripcount calls data-dependent in
// fact run a number of times fixed by the program or the machine: the
// loops that start a worker pool.

// fixed says what, if anything, fixes a value that bounds a loop.
type fixed int

const (
	byData      fixed = iota // nothing: it depends on the input
	byConstants              // it only ever holds constants (n := 4; if short { n = 2 })
	byCPUs                   // it is computed from the CPU count
)

// join is the bound of a value computed from two fixed values.
func join(a, b fixed) fixed {
	if a == byData || b == byData {
		return byData
	}
	return max(a, b)
}

// dataDependent reports whether l's trip count depends on the data, so
// that the goroutines it starts are not a fixed pool.
func (c *checker) dataDependent(l *loops.Loop) bool {
	if !c.counts.DataDependent(l) {
		return false
	}
	cnt := c.counts.Of(l)
	switch cnt.Kind {
	case tripcount.Len:
		if c.fixedLength(cnt.X) {
			return false
		}
	case tripcount.Int:
		if c.fixedValue(cnt.X, 0) != byData {
			return false
		}
	}
	return c.fixedCondition(l) == byData
}

// fixedLength reports whether a slice, string or map has a fixed length,
// or one bounded by a fixed value: a composite literal, a slice of an
// array, a constant string, or a slice made with a fixed length
// (make([]T, 2), make([]T, runtime.NumCPU())).
func (c *checker) fixedLength(x ssa.Value) bool {
	switch x := irutil.Stored(x).(type) {
	case *ssa.Const:
		return true
	case *ssa.Slice:
		// Any slice of an array is at most as long as the array; the
		// builder also makes make([]T, 2) a slice of a new [2]T.
		p, ok := x.X.Type().Underlying().(*types.Pointer)
		if !ok {
			return false
		}
		_, isArray := p.Elem().Underlying().(*types.Array)
		return isArray
	case *ssa.MakeSlice:
		return c.fixedValue(x.Len, 0) != byData
	}
	return false
}

// storedValues returns the values stored into a local variable.
func storedValues(alloc *ssa.Alloc) []ssa.Value {
	var vals []ssa.Value
	for _, ref := range *alloc.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == alloc {
			vals = append(vals, st.Val)
		}
	}
	return vals
}

// fixedValue says what fixes the integer v: constants, the CPU count
// (runtime.NumCPU, runtime.GOMAXPROCS), and values computed from them by
// arithmetic, min, max, conversions, local variables and same-package
// functions. A multiple of the CPU count is a pool size whatever the
// factor (b.parallelism * GOMAXPROCS(0)), and what is left of a fixed
// budget is bounded by it (NumCPU() - busy); of a phi, one CPU-count edge
// is enough, because code that caps a worker count by the work merges
// the two (n := NumCPU(); if n > len(jobs) { n = len(jobs) }).
func (c *checker) fixedValue(v ssa.Value, depth int) fixed {
	if depth > 8 {
		return byData
	}
	rec := func(v ssa.Value) fixed { return c.fixedValue(v, depth+1) }
	switch v := v.(type) {
	case *ssa.Const:
		return byConstants
	case *ssa.Call:
		if b, ok := v.Call.Value.(*ssa.Builtin); ok {
			return minMax(b.Name(), v.Call.Args, rec)
		}
		if isCPUCount(calleeObj(&v.Call)) {
			return byCPUs
		}
		return c.fixedResult(v.Call.StaticCallee(), depth)
	case *ssa.BinOp:
		if !arithmetic(v.Op) {
			return byData
		}
		x, y := rec(v.X), rec(v.Y)
		switch {
		case (v.Op == token.MUL || v.Op == token.SHL) && (x == byCPUs && !isLen(v.Y) || y == byCPUs && !isLen(v.X)):
			return byCPUs
		case v.Op == token.SUB && x != byData:
			return x // what is left of a fixed budget (NumCPU() - busy)
		}
		return join(x, y)
	case *ssa.Convert:
		return rec(v.X)
	case *ssa.Phi:
		return c.fixedMerge(v.Edges, depth)
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return byData
		}
		switch x := v.X.(type) {
		case *ssa.Alloc:
			return c.fixedMerge(storedValues(x), depth)
		case *ssa.Global:
			if runtimeCPUs(x) {
				return byCPUs
			}
		case *ssa.IndexAddr:
			return c.fixedElements(x, depth)
		}
	}
	return byData
}

// fixedElements says what fixes an element loaded through elem from a
// slice literal that nothing writes after building it (for _, n := range
// []int{1, 2, 4} { ... }): what fixes every element stored into it.
func (c *checker) fixedElements(elem *ssa.IndexAddr, depth int) fixed {
	sl, ok := elem.X.(*ssa.Slice)
	if !ok {
		return byData
	}
	arr, ok := sl.X.(*ssa.Alloc)
	if !ok || !onlyReadThrough(sl) {
		return byData
	}
	var vals []ssa.Value
	for _, ref := range *arr.Referrers() {
		switch ref := ref.(type) {
		case *ssa.IndexAddr:
			for _, use := range *ref.Referrers() {
				st, ok := use.(*ssa.Store)
				if !ok || st.Addr != ref {
					return byData
				}
				vals = append(vals, st.Val)
			}
		case *ssa.Slice:
			if ref != sl {
				return byData
			}
		default:
			return byData
		}
	}
	return c.fixedMerge(vals, depth)
}

// onlyReadThrough reports whether a slice is only indexed for loads and
// measured, never written or passed on.
func onlyReadThrough(sl *ssa.Slice) bool {
	for _, ref := range *sl.Referrers() {
		switch ref := ref.(type) {
		case *ssa.IndexAddr:
			for _, use := range *ref.Referrers() {
				if load, ok := use.(*ssa.UnOp); !ok || load.Op != token.MUL {
					return false
				}
			}
		case *ssa.Call:
			if b, ok := ref.Call.Value.(*ssa.Builtin); !ok || b.Name() != "len" {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// fixedMerge says what fixes a variable that may hold any of vals.
func (c *checker) fixedMerge(vals []ssa.Value, depth int) fixed {
	all, cpu := byConstants, false
	for _, e := range vals {
		f := c.fixedValue(e, depth+1)
		cpu = cpu || f == byCPUs
		all = join(all, f)
	}
	if len(vals) == 0 {
		return byData
	}
	if all == byData && cpu {
		return byCPUs
	}
	return all
}

// fixedResult says what fixes the single result of a same-package
// function: what fixes every value it returns.
func (c *checker) fixedResult(fn *ssa.Function, depth int) fixed {
	results := irutil.Returned(c.bodyOf(fn))
	all := byConstants
	for _, r := range results {
		all = join(all, c.fixedValue(r, depth+1))
	}
	if len(results) == 0 {
		return byData
	}
	return all
}

// runtimeCPUs reports whether g is the runtime's own record of the CPU
// count or of GOMAXPROCS, which its internal worker pools use.
func runtimeCPUs(g *ssa.Global) bool {
	return g.Pkg != nil && g.Pkg.Pkg.Path() == "runtime" && (g.Name() == "ncpu" || g.Name() == "gomaxprocs")
}

// isLen reports whether v is a call of the builtin len.
func isLen(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	b, ok := call.Call.Value.(*ssa.Builtin)
	return ok && b.Name() == "len"
}

// fixedCondition says what fixes the bound of a counted loop whose
// count tripcount could not read: one that calls NumCPU in its condition
// on every iteration, or whose bound is a variable a closure captures.
// The condition must compare the loop's own counter with the bound.
func (c *checker) fixedCondition(l *loops.Loop) fixed {
	fs, ok := l.Stmt.(*ast.ForStmt)
	if !ok || fs.Cond == nil {
		return byData
	}
	cond, ok := ast.Unparen(fs.Cond).(*ast.BinaryExpr)
	if !ok {
		return byData
	}
	switch cond.Op {
	case token.LSS, token.LEQ, token.GTR, token.GEQ, token.NEQ:
	default:
		return byData
	}
	switch {
	case counterOf(fs, cond.X):
		return c.fixedExpr(cond.Y, 0)
	case counterOf(fs, cond.Y):
		return c.fixedExpr(cond.X, 0)
	}
	return byData
}

// counterOf reports whether e is the variable that fs's init declares
// and its post statement steps (i++, i--, i += k, i -= k).
func counterOf(fs *ast.ForStmt, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	init, ok := fs.Init.(*ast.AssignStmt)
	if !ok || len(init.Lhs) != 1 {
		return false
	}
	var stepped ast.Expr
	switch post := fs.Post.(type) {
	case *ast.IncDecStmt:
		stepped = post.X
	case *ast.AssignStmt:
		if (post.Tok == token.ADD_ASSIGN || post.Tok == token.SUB_ASSIGN) && len(post.Lhs) == 1 {
			stepped = post.Lhs[0]
		}
	}
	lhs, ok1 := init.Lhs[0].(*ast.Ident)
	x, ok2 := ast.Unparen(stepped).(*ast.Ident)
	return ok1 && ok2 && lhs.Name == id.Name && x.Name == id.Name
}

// fixedExpr is fixedValue on syntax, where a local variable is fixed if
// every value assigned to it is.
func (c *checker) fixedExpr(e ast.Expr, depth int) fixed {
	info := c.pass.TypesInfo
	if depth > 8 {
		return byData
	}
	if info.Types[e].Value != nil {
		return byConstants
	}
	rec := func(e ast.Expr) fixed { return c.fixedExpr(e, depth+1) }
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if info.Types[e.Fun].IsType() && len(e.Args) == 1 {
			return rec(e.Args[0])
		}
		switch fn := typeutil.Callee(info, e).(type) {
		case *types.Builtin:
			if (fn.Name() == "len" || fn.Name() == "cap") && len(e.Args) == 1 {
				return c.fixedSize(fn.Name(), e.Args[0], depth+1)
			}
			return minMax(fn.Name(), e.Args, rec)
		case *types.Func:
			if isCPUCount(fn) {
				return byCPUs
			}
		}
	case *ast.BinaryExpr:
		if !arithmetic(e.Op) {
			return byData
		}
		x, y := rec(e.X), rec(e.Y)
		switch {
		case (e.Op == token.MUL || e.Op == token.SHL) && (x == byCPUs || y == byCPUs):
			return byCPUs
		case e.Op == token.SUB && x != byData:
			return x
		}
		return join(x, y)
	case *ast.Ident:
		if v, ok := info.Uses[e].(*types.Var); ok {
			return c.fixedVariable(v, depth, rec)
		}
	}
	return byData
}

// fixedSize says what fixes len(e) or cap(e) of a slice or channel that
// is made with a fixed size and never reassigned otherwise.
func (c *checker) fixedSize(builtin string, e ast.Expr, depth int) fixed {
	if depth > 8 {
		return byData
	}
	info := c.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if b, ok := typeutil.Callee(info, e).(*types.Builtin); !ok || b.Name() != "make" || len(e.Args) < 2 {
			return byData
		}
		if _, isChan := info.TypeOf(e).Underlying().(*types.Chan); isChan && builtin == "len" {
			return byData // the number of queued elements, whatever the buffer
		}
		size := e.Args[1]
		if builtin == "cap" {
			size = e.Args[len(e.Args)-1]
		}
		return c.fixedExpr(size, depth+1)
	case *ast.Ident:
		if v, ok := info.Uses[e].(*types.Var); ok {
			return c.fixedVariable(v, depth, func(val ast.Expr) fixed { return c.fixedSize(builtin, val, depth+1) })
		}
	}
	return byData
}

// fixedVariable says what fixes a local variable: what fixedBy says of
// every value assigned to it, provided nothing else writes it.
func (c *checker) fixedVariable(v *types.Var, depth int, fixedBy func(ast.Expr) fixed) fixed {
	if v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return byData // a package-level variable: anything may write it
	}
	decl := enclosingDecl(c.pass.Files, v.Pos())
	if decl == nil {
		return byData
	}
	info := c.pass.TypesInfo
	var values []ast.Expr
	ok := true
	isV := func(e ast.Expr) bool {
		id, isID := ast.Unparen(e).(*ast.Ident)
		return isID && (info.Uses[id] == v || info.Defs[id] == v)
	}
	ast.Inspect(decl, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if !isV(lhs) {
					continue
				}
				if (n.Tok != token.ASSIGN && n.Tok != token.DEFINE) || len(n.Lhs) != len(n.Rhs) {
					ok = false
				} else {
					values = append(values, n.Rhs[i])
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if !isV(name) {
					continue
				}
				if len(n.Values) != len(n.Names) {
					ok = false
				} else {
					values = append(values, n.Values[i])
				}
			}
		case *ast.IncDecStmt:
			ok = ok && !isV(n.X)
		case *ast.UnaryExpr:
			ok = ok && !(n.Op == token.AND && isV(n.X))
		case *ast.RangeStmt:
			ok = ok && !(n.Key != nil && isV(n.Key)) && !(n.Value != nil && isV(n.Value))
		case *ast.Field:
			for _, name := range n.Names {
				ok = ok && !isV(name) // a parameter
			}
		}
		return ok
	})
	if !ok || len(values) == 0 {
		return byData
	}
	all := byConstants
	for _, val := range values {
		all = join(all, fixedBy(val))
	}
	return all
}

// minMax says what fixes min(args...) or max(args...): min is fixed by
// any fixed argument, max only if all are.
func minMax[T any](builtin string, args []T, fixedBy func(T) fixed) fixed {
	switch builtin {
	case "min":
		best := byData
		for _, a := range args {
			if f := fixedBy(a); f != byData && (best == byData || f < best) {
				best = f
			}
		}
		return best
	case "max":
		all := byConstants
		for _, a := range args {
			all = join(all, fixedBy(a))
		}
		return all
	}
	return byData
}

func arithmetic(op token.Token) bool {
	switch op {
	case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.SHL, token.SHR:
		return true
	}
	return false
}
