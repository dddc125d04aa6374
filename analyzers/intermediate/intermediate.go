package intermediate

import (
	_ "embed"
	"go/ast"
	"go/types"
	"go/version"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers/internal/lint"
	"github.com/perfvet/perfvet/analyzers/internal/report"
	"github.com/perfvet/perfvet/analyzers/internal/source"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/tripcount"
)

//go:embed doc.go
var doc string

// Analyzer reports slices built only to be ranged over once.
var Analyzer = Info.Analyzer

// Info is the analyzer's registry entry.
var Info = lint.Define(lint.Analyzer{
	Name:  "intermediate",
	Doc:   doc,
	Fixes: true,
	Tags:  []lint.Tag{lint.Alloc},
	Run:   run,
})

// checker holds the state of one run over a package.
type checker struct {
	pass   *analysis.Pass
	counts *tripcount.Counts
	report *report.Reporter
	// loopOf maps each for and range statement to its loop.
	loopOf map[ast.Stmt]*loops.Loop
	// captured holds the variables function literals refer to, computed
	// on first use.
	captured map[*types.Var]bool
}

func run(p *lint.Pass) (any, error) {
	pass := p.Pass
	forest := p.Loops()
	c := &checker{
		pass:   pass,
		counts: p.Counts(),
		report: p.Reporter(),
		loopOf: make(map[ast.Stmt]*loops.Loop),
	}
	for _, l := range forest.All {
		if l.Stmt != nil && l.Kind != loops.RangeFunc {
			c.loopOf[l.Stmt] = l
		}
	}
	if len(c.loopOf) == 0 {
		return nil, nil
	}
	for _, file := range pass.Files {
		var found []collectFinding
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.RangeStmt:
				if f, ok := c.checkCollect(n); ok {
					found = append(found, f)
				}
			case *ast.FuncDecl:
				if n.Body != nil {
					c.checkFills(n.Body)
				}
			case *ast.FuncLit:
				c.checkFills(n.Body)
			}
			return true
		})
		c.reportCollects(file, found)
	}
	return nil, nil
}

// hotLoop returns the loop of s if it is hot.
func (c *checker) hotLoop(s ast.Stmt) (*loops.Loop, bool) {
	l, ok := c.loopOf[s]
	return l, ok && c.counts.Hot(l)
}

// A collectFinding is a range over slices.Collect(seq) to report.
type collectFinding struct {
	rs   *ast.RangeStmt
	call *ast.CallExpr
	loop *loops.Loop
	seq  string // the source text of seq
}

// checkCollect finds for _, v := range slices.Collect(seq) when the body
// uses only the element and cannot disturb what seq reads.
func (c *checker) checkCollect(rs *ast.RangeStmt) (collectFinding, bool) {
	call, ok := ast.Unparen(rs.X).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || !isFunc(calleeObject(c.pass.TypesInfo, call), "slices", "Collect") {
		return collectFinding{}, false
	}
	if !isBlank(rs.Key) {
		return collectFinding{}, false // the index is used
	}
	l, hot := c.hotLoop(rs)
	if !hot {
		return collectFinding{}, false
	}
	seq := ast.Unparen(call.Args[0])
	if !c.bodyLeavesSource(rs.Body, seq) {
		return collectFinding{}, false
	}
	text, err := source.Text(c.pass, seq)
	if err != nil {
		return collectFinding{}, false
	}
	return collectFinding{rs: rs, call: call, loop: l, seq: text}, true
}

// reportCollects reports the findings of file, with a fix each when the
// file uses package slices elsewhere, or when the finding is its only
// use, whose import the fix then removes. With several findings and no
// other use, no fix is offered: applied alone, each would leave the
// import either unused after the last or removed before the others.
func (c *checker) reportCollects(file *ast.File, found []collectFinding) {
	if len(found) == 0 {
		return
	}
	uses := c.packageUses(file, found[0].call)
	for _, f := range found {
		msg := "slices.Collect(" + shorten(f.seq) + ") builds a slice of every element only for this range loop to walk it once" +
			" (an allocation of the whole slice and a second pass); range over " + shorten(f.seq) + " directly"
		var fixes []analysis.SuggestedFix
		removeImport := uses == 1
		if uses > len(found) || removeImport {
			if fix, ok := c.collectFix(file, f, removeImport); ok {
				fixes = append(fixes, fix)
			}
		}
		c.report.InLoop(f.call, f.loop, msg, fixes...)
	}
}

// collectFix rewrites for _, v := range slices.Collect(seq) to
// for v := range seq, dropping the import of slices if asked to.
// Ranging over an iter.Seq needs Go 1.23.
func (c *checker) collectFix(file *ast.File, f collectFinding, removeImport bool) (analysis.SuggestedFix, bool) {
	if v := c.pass.TypesInfo.FileVersions[file]; v != "" && version.Compare(v, "go1.23") < 0 {
		return analysis.SuggestedFix{}, false
	}
	edits := []analysis.TextEdit{{Pos: f.call.Pos(), End: f.call.End(), NewText: []byte(f.seq)}}
	if f.rs.Key != nil && f.rs.Value != nil {
		edits = append(edits, analysis.TextEdit{Pos: f.rs.Key.Pos(), End: f.rs.Value.Pos()})
	}
	if removeImport {
		edit, ok := c.removeImport(file, "slices")
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		edits = append(edits, edit)
	}
	return analysis.SuggestedFix{Message: "Range over " + shorten(f.seq) + " directly", TextEdits: edits}, true
}

// packageUses counts the references in file to the package that call,
// a call of slices.Collect, names.
func (c *checker) packageUses(file *ast.File, call *ast.CallExpr) int {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return 0
	}
	pkgIdent, ok := sel.X.(*ast.Ident)
	if !ok {
		return 0
	}
	pkgName := c.pass.TypesInfo.Uses[pkgIdent]
	uses := 0
	ast.Inspect(file, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == pkgName {
			uses++
		}
		return true
	})
	return uses
}

// removeImport deletes the line importing path from a parenthesised
// import declaration of file.
func (c *checker) removeImport(file *ast.File, path string) (analysis.TextEdit, bool) {
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || !gd.Lparen.IsValid() || len(gd.Specs) < 2 {
			continue
		}
		for _, spec := range gd.Specs {
			is := spec.(*ast.ImportSpec)
			if is.Path.Value != `"`+path+`"` || is.Name != nil {
				continue
			}
			tf := c.pass.Fset.File(is.Pos())
			line := tf.Line(is.Pos())
			if line >= tf.LineCount() || tf.Line(is.End()) != line {
				return analysis.TextEdit{}, false
			}
			return analysis.TextEdit{Pos: tf.LineStart(line), End: tf.LineStart(line + 1)}, true
		}
	}
	return analysis.TextEdit{}, false
}

func isBlank(e ast.Expr) bool {
	if e == nil {
		return true
	}
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

// shorten returns s, or its start and an ellipsis if it is long.
func shorten(s string) string {
	for i := range len(s) {
		if s[i] == '\n' {
			return s[:i] + "..."
		}
	}
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}

// bodyLeavesSource reports whether running body between the elements of
// seq, rather than after all of them, cannot change what seq yields or
// what body sees. For maps.Keys(m) and maps.Values(m), the body must
// not write a map of m's type, nor pass one, or anything that may hold
// one, to a call that is not pure. For any other iterator, which may
// read anything and hold locks while it yields, the body may call only
// pure functions, assign only local variables no function literal
// refers to, and must not communicate.
func (c *checker) bodyLeavesSource(body *ast.BlockStmt, seq ast.Expr) bool {
	info := c.pass.TypesInfo
	if call, ok := seq.(*ast.CallExpr); ok && len(call.Args) == 1 {
		obj := calleeObject(info, call)
		if isFunc(obj, "maps", "Keys") || isFunc(obj, "maps", "Values") {
			if m, ok := info.TypeOf(call.Args[0]).Underlying().(*types.Map); ok {
				return c.leavesMap(body, m, c.ownedMap(call.Args[0]))
			}
		}
	}
	return c.selfContained(body)
}

// ownedMap reports whether e is a local variable or parameter whose
// value no other code can reach: every use of it indexes it, ranges
// over it, assigns it, or passes it to len, delete, clear, maps.Keys,
// maps.Values or maps.All. Code the loop calls can then reach the map
// only through its arguments.
func (c *checker) ownedMap(e ast.Expr) bool {
	info := c.pass.TypesInfo
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || v.Parent() == nil || isPackageLevel(v) || c.capturedVars()[v] {
		return false
	}
	for _, f := range c.pass.Files {
		if f.Pos() > v.Pos() || v.Pos() >= f.End() {
			continue
		}
		owned := true
		var stack []ast.Node
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return false
			}
			if use, ok := n.(*ast.Ident); ok && info.Uses[use] == v && !plainMapUse(info, use, stack[len(stack)-1]) {
				owned = false
			}
			stack = append(stack, n)
			return owned
		})
		return owned
	}
	return false
}

// plainMapUse reports whether parent uses the map variable use in a way
// that lets no other code reach it.
func plainMapUse(info *types.Info, use *ast.Ident, parent ast.Node) bool {
	switch p := parent.(type) {
	case *ast.IndexExpr:
		return p.X == use
	case *ast.RangeStmt:
		return p.X == use
	case *ast.AssignStmt:
		for _, lhs := range p.Lhs {
			if lhs == use {
				return true
			}
		}
	case *ast.CallExpr:
		obj := calleeObject(info, p)
		if b, ok := obj.(*types.Builtin); ok {
			switch b.Name() {
			case "len", "delete", "clear":
				return true
			}
		}
		return isFunc(obj, "maps", "Keys") || isFunc(obj, "maps", "Values") || isFunc(obj, "maps", "All")
	}
	return false
}

// leavesMap reports whether body cannot write a map of type m. Unless
// the map is owned (see ownedMap), the body may call only pure code and
// standard-library functions and methods: any other function may reach
// the map through a package-level variable or a pointer it holds.
func (c *checker) leavesMap(body *ast.BlockStmt, m *types.Map, owned bool) bool {
	info := c.pass.TypesInfo
	isM := func(e ast.Expr) bool {
		t := info.TypeOf(e)
		return t == nil || mayHold(t, m, 0)
	}
	safe := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if ix, ok := ast.Unparen(lhs).(*ast.IndexExpr); ok && isM(ix.X) {
					safe = false
				}
			}
		case *ast.IncDecStmt:
			if ix, ok := ast.Unparen(n.X).(*ast.IndexExpr); ok && isM(ix.X) {
				safe = false
			}
		case *ast.CallExpr:
			if isPureCall(info, n) {
				break
			}
			if b, ok := calleeObject(info, n).(*types.Builtin); ok && b.Name() != "delete" && b.Name() != "clear" {
				break
			}
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && info.Selections[sel] != nil && isM(sel.X) {
				safe = false
			}
			fn, static := calleeObject(info, n).(*types.Func)
			if !static {
				safe = false // a function value may reach the map through what it captures
			} else if !owned && (fn.Pkg() == c.pass.Pkg || !isStd(fn.Pkg())) {
				safe = false
			}
			for _, arg := range n.Args {
				if isM(arg) {
					safe = false
				}
			}
		case *ast.FuncLit, *ast.GoStmt:
			safe = false
		}
		return safe
	})
	return safe
}

// mayHold reports whether a value of type t may hold or reach a map of
// type m: it is one, or a pointer, interface, struct, array, slice,
// channel or map that may hold one.
func mayHold(t types.Type, m *types.Map, depth int) bool {
	if depth > 6 {
		return true
	}
	switch u := t.Underlying().(type) {
	case *types.Map:
		return types.Identical(u, m) || mayHold(u.Key(), m, depth+1) || mayHold(u.Elem(), m, depth+1)
	case *types.Basic, *types.Signature:
		return false
	case *types.Pointer:
		return mayHold(u.Elem(), m, depth+1)
	case *types.Slice:
		return mayHold(u.Elem(), m, depth+1)
	case *types.Array:
		return mayHold(u.Elem(), m, depth+1)
	case *types.Chan:
		return mayHold(u.Elem(), m, depth+1)
	case *types.Struct:
		for i := range u.NumFields() {
			if mayHold(u.Field(i).Type(), m, depth+1) {
				return true
			}
		}
		return false
	}
	return true // interfaces, type parameters
}

// selfContained reports whether body calls only pure functions, assigns
// only local variables that no function literal refers to, and does not
// communicate, defer or start goroutines.
func (c *checker) selfContained(body *ast.BlockStmt) bool {
	info := c.pass.TypesInfo
	captured := c.capturedVars()
	assignable := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return false
		}
		if id.Name == "_" {
			return true
		}
		v, ok := info.ObjectOf(id).(*types.Var)
		return ok && v.Parent() != nil && !isPackageLevel(v) && !captured[v]
	}
	safe := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if !assignable(lhs) {
					safe = false
				}
			}
		case *ast.IncDecStmt:
			if !assignable(n.X) {
				safe = false
			}
		case *ast.CallExpr:
			if !isPureCall(info, n) {
				safe = false
			}
		case *ast.UnaryExpr:
			if n.Op.String() == "<-" || n.Op.String() == "&" {
				safe = false
			}
		case *ast.SendStmt, *ast.SelectStmt, *ast.GoStmt, *ast.DeferStmt, *ast.FuncLit:
			safe = false
		case *ast.Ident:
			if v, ok := info.Uses[n].(*types.Var); ok && (captured[v] || isPackageLevel(v)) {
				safe = false // the iterator may write it
			}
		}
		return safe
	})
	return safe
}

// capturedVars returns the variables that function literals of the
// package refer to without declaring them.
func (c *checker) capturedVars() map[*types.Var]bool {
	if c.captured != nil {
		return c.captured
	}
	c.captured = make(map[*types.Var]bool)
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.FuncLit)
			if !ok {
				return true
			}
			ast.Inspect(lit.Body, func(m ast.Node) bool {
				if id, ok := m.(*ast.Ident); ok {
					if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && !v.IsField() &&
						!(lit.Pos() <= v.Pos() && v.Pos() < lit.End()) {
						c.captured[v] = true
					}
				}
				return true
			})
			return true
		})
	}
	return c.captured
}

// isStd reports whether pkg belongs to the standard library, whose code
// cannot reach this program's variables but through what it is given:
// its path has no dot in its first element (a module whose path has
// none is taken for the standard library too).
func isStd(pkg *types.Package) bool {
	if pkg == nil {
		return false
	}
	first, _, _ := strings.Cut(pkg.Path(), "/")
	return !strings.Contains(first, ".")
}
