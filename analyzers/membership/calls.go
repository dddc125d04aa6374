package membership

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/analyzers/internal/source"
	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
)

// slicesFunc returns the name of the linear-search function of package
// slices that c calls (Contains, Index, ContainsFunc, IndexFunc), or "".
// Sorted searches (BinarySearch*) are already logarithmic.
func slicesFunc(c *ssa.CallCommon) string {
	fn := c.StaticCallee()
	if fn == nil {
		return ""
	}
	if origin := fn.Origin(); origin != nil {
		fn = origin
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Pkg() == nil {
		return ""
	}
	switch obj.Pkg().Path() {
	case "slices", "golang.org/x/exp/slices":
	default:
		return ""
	}
	switch name := obj.Name(); name {
	case "Contains", "Index", "ContainsFunc", "IndexFunc":
		return name
	}
	return ""
}

// callTest returns the membership test a slices call performs, or nil.
func (c *checker) callTest(call *ssa.Call, l *loops.Loop) *test {
	name := slicesFunc(call.Common())
	args := call.Common().Args
	if name == "" || len(args) != 2 {
		return nil
	}
	node := c.callExpr(call)
	if node == nil || len(node.Args) != 2 {
		return nil // no source to point at
	}
	t := &test{xs: args[0], start: l, node: node, valueType: "struct{}"}
	if (name == "Index" || name == "IndexFunc") && !onlyFoundTested(call) {
		t.valueType = "int"
	}
	t.xsName = types.ExprString(node.Args[0])
	switch name {
	case "Contains", "Index":
		t.what = "slices." + name + "(" + t.xsName + ", " + types.ExprString(node.Args[1]) + ")"
		if !c.valueSearch(t, args[1]) {
			return nil
		}
	case "ContainsFunc", "IndexFunc":
		t.what = "slices." + name + "(" + t.xsName + ", ...)"
		if !c.predicateSearch(t, args[1]) {
			return nil
		}
	}
	return t
}

// onlyFoundTested reports whether the index call returns is only
// compared with -1 or 0 (i < 0, i != -1): the caller asks whether the
// value is there, not where, and a set answers that.
func onlyFoundTested(call *ssa.Call) bool {
	for _, ref := range *call.Referrers() {
		switch ref := ref.(type) {
		case *ssa.BinOp:
			other := ref.Y
			if other == call {
				other = ref.X
			}
			k, ok := other.(*ssa.Const)
			if !ok || k.Value == nil || k.Value.Kind() != constant.Int || !isComparison(ref.Op) {
				return false
			}
			if n := k.Int64(); n != -1 && n != 0 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// isComparison reports whether op compares its operands.
func isComparison(op token.Token) bool {
	switch op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
		return true
	}
	return false
}

// valueSearch completes t for a search of xs for the value v.
func (c *checker) valueSearch(t *test, v ssa.Value) bool {
	t.keyType = v.Type()
	if !mapKeyable(t.keyType) {
		return false
	}
	k := keyOf(v)
	t.searched = &k
	t.varies = func(l *loops.Loop) bool { return !c.oracle.InvariantThroughLocals(v, l) }
	return true
}

// predicateSearch completes t for a search of xs with the predicate
// pred, if pred is a function literal returning e == v or e.F == v for
// its parameter e and a captured variable v (or a field of it).
func (c *checker) predicateSearch(t *test, pred ssa.Value) bool {
	mc, ok := pred.(*ssa.MakeClosure)
	if !ok {
		return false // a named function or a closure without captures compares with no outer value
	}
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || len(fn.Params) != 1 || len(fn.Blocks) != 1 || !sideEffectFree(fn.Blocks[0]) {
		return false
	}
	cmp := returnedEquality(fn.Blocks[0])
	if cmp == nil {
		return false
	}
	for _, sides := range [2][2]ssa.Value{{cmp.X, cmp.Y}, {cmp.Y, cmp.X}} {
		elem, other := keyOf(sides[0]), keyOf(sides[1])
		if elem.root != fn.Params[0] || !mapKeyable(sides[0].Type()) {
			continue
		}
		fv, ok := other.root.(*ssa.FreeVar)
		if !ok || len(other.path) == 0 || !other.path[0].deref {
			continue
		}
		binding := irutil.Binding(mc, fv)
		if binding == nil {
			continue
		}
		// The captured variable's value, followed by the same path,
		// in the calling function's terms.
		rest := other.path[1:]
		searched := key{root: binding}.then(step{deref: true}).then(rest...)
		t.searched = &searched
		if st := irutil.OnlyStore(binding); st != nil {
			also := keyOf(st.Val).then(rest...)
			t.alsoSearched = &also
		}
		if !keyAddrKnown(t, elem.path, sides[0]) {
			return false
		}
		t.path = elem.path
		t.keyType = sides[0].Type()
		t.varies = func(l *loops.Loop) bool {
			return !c.oracle.Invariant(binding, l) || c.model.Loop(l).MayWrite(binding)
		}
		return true
	}
	return false
}

// returnedEquality returns the == comparison b returns, or nil.
func returnedEquality(b *ssa.BasicBlock) *ssa.BinOp {
	if len(b.Instrs) == 0 {
		return nil
	}
	ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
	if !ok || len(ret.Results) != 1 {
		return nil
	}
	cmp, ok := ret.Results[0].(*ssa.BinOp)
	if !ok || cmp.Op != token.EQL {
		return nil
	}
	return cmp
}

// sideEffectFree reports whether b only reads: loads, field selections,
// comparisons, and the copy of a parameter into a local variable.
func sideEffectFree(b *ssa.BasicBlock) bool {
	for _, instr := range b.Instrs {
		switch instr := instr.(type) {
		case *ssa.UnOp:
			if instr.Op == token.ARROW {
				return false
			}
		case *ssa.Alloc:
			if instr.Heap {
				return false
			}
		case *ssa.Store:
			if irutil.LocalRoot(instr.Addr) == nil {
				return false
			}
		case *ssa.FieldAddr, *ssa.Field, *ssa.BinOp, *ssa.Return:
		default:
			return false
		}
	}
	return true
}

// keyAddrKnown records in t the field address the key cmp is loaded
// from, when path reaches it through a pointer. It fails for keys read
// through a pointer from anywhere but a struct field, whose writes the
// analyzer does not track.
func keyAddrKnown(t *test, path []step, cmp ssa.Value) bool {
	if !throughPointer(path) {
		return true
	}
	t.keyAddr = lastFieldAddr(cmp)
	return t.keyAddr != nil
}

// lastFieldAddr returns the field address v is loaded from, if v is read
// through a pointer, or nil.
func lastFieldAddr(v ssa.Value) *ssa.FieldAddr {
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return nil
	}
	fa, _ := ld.X.(*ssa.FieldAddr)
	return fa
}

// callExpr returns the call expression of call.
func (c *checker) callExpr(call *ssa.Call) *ast.CallExpr {
	_, path := source.Enclosing(c.pass, call.Pos())
	for _, n := range path {
		if ce, ok := n.(*ast.CallExpr); ok && ce.Lparen == call.Pos() {
			return ce
		}
	}
	return nil
}
