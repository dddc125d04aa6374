package fanout

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/tripcount"
)

// Layer 1: a goroutine per element of a collection is fan-out over
// data; a loop counted by an integer, whatever the integer's source, or
// over a collection whose size is provably small starts a chosen number
// of goroutines, a pool. An integer is the size of data only when it is
// computed from len(x) of a collection that is not small, by sums,
// differences, products and merges that keep it so: len(x)/k, a limit
// from a flag, a config field, a parameter, NumCPU or another package are
// all counts the program chose.

// overData reports whether l runs once per element of a collection: a
// range over a slice, map, string, channel or iterator, a loop bounded
// by len(x), a receive or select loop, a for {} loop.
func (c *checker) overData(l *loops.Loop) bool {
	if data, ok := c.dataLoops[l]; ok {
		return data
	}
	c.dataLoops[l] = true // while computing it, as for a loop nobody counted
	data := c.loopOverData(l)
	c.dataLoops[l] = data
	return data
}

func (c *checker) loopOverData(l *loops.Loop) bool {
	cnt := c.counts.Of(l)
	switch cnt.Kind {
	case tripcount.Const:
		return false
	case tripcount.Int:
		return c.sizeOfData(cnt.X, 0)
	case tripcount.Len:
		return !c.small(cnt.X, 0)
	}
	if bound := countedBound(l); bound != nil {
		return c.exprOfData(bound)
	}
	return true
}

// sizeOfData reports whether the integer v is the size of a collection
// that is not small (see overData).
func (c *checker) sizeOfData(v ssa.Value, depth int) bool {
	if depth > 8 {
		return false
	}
	rec := func(v ssa.Value) bool { return c.sizeOfData(v, depth+1) }
	switch v := v.(type) {
	case *ssa.Call:
		b, ok := v.Call.Value.(*ssa.Builtin)
		if !ok {
			return false
		}
		switch b.Name() {
		case "len":
			return !c.small(v.Call.Args[0], depth+1)
		case "min":
			return allOf(v.Call.Args, rec)
		case "max":
			return anyOf(v.Call.Args, rec)
		}
	case *ssa.BinOp:
		switch v.Op {
		case token.ADD, token.SUB, token.MUL, token.SHL:
			return rec(v.X) || rec(v.Y)
		}
	case *ssa.Convert:
		return rec(v.X)
	case *ssa.Phi:
		return allOf(v.Edges, rec) // a cap on one path (n = min(n, limit)) makes it a choice
	case *ssa.UnOp:
		if alloc, ok := v.X.(*ssa.Alloc); ok && v.Op == token.MUL {
			return allOf(storedValues(alloc), rec)
		}
	}
	return false
}

// small reports whether the collection x has a size the program fixes:
// a constant string, a slice of an array, a slice made with a chosen
// length (make([]T, workers)), a slice returned by another package's
// function given a constant count (split.Into(xs, 20)), or a slice built
// by appending one element at a time in loops with a chosen count
// (for i := 0; i < n; i++ { ws = append(ws, newWorker()) }).
func (c *checker) small(x ssa.Value, depth int) bool {
	if depth > 8 {
		return false
	}
	grown := func(v, s ssa.Value) bool { return c.small(v, depth+1) || c.appendedInPool(v, s, depth) }
	switch x := irutil.Stored(x).(type) {
	case *ssa.Phi:
		return allOf(x.Edges, func(e ssa.Value) bool { return e == x || grown(e, x) })
	case *ssa.UnOp:
		if g, ok := x.X.(*ssa.Global); ok && x.Op == token.MUL {
			return c.smallGlobal(globalVar(g))
		}
		alloc := irutil.Variable(x.X)
		if alloc == nil || x.Op != token.MUL {
			return false
		}
		return allOf(storesInto(alloc), func(st *ssa.Store) bool {
			load, ok := st.Val.(*ssa.Call)
			if ok && len(load.Call.Args) > 0 {
				if ld, isLoad := load.Call.Args[0].(*ssa.UnOp); isLoad && irutil.Variable(ld.X) == alloc {
					return c.appendedInPool(st.Val, ld, depth)
				}
			}
			return c.small(st.Val, depth+1)
		})
	case *ssa.Const:
		return true
	case *ssa.Slice:
		p, ok := x.X.Type().Underlying().(*types.Pointer)
		if !ok {
			return false
		}
		_, isArray := p.Elem().Underlying().(*types.Array)
		return isArray
	case *ssa.MakeSlice:
		return !c.sizeOfData(x.Len, depth+1)
	case *ssa.Call:
		if _, ok := x.Type().Underlying().(*types.Slice); !ok || c.callee(&x.Call) != nil {
			return false
		}
		return anyOf(x.Call.Args, isIntConst)
	}
	return false
}

// smallGlobal reports whether the package variable v holds a composite
// literal with fewer elements than the cold threshold, and nothing in
// the package assigns it or takes its address.
func (c *checker) smallGlobal(v *types.Var) bool {
	if v == nil || v.Pkg() != c.pass.Pkg {
		return false
	}
	small, written := false, false
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				for i, name := range n.Names {
					if c.pass.TypesInfo.Defs[name] == v && len(n.Values) == len(n.Names) {
						lit, ok := ast.Unparen(n.Values[i]).(*ast.CompositeLit)
						small = ok && len(lit.Elts) < tripcount.ColdThreshold
					}
				}
			case *ast.AssignStmt:
				written = written || slices.ContainsFunc(n.Lhs, func(e ast.Expr) bool { return c.denotes(e, v) })
			case *ast.UnaryExpr:
				written = written || n.Op == token.AND && c.denotes(n.X, v)
			}
			return !written
		})
	}
	return small && !written
}

// denotes reports whether e is the variable v, or an element of it.
func (c *checker) denotes(e ast.Expr, v *types.Var) bool {
	if ix, ok := ast.Unparen(e).(*ast.IndexExpr); ok {
		e = ix.X
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && c.pass.TypesInfo.Uses[id] == v
}

// appendedInPool reports whether v is append(s, e) of single elements
// in loops that all have a chosen count, s being the slice itself or
// another small one.
func (c *checker) appendedInPool(v, s ssa.Value, depth int) bool {
	call, ok := v.(*ssa.Call)
	if !ok || !irutil.IsBuiltin(&call.Call, "append") || len(call.Call.Args) != 2 ||
		call.Call.Args[0] != s && !c.small(call.Call.Args[0], depth+1) {
		return false
	}
	if elems, ok := call.Call.Args[1].(*ssa.Slice); !ok || !isArrayAlloc(elems.X) {
		return false // append(s, xs...)
	}
	enclosing := c.forest.Enclosing(call)
	return len(enclosing) > 0 && depth < 4 && !slices.ContainsFunc(enclosing, c.overData)
}

// isArrayAlloc reports whether v is a new array, as the builder makes
// for the elements of a variadic call.
func isArrayAlloc(v ssa.Value) bool {
	a, ok := v.(*ssa.Alloc)
	if !ok {
		return false
	}
	_, isArray := irutil.Deref(a.Type()).Underlying().(*types.Array)
	return isArray
}

// storesInto returns the stores into the local variable alloc, in its
// function and in the closures that capture it.
func storesInto(alloc *ssa.Alloc) []*ssa.Store {
	var stores []*ssa.Store
	var visit func(addr ssa.Value, depth int)
	visit = func(addr ssa.Value, depth int) {
		for _, ref := range *addr.Referrers() {
			switch ref := ref.(type) {
			case *ssa.Store:
				if ref.Addr == addr {
					stores = append(stores, ref)
				}
			case *ssa.MakeClosure:
				fn := ref.Fn.(*ssa.Function)
				for i, b := range ref.Bindings {
					if b == addr && depth < 4 {
						visit(fn.FreeVars[i], depth+1)
					}
				}
			}
		}
	}
	visit(alloc, 0)
	return stores
}

// isIntConst reports whether v is an integer constant other than 0 or 1.
func isIntConst(v ssa.Value) bool {
	k, ok := v.(*ssa.Const)
	return ok && k.Value != nil && k.Value.Kind() == constant.Int && constant.Compare(k.Value, token.GTR, constant.MakeInt64(1))
}

// storedValues returns the values stored into a local variable, in its
// function and in the closures that capture it.
func storedValues(alloc *ssa.Alloc) []ssa.Value {
	stores := storesInto(alloc)
	vals := make([]ssa.Value, len(stores))
	for i, st := range stores {
		vals[i] = st.Val
	}
	return vals
}

// countedBound returns the bound n of a loop written
// for i := a; i < n; i++ (or >, <=, >=, != and any step of i) whose
// count tripcount could not read, as when goroutines capture i or n.
func countedBound(l *loops.Loop) ast.Expr {
	fs, ok := l.Stmt.(*ast.ForStmt)
	if !ok || fs.Cond == nil || fs.Post == nil {
		return nil
	}
	cond, ok := ast.Unparen(fs.Cond).(*ast.BinaryExpr)
	if !ok {
		return nil
	}
	switch cond.Op {
	case token.LSS, token.LEQ, token.GTR, token.GEQ, token.NEQ:
	default:
		return nil
	}
	counter := stepped(fs.Post)
	switch {
	case counter == "":
		return nil
	case isIdent(cond.X, counter):
		return cond.Y
	case isIdent(cond.Y, counter):
		return cond.X
	}
	return nil
}

// stepped returns the name of the variable a for loop's post statement
// steps (i++, i--, i += k, i -= k), or "".
func stepped(post ast.Stmt) string {
	var x ast.Expr
	switch post := post.(type) {
	case *ast.IncDecStmt:
		x = post.X
	case *ast.AssignStmt:
		if (post.Tok == token.ADD_ASSIGN || post.Tok == token.SUB_ASSIGN) && len(post.Lhs) == 1 {
			x = post.Lhs[0]
		}
	}
	if id, ok := ast.Unparen(x).(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == name
}

// exprOfData is sizeOfData on syntax: len(x) of anything but an array,
// and sums and products of it.
func (c *checker) exprOfData(e ast.Expr) bool {
	info := c.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if info.Types[e.Fun].IsType() && len(e.Args) == 1 {
			return c.exprOfData(e.Args[0])
		}
		b, ok := typeutil.Callee(info, e).(*types.Builtin)
		if !ok {
			return false
		}
		switch b.Name() {
		case "len":
			_, isArray := irutil.CoreType(irutil.Deref(info.TypeOf(e.Args[0]))).(*types.Array)
			return info.Types[e].Value == nil && !isArray
		case "min":
			return allOf(e.Args, c.exprOfData)
		case "max":
			return anyOf(e.Args, c.exprOfData)
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.ADD, token.SUB, token.MUL, token.SHL:
			return c.exprOfData(e.X) || c.exprOfData(e.Y)
		}
	}
	return false
}

func allOf[T any](xs []T, pred func(T) bool) bool {
	for _, x := range xs {
		if !pred(x) {
			return false
		}
	}
	return len(xs) > 0
}

func anyOf[T any](xs []T, pred func(T) bool) bool {
	for _, x := range xs {
		if pred(x) {
			return true
		}
	}
	return false
}
