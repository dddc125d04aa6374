package fanout

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/passes/irutil"
)

// groups decides whether the errgroup.Group a Go call runs on may have a
// limit, following the group on SSA from where it is made through every
// variable, closure and same-package function it reaches. A group held
// in a field or a package variable may be limited by any function of the
// package, most of which have no SSA body (only functions with loops and
// what they call are built); for those, one scan of the package's syntax
// records what is done with each such holder. Anything that cannot be
// followed counts as a possible limit: a group is reported only when
// every use is seen.
type groups struct {
	c       *checker
	holders map[*types.Var]use
}

// use says what a mention of a holder does with its group.
type use int

const (
	neutral use = iota // Go, Wait
	fresh              // assigns it a new group
	limits             // may set a limit: SetLimit, an assignment from elsewhere, anything unknown
)

func newGroups(c *checker) *groups { return &groups{c: c} }

// limited reports whether the group of call, a (*errgroup.Group).Go
// call, has or may have a limit.
func (g *groups) limited(call *ssa.Call) bool {
	return g.mayLimit(call.Call.Args[0], 0)
}

// mayLimit reports whether the group v points to may have a limit.
func (g *groups) mayLimit(v ssa.Value, depth int) bool {
	if depth > maxCallDepth {
		return true
	}
	switch v := unchangeType(v).(type) {
	case *ssa.Alloc:
		if isGroup(irutil.Deref(v.Type())) {
			return g.usesLimit(v, depth) // var g errgroup.Group, new(errgroup.Group)
		}
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok && isFunc(calleeObj(&call.Call), errgroupPath, "WithContext") {
			return g.usesLimit(v, depth)
		}
	case *ssa.FreeVar:
		if alloc := irutil.Variable(v); alloc != nil {
			return g.mayLimit(alloc, depth)
		}
	case *ssa.UnOp:
		switch x := v.X.(type) {
		case *ssa.Alloc, *ssa.FreeVar:
			if alloc := irutil.Variable(x); alloc != nil && !isGroup(irutil.Deref(alloc.Type())) {
				return anyOf(storedValues(alloc), func(s ssa.Value) bool { return g.mayLimit(s, depth) })
			}
		case *ssa.FieldAddr:
			return g.holderLimited(fieldVar(x))
		case *ssa.Global:
			return g.holderLimited(globalVar(x))
		}
	case *ssa.FieldAddr:
		return g.holderLimited(fieldVar(v))
	case *ssa.Global:
		return g.holderLimited(globalVar(v))
	case *ssa.Call:
		callee := g.c.callee(&v.Call)
		return callee == nil || anyOf(irutil.Returned(callee), func(r ssa.Value) bool { return g.mayLimit(r, depth+1) })
	}
	return true // a parameter: the owner decides; or a group reached another way
}

// usesLimit reports whether a use of the group value v, or of the
// variables and closures it is kept in, may set a limit: SetLimit with
// a limit that is not a negative constant, a same-package function that
// does so with its parameter, or anything that cannot be followed.
func (g *groups) usesLimit(v ssa.Value, depth int) bool {
	if depth > maxCallDepth {
		return true
	}
	for _, ref := range *v.Referrers() {
		switch ref := ref.(type) {
		case *ssa.DebugRef, *ssa.Return:
		case *ssa.Call:
			if g.callMayLimit(&ref.Call, v, depth) {
				return true
			}
		case *ssa.Store:
			alloc, ok := ref.Addr.(*ssa.Alloc)
			if ref.Val != v || !ok || g.usesLimit(alloc, depth) {
				return true
			}
		case *ssa.UnOp:
			if ref.Op != token.MUL || g.usesLimit(ref, depth) {
				return true
			}
		case *ssa.MakeClosure:
			fn := ref.Fn.(*ssa.Function)
			for i, b := range ref.Bindings {
				if b == v && g.usesLimit(fn.FreeVars[i], depth) {
					return true
				}
			}
		default:
			return true
		}
	}
	return false
}

// callMayLimit reports whether call, which is given the group v, may
// set its limit.
func (g *groups) callMayLimit(call *ssa.CallCommon, v ssa.Value, depth int) bool {
	obj := calleeObj(call)
	if obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == errgroupPath && receiver(call) == v {
		return isSetLimit(obj) && !isNegative(call.Args[1])
	}
	callee := g.c.callee(call)
	if callee == nil || call.IsInvoke() {
		return true
	}
	for i, arg := range call.Args {
		if arg == v && (i >= len(callee.Params) || g.usesLimit(callee.Params[i], depth+1)) {
			return true
		}
	}
	return false
}

// holderLimited reports whether the group held by the field or package
// variable v may have a limit: v belongs to another package, or some
// function of this package sets a limit on it, assigns it a group from
// elsewhere, or uses it in a way the scan cannot follow, or v is a
// pointer never seen assigned a new group.
func (g *groups) holderLimited(v *types.Var) bool {
	if v == nil || v.Pkg() != g.c.pass.Pkg {
		return true
	}
	if g.holders == nil {
		g.holders = g.scanHolders()
	}
	u := g.holders[v]
	return u == limits || u == neutral && !isGroup(v.Type())
}

// scanHolders classifies every mention, in the package's syntax, of a
// field or package variable that holds a group, keeping the strongest
// use of each.
func (g *groups) scanHolders() map[*types.Var]use {
	info := g.c.pass.TypesInfo
	out := make(map[*types.Var]use)
	holder := func(e ast.Expr) *types.Var {
		var obj types.Object
		switch e := e.(type) {
		case *ast.Ident:
			obj = info.Uses[e]
		case *ast.SelectorExpr:
			if s := info.Selections[e]; s != nil && s.Kind() == types.FieldVal {
				obj = s.Obj()
			} else if s == nil {
				obj = info.Uses[e.Sel]
			}
		}
		v, ok := obj.(*types.Var)
		if !ok || !isGroup(irutil.Deref(v.Type())) || !v.IsField() && v.Parent() != v.Pkg().Scope() {
			return nil
		}
		return v
	}
	mark := func(v *types.Var, u use) { out[v] = max(out[v], u) }
	insp := inspector.New(g.c.pass.Files)
	insp.WithStack([]ast.Node{(*ast.Ident)(nil), (*ast.SelectorExpr)(nil)}, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodVal && len(s.Index()) == 2 {
				if v := embeddedField(s.Recv(), s.Index()[0]); v != nil && isGroup(v.Type()) {
					mark(v, g.methodUse(s.Obj(), stack))
				}
			}
		}
		parent := stack[len(stack)-2]
		if p, ok := parent.(*ast.SelectorExpr); ok && p.Sel == n {
			return true // the selector of a field, not the holder
		}
		v := holder(n.(ast.Expr))
		if v == nil {
			return true
		}
		mark(v, g.mentionUse(n.(ast.Expr), stack[:len(stack)-1]))
		return true
	})
	return out
}

// mentionUse classifies the mention e of a holder whose enclosing nodes
// are stack.
func (g *groups) mentionUse(e ast.Expr, stack []ast.Node) use {
	info := g.c.pass.TypesInfo
	for i := len(stack) - 1; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.ParenExpr, *ast.StarExpr:
			e = p.(ast.Expr)
			continue
		case *ast.UnaryExpr:
			if p.Op == token.AND {
				e = p
				continue
			}
		case *ast.SelectorExpr:
			if s := info.Selections[p]; s != nil && s.Kind() == types.MethodVal {
				return g.methodUse(s.Obj(), stack[:i+1])
			}
		case *ast.AssignStmt:
			for j, lhs := range p.Lhs {
				if lhs == e && len(p.Lhs) == len(p.Rhs) && p.Tok == token.ASSIGN {
					return g.assigned(p.Rhs[j])
				}
			}
		case *ast.KeyValueExpr:
			if p.Key == e {
				return g.assigned(p.Value)
			}
		case *ast.ValueSpec:
			if len(p.Values) == 0 {
				return neutral
			}
			if len(p.Values) != len(p.Names) {
				return limits
			}
			return g.assigned(p.Values[0])
		case *ast.Field:
			return neutral // a field's declaration
		}
		return limits
	}
	return limits
}

// assigned classifies assigning e to a holder.
func (g *groups) assigned(e ast.Expr) use {
	if g.freshGroup(e) {
		return fresh
	}
	return limits
}

// methodUse classifies calling the method m, the top of stack being
// its selection: SetLimit with anything but a negative constant, or a
// method of another type, may limit the group.
func (g *groups) methodUse(m types.Object, stack []ast.Node) use {
	fn, _ := m.(*types.Func)
	switch {
	case fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != errgroupPath:
		return limits
	case !isSetLimit(fn):
		return neutral
	}
	if call, ok := stack[len(stack)-2].(*ast.CallExpr); ok && len(call.Args) == 1 {
		if k := g.c.pass.TypesInfo.Types[call.Args[0]].Value; k != nil && constant.Sign(k) < 0 {
			return neutral
		}
	}
	return limits
}

// freshGroup reports whether e makes a new group: &errgroup.Group{},
// new(errgroup.Group), errgroup.WithContext(...), or nil.
func (g *groups) freshGroup(e ast.Expr) bool {
	info := g.c.pass.TypesInfo
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		return isGroup(info.TypeOf(e))
	case *ast.CallExpr:
		switch fn := typeutil.Callee(info, e).(type) {
		case *types.Builtin:
			return fn.Name() == "new" && isGroup(info.TypeOf(e.Args[0]))
		case *types.Func:
			return isFunc(fn, errgroupPath, "WithContext")
		}
	case *ast.Ident:
		return info.Uses[e] == types.Universe.Lookup("nil")
	}
	return false
}

// embeddedField returns field i of the struct recv is or points to.
func embeddedField(recv types.Type, i int) *types.Var {
	st, ok := irutil.Deref(recv).Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() {
		return nil
	}
	return st.Field(i)
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
