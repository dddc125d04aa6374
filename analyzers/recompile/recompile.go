package recompile

import (
	_ "embed"
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/analyzers/internal/lint"
	"github.com/perfvet/perfvet/analyzers/internal/repeated"
	"github.com/perfvet/perfvet/analyzers/internal/report"
	"github.com/perfvet/perfvet/analyzers/internal/source"
	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/tripcount"
)

//go:embed doc.go
var doc string

// Analyzer reports regexps and templates compiled again and again from
// the same text.
var Analyzer = Info.Analyzer

// Info is the analyzer's registry entry.
var Info = lint.Define(lint.Analyzer{
	Name:  "recompile",
	Doc:   doc,
	Fixes: true,
	Tags:  []lint.Tag{lint.CPU, lint.Alloc},
	Run:   run,
})

// compileCost is the measured cost quoted in messages (BenchmarkRecompile).
const compileCost = "each compile costs microseconds and kilobytes of allocation, a match nanoseconds"

func run(p *lint.Pass) (any, error) {
	pass := p.Pass
	ir := p.IR()
	if ir.Pkg == nil || !importsCompilers(pass.Pkg) {
		return nil, nil
	}
	forest := p.Loops()
	counts := p.Counts()
	oracle := p.Invariant()
	r := p.Reporter()

	reps := repeated.Find(ir, forest, counts, r.HotFunc)
	fixes := newFixer(pass)
	for _, fn := range ir.Funcs {
		if repeated.InInit(fn) {
			continue
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok {
					continue
				}
				s, ok := siteOf(call)
				if !ok {
					continue
				}
				if l := repeatingLoop(s, forest, counts, oracle); l != nil {
					reportInLoop(pass, r, fixes, s, l)
				} else if why, ok := reps.Of(fn); ok && fixedPerCall(s) && !repeated.Guarded(call, nil) && !repeated.Dispatched(call) {
					reportPerCall(pass, r, fixes, s, fn, why)
				}
			}
		}
	}
	return nil, nil
}

// importsCompilers reports whether pkg imports a package whose
// compilation functions the analyzer looks for.
func importsCompilers(pkg *types.Package) bool {
	return slices.ContainsFunc(pkg.Imports(), func(p *types.Package) bool {
		switch p.Path() {
		case "regexp", "text/template", "html/template":
			return true
		}
		return false
	})
}

// repeatingLoop returns the outermost hot loop in whose iterations s
// compiles the same text again (see repeated.OutermostLoop; here its
// inputs must also be invariant), or nil.
func repeatingLoop(s site, forest *loops.Forest, counts *tripcount.Counts, oracle *invariant.Oracle) *loops.Loop {
	return repeated.OutermostLoop(s.call, forest, counts, func(l *loops.Loop) bool {
		return allInvariant(s.inputs, l, oracle)
	})
}

// allInvariant reports whether every value of vs is invariant in l; for
// the slice of a variadic call (template.ParseFiles("a", "b")), every
// element.
func allInvariant(vs []ssa.Value, l *loops.Loop, oracle *invariant.Oracle) bool {
	for _, v := range vs {
		if s, ok := v.(*ssa.Slice); ok {
			if elems, ok := repeated.Elements(s); ok && allInvariant(elems, l, oracle) {
				continue
			}
		}
		if !oracle.InvariantThroughLocals(v, l) {
			return false
		}
	}
	return true
}

func fixedPerCall(s site) bool {
	for _, v := range s.inputs {
		if !repeated.FixedPerCall(v) {
			return false
		}
	}
	return true
}

func reportInLoop(pass *analysis.Pass, r *report.Reporter, fixes *fixer, s site, l *loops.Loop) {
	node := callNode(pass, s)
	if node == nil {
		return
	}
	where := "on every iteration of " + l.Describe()
	r.InLoop(node, l, message(s, where, "before the loop"), fixes.fix(s, node)...)
}

func reportPerCall(pass *analysis.Pass, r *report.Reporter, fixes *fixer, s site, fn *ssa.Function, why repeated.Why) {
	node := callNode(pass, s)
	if node == nil {
		return
	}
	where := "on every call of " + repeated.Name(fn) + ", " + why.Describe()
	d := analysis.Diagnostic{Pos: node.Pos(), End: node.End(), Message: message(s, where, "at package level"), SuggestedFixes: fixes.fix(s, node)}
	if why.Reason == repeated.InLoop {
		d.Related = []analysis.RelatedInformation{report.LoopInfo(why.Loop)}
	}
	r.Report(d)
}

// message says what s compiles again, where, at what cost, and where to
// compile it once instead.
func message(s site, where, once string) string {
	if s.movable() {
		once = "at package level"
	}
	switch s.kind {
	case match:
		return s.name + " compiles its pattern again " + where + " (" + compileCost +
			"); compile the pattern once " + once + " with regexp.MustCompile and match with the result"
	case tmpl:
		return s.name + " parses the same template again " + where +
			" (each parse costs microseconds and kilobytes of allocation); parse it once " + once
	}
	return s.name + " compiles the same pattern again " + where + " (" + compileCost + "); compile it once " + once
}

// callNode returns the call expression of s in the source.
func callNode(pass *analysis.Pass, s site) *ast.CallExpr {
	_, path := source.Enclosing(pass, s.call.Pos())
	for _, n := range path {
		if c, ok := n.(*ast.CallExpr); ok && c.Lparen == s.call.Pos() {
			return c
		}
	}
	return nil
}
