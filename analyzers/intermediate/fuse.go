package intermediate

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers/internal/report"
)

// A fill is a local slice filled by one loop, the producer, and read by
// one later range loop, the consumer, and used nowhere else.
type fill struct {
	slice    *types.Var
	producer ast.Stmt
	consumer *ast.RangeStmt
	appends  []*ast.AssignStmt
	// between are the statements after the producer and before the
	// consumer.
	between []ast.Stmt
}

// checkFills reports, in the function body, the slices filled by one
// loop only to be ranged over once by a later one.
func (c *checker) checkFills(body *ast.BlockStmt) {
	var uses map[*types.Var][]*ast.Ident // computed for the first candidate
	eachList(body, func(list []ast.Stmt) {
		for k, s := range list {
			rs, ok := s.(*ast.RangeStmt)
			if !ok || !isBlank(rs.Key) || rs.Value == nil {
				continue
			}
			if _, isIdent := ast.Unparen(rs.X).(*ast.Ident); !isIdent || k < 2 {
				continue // a fill needs a declaration and a producer before rs
			}
			if _, built := c.loopOf[rs]; !built {
				continue // nor is its producer, in the same function
			}
			if uses == nil {
				uses = c.varUses(body)
			}
			if f, ok := c.fillOf(list, k, rs, uses); ok {
				c.checkFill(f)
			}
		}
	})
}

// eachList calls visit with every statement list of body, outside
// function literals (checked on their own).
func eachList(body *ast.BlockStmt, visit func([]ast.Stmt)) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BlockStmt:
			visit(n.List)
		case *ast.CaseClause:
			visit(n.Body)
		case *ast.CommClause:
			visit(n.Body)
		}
		return true
	})
}

// varUses returns the identifiers that refer to each local variable in
// body, function literals included, declarations excluded.
func (c *checker) varUses(body *ast.BlockStmt) map[*types.Var][]*ast.Ident {
	uses := make(map[*types.Var][]*ast.Ident)
	ast.Inspect(body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok {
				uses[v] = append(uses[v], id)
			}
		}
		return true
	})
	return uses
}

// fillOf returns the fill whose consumer is rs, the k-th statement of
// list: rs ranges over a slice declared empty earlier in list, whose
// every other use is s = append(s, ...) inside one loop statement of
// list between the two.
func (c *checker) fillOf(list []ast.Stmt, k int, rs *ast.RangeStmt, uses map[*types.Var][]*ast.Ident) (fill, bool) {
	id, ok := ast.Unparen(rs.X).(*ast.Ident)
	if !ok {
		return fill{}, false
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return fill{}, false
	}
	if _, isSlice := v.Type().Underlying().(*types.Slice); !isSlice {
		return fill{}, false
	}
	decl := -1
	for i := range k {
		if c.declaresEmpty(list[i], v) {
			decl = i
		}
	}
	if decl < 0 {
		return fill{}, false
	}
	f := fill{slice: v, consumer: rs}
	prod := -1
	for _, use := range uses[v] {
		if use == id {
			continue
		}
		j := indexContaining(list, use.Pos())
		if j <= decl || j >= k || (prod >= 0 && j != prod) {
			return fill{}, false
		}
		prod = j
		as := c.appendAt(list[j], use, v)
		if as == nil || use != as.Lhs[0] && use != as.Rhs[0].(*ast.CallExpr).Args[0] {
			return fill{}, false // not the append's operand: len(s), s[i], ...
		}
		if len(f.appends) == 0 || f.appends[len(f.appends)-1] != as {
			f.appends = append(f.appends, as)
		}
	}
	if prod < 0 {
		return fill{}, false
	}
	switch list[prod].(type) {
	case *ast.ForStmt, *ast.RangeStmt:
	default:
		return fill{}, false
	}
	f.producer = list[prod]
	f.between = list[prod+1 : k]
	return f, true
}

// declaresEmpty reports whether s declares v as an empty slice: var v
// []T, var v = []T{}, v := []T{}, v := make([]T, 0) or make([]T, 0, n).
func (c *checker) declaresEmpty(s ast.Stmt, v *types.Var) bool {
	var names []*ast.Ident
	var values []ast.Expr
	switch s := s.(type) {
	case *ast.DeclStmt:
		gd, ok := s.Decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR || len(gd.Specs) != 1 {
			return false
		}
		vs := gd.Specs[0].(*ast.ValueSpec)
		names, values = vs.Names, vs.Values
	case *ast.AssignStmt:
		if s.Tok != token.DEFINE {
			return false
		}
		for _, lhs := range s.Lhs {
			id, _ := lhs.(*ast.Ident)
			names = append(names, id)
		}
		values = s.Rhs
	default:
		return false
	}
	for i, name := range names {
		if name == nil || c.pass.TypesInfo.Defs[name] != v {
			continue
		}
		if len(values) == 0 {
			return true
		}
		return len(values) == len(names) && c.isEmptySlice(values[i])
	}
	return false
}

// isEmptySlice reports whether e is nil, an empty slice literal or
// make of length 0.
func (c *checker) isEmptySlice(e ast.Expr) bool {
	info := c.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return e.Name == "nil" && info.Uses[e] == types.Universe.Lookup("nil")
	case *ast.CompositeLit:
		return len(e.Elts) == 0
	case *ast.CallExpr:
		if b, ok := calleeObject(info, e).(*types.Builtin); ok && b.Name() == "make" && len(e.Args) >= 2 {
			tv := info.Types[e.Args[1]]
			return tv.Value != nil && tv.Value.String() == "0"
		}
	}
	return false
}

// indexContaining returns the index of the statement of list holding
// pos, or -1.
func indexContaining(list []ast.Stmt, pos token.Pos) int {
	for i, s := range list {
		if s.Pos() <= pos && pos < s.End() {
			return i
		}
	}
	return -1
}

// appendAt returns the statement v = append(v, x, ...) in root that use
// is part of, or nil if use is something else or inside a function
// literal.
func (c *checker) appendAt(root ast.Stmt, use *ast.Ident, v *types.Var) *ast.AssignStmt {
	var found *ast.AssignStmt
	var inLit bool
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil || found != nil || inLit {
			return false
		}
		if n.Pos() > use.Pos() || n.End() <= use.Pos() {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			inLit = true
			return false
		case *ast.AssignStmt:
			if c.isAppendTo(n, v) {
				found = n
				return false
			}
		}
		return true
	})
	if inLit {
		return nil
	}
	return found
}

// isAppendTo reports whether as is v = append(v, x, ...), without a
// spread argument.
func (c *checker) isAppendTo(as *ast.AssignStmt, v *types.Var) bool {
	info := c.pass.TypesInfo
	if as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return false
	}
	lhs, ok := as.Lhs[0].(*ast.Ident)
	if !ok || info.Uses[lhs] != v {
		return false
	}
	call, ok := as.Rhs[0].(*ast.CallExpr)
	if !ok || call.Ellipsis.IsValid() || len(call.Args) < 2 {
		return false
	}
	if b, ok := calleeObject(info, call).(*types.Builtin); !ok || b.Name() != "append" {
		return false
	}
	first, ok := call.Args[0].(*ast.Ident)
	return ok && info.Uses[first] == v
}

// checkFill reports f when its producer is hot and pure, and neither the
// statements between the loops nor the consumer can change what the
// producer reads: the two loops can then be fused.
func (c *checker) checkFill(f fill) {
	l, hot := c.hotLoop(f.producer)
	if !hot || !c.pureProducer(f) {
		return
	}
	inputs := c.inputs(f)
	for _, s := range f.between {
		if !c.leavesInputs(s, inputs, false) {
			return
		}
	}
	if !c.leavesInputs(f.consumer.Body, inputs, true) {
		return
	}
	name := f.slice.Name()
	consumer := "the loop over " + name
	msg := name + " is filled by " + l.Describe() + " only to be ranged over once by " + consumer +
		": the whole slice is allocated and read back in a second pass; do the second loop's work in the first, or make the first an iter.Seq"
	first := f.appends[0]
	c.report.Report(analysis.Diagnostic{
		Pos:     first.Pos(),
		End:     first.End(),
		Message: msg,
		Related: []analysis.RelatedInformation{
			report.LoopInfo(l),
			{Pos: f.consumer.For, Message: consumer + " reads it once"},
		},
	})
}

// pureProducer reports whether the producer of f has no effect but
// appending to f's slice: it calls only pure functions, assigns only
// the slice and variables declared inside it, does not communicate, and
// leaves only by finishing or by an unlabelled break.
func (c *checker) pureProducer(f fill) bool {
	info := c.pass.TypesInfo
	p := f.producer
	inside := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return false
		}
		if id.Name == "_" {
			return true
		}
		obj := info.ObjectOf(id)
		return obj == f.slice || obj != nil && p.Pos() <= obj.Pos() && obj.Pos() < p.End()
	}
	pure := true
	ast.Inspect(p, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if !inside(lhs) {
					pure = false
				}
			}
		case *ast.IncDecStmt:
			if !inside(n.X) {
				pure = false
			}
		case *ast.CallExpr:
			if !isPureCall(info, n) {
				pure = false
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW || n.Op == token.AND {
				pure = false
			}
		case *ast.BranchStmt:
			if n.Label != nil || n.Tok == token.GOTO {
				pure = false
			}
		case *ast.RangeStmt:
			if t := info.TypeOf(n.X); t != nil {
				switch t.Underlying().(type) {
				case *types.Chan, *types.Signature:
					pure = false
				}
			}
		case *ast.ReturnStmt, *ast.SendStmt, *ast.SelectStmt, *ast.GoStmt, *ast.DeferStmt,
			*ast.FuncLit, *ast.LabeledStmt:
			pure = false
		}
		return pure
	})
	return pure
}

// inputs returns the variables the producer of f reads that are
// declared outside it, f's slice excepted.
func (c *checker) inputs(f fill) map[*types.Var]bool {
	in := make(map[*types.Var]bool)
	p := f.producer
	ast.Inspect(p, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && v != f.slice && !v.IsField() &&
				!(p.Pos() <= v.Pos() && v.Pos() < p.End()) {
				in[v] = true
			}
		}
		return true
	})
	return in
}

// leavesInputs reports whether n cannot change the producer's inputs: it
// assigns none of them, nor anything reached through them, takes none
// of their addresses and passes none of them to a call that is not
// pure. When calls is false, n must call nothing that is not pure;
// when an input is a package-level variable, n must call nothing that
// is not pure either, since any function may assign it.
func (c *checker) leavesInputs(n ast.Node, inputs map[*types.Var]bool, calls bool) bool {
	info := c.pass.TypesInfo
	global := false
	for v := range inputs {
		if isPackageLevel(v) {
			global = true
		}
	}
	isInput := func(e ast.Expr) bool {
		id := rootIdent(e)
		if id == nil {
			return true // through a call or a conversion: assume the worst
		}
		v, ok := info.Uses[id].(*types.Var)
		return ok && inputs[v]
	}
	safe := true
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if _, plain := lhs.(*ast.Ident); !plain || n.Tok != token.DEFINE {
					if isInput(lhs) {
						safe = false
					}
				}
			}
		case *ast.IncDecStmt:
			if isInput(n.X) {
				safe = false
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && isInput(n.X) {
				safe = false
			}
		case *ast.CallExpr:
			if isPureCall(info, n) {
				break
			}
			if !calls || global {
				safe = false
				break
			}
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && info.Selections[sel] != nil && isInput(sel.X) {
				safe = false
			}
			for _, arg := range n.Args {
				if referencesInput(info, arg, inputs) {
					safe = false
				}
			}
		case *ast.FuncLit:
			for id := range identsIn(n) {
				if v, ok := info.Uses[id].(*types.Var); ok && inputs[v] {
					safe = false
				}
			}
		}
		return safe
	})
	return safe
}

// rootIdent returns the variable an expression such as x, x.f, x[i],
// *x or x.f[i].g starts from, or nil.
func rootIdent(e ast.Expr) *ast.Ident {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return x
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.SliceExpr:
			e = x.X
		default:
			return nil
		}
	}
}

// referencesInput reports whether e mentions an input whose type lets a
// callee reach memory the producer reads: anything but a basic value.
func referencesInput(info *types.Info, e ast.Expr, inputs map[*types.Var]bool) bool {
	for id := range identsIn(e) {
		if v, ok := info.Uses[id].(*types.Var); ok && inputs[v] {
			if _, basic := v.Type().Underlying().(*types.Basic); !basic {
				return true
			}
		}
	}
	return false
}

// identsIn yields the identifiers in n.
func identsIn(n ast.Node) func(func(*ast.Ident) bool) {
	return func(yield func(*ast.Ident) bool) {
		stop := false
		ast.Inspect(n, func(m ast.Node) bool {
			if stop {
				return false
			}
			if id, ok := m.(*ast.Ident); ok && !yield(id) {
				stop = true
			}
			return !stop
		})
	}
}
