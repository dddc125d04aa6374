package fanout

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
	"github.com/perfvet/perfvet/passes/irbuild"
	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/sizes"
	"github.com/perfvet/perfvet/passes/tripcount"
)

//go:embed doc.go
var doc string

// Analyzer reports goroutines started once per iteration of a loop whose
// trip count depends on the data, with nothing bounding how many run at
// once.
var Analyzer = Info.Analyzer

// Info is the analyzer's registry entry.
var Info = lint.Define(lint.Analyzer{
	Name: "fanout",
	Doc:  doc,
	Tags: []lint.Tag{lint.Concurrency},
	Run:  run,
})

// api says how a goroutine is started.
type api int

const (
	goStmt      api = iota // go f(...)
	groupGo                // (*errgroup.Group).Go
	waitGroupGo            // (*sync.WaitGroup).Go
)

// launch is one place that starts a goroutine.
type launch struct {
	instr ssa.Instruction // the *ssa.Go, or the *ssa.Call of a Go method
	api   api
	// fn is the function value the goroutine runs, and body its SSA
	// when it was built (same package).
	fn   ssa.Value
	body *ssa.Function
}

// checker holds what the checks of one package share.
type checker struct {
	pass   *analysis.Pass
	ir     *irbuild.IR
	forest *loops.Forest
	counts *tripcount.Counts
	sizes  *sizes.Sizes
	// callers lists the static calls of each closure, so that a
	// goroutine started in a closure is traced back to the loop that
	// calls it.
	callers map[*ssa.Function][]*ssa.Call
	groups  *groups
	// effects memoizes which functions, with their callees, acquire,
	// join, accept or wait.
	effects map[effectKey]bool
	// slots memoizes slotOps.
	slots map[*ssa.Function]map[string]int
	// dataLoops memoizes overData.
	dataLoops map[*loops.Loop]bool
	// decrements holds the fields the package decreases, once needed
	// (see fieldsDecremented).
	decrements map[*types.Var]bool
}

func run(p *lint.Pass) (any, error) {
	pass := p.Pass
	if !mayLaunch(pass.Files) {
		return nil, nil
	}
	r := p.Reporter()
	c := &checker{
		pass:      pass,
		ir:        p.IR(),
		forest:    p.Loops(),
		counts:    p.Counts(),
		sizes:     p.Sizes(),
		effects:   make(map[effectKey]bool),
		dataLoops: make(map[*loops.Loop]bool),
		slots:     make(map[*ssa.Function]map[string]int),
	}
	c.groups = newGroups(c)
	c.callers = callGraph(c.ir.Funcs)
	for _, fn := range c.ir.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				ln, ok := c.launchAt(instr)
				if !ok {
					continue
				}
				if l, via := c.unbounded(ln); l != nil {
					c.report(r, ln, l, via)
				}
			}
		}
	}
	return nil, nil
}

// mayLaunch reports whether files contain a go statement or a call of a
// method named Go, without which there is nothing to look at.
func mayLaunch(files []*ast.File) bool {
	found := false
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.GoStmt:
				found = true
			case *ast.SelectorExpr:
				found = found || n.Sel.Name == "Go"
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// callGraph maps each closure to the static calls of it in funcs. Calls
// through go and defer are left out: they do not run the callee as part
// of the caller's iteration.
func callGraph(funcs []*ssa.Function) map[*ssa.Function][]*ssa.Call {
	callers := make(map[*ssa.Function][]*ssa.Call)
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok {
					continue
				}
				if callee := origin(irutil.Callee(&call.Call)); callee != nil && callee.Parent() != nil {
					callers[callee] = append(callers[callee], call)
				}
			}
		}
	}
	return callers
}

// origin returns the generic function an instantiation comes from, or fn.
func origin(fn *ssa.Function) *ssa.Function {
	if fn != nil && fn.Origin() != nil {
		return fn.Origin()
	}
	return fn
}

// launchAt recognises instr as a place that starts a goroutine.
func (c *checker) launchAt(instr ssa.Instruction) (launch, bool) {
	switch instr := instr.(type) {
	case *ssa.Go:
		return launch{instr: instr, api: goStmt, fn: instr.Call.Value, body: c.callee(&instr.Call)}, true
	case *ssa.Call:
		var a api
		switch obj := calleeObj(&instr.Call); {
		case isErrgroupGo(obj):
			a = groupGo
		case isWaitGroupGo(obj):
			a = waitGroupGo
		default:
			return launch{}, false
		}
		ln := launch{instr: instr, api: a}
		if args := instr.Call.Args; len(args) == 2 {
			ln.fn, ln.body = args[1], c.bodyOf(funcValue(args[1]))
		}
		return ln, true
	}
	return launch{}, false
}

// funcValue returns the function a func-typed value denotes, if static.
func funcValue(v ssa.Value) *ssa.Function {
	switch v := v.(type) {
	case *ssa.Function:
		return v
	case *ssa.MakeClosure:
		fn, _ := v.Fn.(*ssa.Function)
		return fn
	}
	return nil
}

// bodyOf returns fn's body if it was built: a function of this package,
// or a synthetic wrapper (a bound method value) around one. Functions of
// other packages have no SSA body; their APIs are known by name.
func (c *checker) bodyOf(fn *ssa.Function) *ssa.Function {
	return c.ir.Body(fn)
}

// callee returns the function call invokes if its body was built (see
// bodyOf).
func (c *checker) callee(call *ssa.CallCommon) *ssa.Function {
	return c.bodyOf(irutil.Callee(call))
}

// unknownCallee reports whether call runs a function of this package
// whose body was not built: what it does is unknown (see irbuild.State).
func (c *checker) unknownCallee(call *ssa.CallCommon) bool {
	return c.ir.State(irutil.Callee(call)) == irbuild.OutOfScope
}

// unbounded returns the loop over data in which ln starts goroutines
// with nothing bounding how many run at once, or nil. via is the call in
// that loop through which ln is reached when ln is in a closure the loop
// calls, or nil.
func (c *checker) unbounded(ln launch) (l *loops.Loop, via *ssa.Call) {
	l, via = c.repeatingLoop(ln, ln.instr, make(map[*ssa.Function]bool))
	if l == nil || c.boundedLaunch(ln) {
		return nil, nil
	}
	return l, via
}

// repeatingLoop finds the innermost loop over data (layer 1) that runs
// x once per iteration, directly or through the closures it calls, and
// returns nil if the iteration blocks before the next start (layer 2).
// Loops with a chosen count are looked through: a goroutine started
// three times per element is still started per element.
func (c *checker) repeatingLoop(ln launch, x ssa.Instruction, seen map[*ssa.Function]bool) (*loops.Loop, *ssa.Call) {
	for _, l := range c.forest.Enclosing(x) {
		if !c.overData(l) {
			continue
		}
		if l.Fn != x.Parent() || c.blocksBeforeNext(l, x, ln) {
			return nil, nil
		}
		return l, nil
	}
	// Only closures are followed to their callers: a named function that
	// starts a goroutine is an API whose goroutine is part of its
	// contract, and it usually talks to the goroutine before it returns
	// (through a pipe, a deferred receive).
	fn := x.Parent()
	if fn.Parent() == nil || seen[fn] {
		return nil, nil
	}
	seen[fn] = true
	if c.dominatedBy(x, nil, acquires) || c.joinsAfter(x, nil) {
		return nil, nil
	}
	for _, call := range c.callers[fn] {
		if l, via := c.repeatingLoop(ln, call, seen); l != nil {
			if via == nil {
				via = call
			}
			return l, via
		}
	}
	return nil, nil
}

// boundedLaunch reports whether the goroutines ln starts need no bound
// from the loop that starts them: an errgroup with a limit, a
// long-lived goroutine (layer 3), or one that holds a semaphore shared
// with the others around its work.
func (c *checker) boundedLaunch(ln launch) bool {
	if ln.api == groupGo && c.groups.limited(ln.instr.(*ssa.Call)) {
		return true
	}
	return c.longLived(ln) || ln.body != nil && c.holdsShared(ln.body, 0, make(map[*ssa.Function]bool))
}

// report reports ln, started per iteration of l (through the call via,
// if not nil).
func (c *checker) report(r *report.Reporter, ln launch, l *loops.Loop, via *ssa.Call) {
	node, recv := c.siteNode(ln)
	if node == nil {
		return // no syntax to point at
	}
	per := c.perIteration(l)
	var msg string
	switch ln.api {
	case goStmt:
		msg = "a goroutine is started " + per + " with nothing bounding concurrency; " + remedy
	case waitGroupGo:
		msg = recv + ".Go starts a goroutine " + per + " with nothing bounding concurrency; " + remedy
	case groupGo:
		msg = recv + ".Go starts a goroutine " + per + " and " + recv + " has no SetLimit, so nothing bounds concurrency; call " +
			recv + ".SetLimit before the loop"
	}
	related := []analysis.RelatedInformation{report.LoopInfo(l)}
	if via != nil {
		related = append(related, analysis.RelatedInformation{Pos: via.Pos(), Message: "called here on every iteration"})
	}
	r.Report(analysis.Diagnostic{Pos: node.Pos(), End: node.End(), Message: msg, Related: related})
}

const remedy = "use errgroup with SetLimit, a semaphore, or a fixed worker pool"

// span is a source range to report.
type span struct{ pos, end ast.Node }

func (s span) Pos() token.Pos { return s.pos.Pos() }
func (s span) End() token.Pos { return s.end.End() }

// siteNode returns the short range to report for ln: "go f" or "go func()"
// for a go statement, "g.Go" for a method call, and the source of the
// receiver of a method call.
func (c *checker) siteNode(ln launch) (ast.Node, string) {
	_, path := source.Enclosing(c.pass, ln.instr.Pos())
	for _, n := range path {
		switch n := n.(type) {
		case *ast.GoStmt:
			if ln.api == goStmt && n.Go == ln.instr.Pos() {
				var end ast.Node = n.Call.Fun
				if lit, ok := n.Call.Fun.(*ast.FuncLit); ok {
					end = lit.Type
				}
				return span{n, end}, ""
			}
		case *ast.CallExpr:
			if ln.api != goStmt && n.Lparen == ln.instr.Pos() {
				sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
				if !ok {
					return nil, ""
				}
				return span{n, sel}, types.ExprString(sel.X)
			}
		case *ast.FuncDecl, *ast.FuncLit:
			return nil, ""
		}
	}
	return nil, ""
}

// perIteration says how often l starts a goroutine: "for every element
// of urls", "for each of the n iterations", "for every value received
// from ch", "on every iteration of the for loop".
func (c *checker) perIteration(l *loops.Loop) string {
	cnt := c.counts.Of(l)
	if cnt.Expr != nil {
		switch cnt.Kind {
		case tripcount.Len:
			return "for every element of " + types.ExprString(lenOperand(c.pass.TypesInfo, cnt.Expr))
		case tripcount.Int:
			return "for each of the " + types.ExprString(cnt.Expr) + " iterations"
		}
	}
	if rs, ok := l.Stmt.(*ast.RangeStmt); ok {
		switch irutil.CoreType(c.pass.TypesInfo.TypeOf(rs.X)).(type) {
		case *types.Chan:
			return "for every value received from " + types.ExprString(rs.X)
		case *types.Signature:
			return "for every element yielded by " + types.ExprString(rs.X)
		}
	}
	return "on every iteration of " + l.Describe()
}

// lenOperand returns x for the bound len(x) of a counted loop, else e.
func lenOperand(info *types.Info, e ast.Expr) ast.Expr {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return e
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "len" {
			return call.Args[0]
		}
	}
	return e
}
