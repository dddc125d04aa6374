package clientreuse

import (
	_ "embed"
	"flag"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/analyzers/internal/lint"
	"github.com/perfvet/perfvet/analyzers/internal/repeated"
	"github.com/perfvet/perfvet/analyzers/internal/report"
	"github.com/perfvet/perfvet/analyzers/internal/source"
	"github.com/perfvet/perfvet/passes/irbuild"
	"github.com/perfvet/perfvet/passes/irutil"
)

//go:embed doc.go
var doc string

// Analyzer reports connection-pooling clients built per call or per item.
var Analyzer = Info.Analyzer

// Info is the analyzer's registry entry.
var Info = lint.Define(lint.Analyzer{
	Name:  "clientreuse",
	Doc:   doc,
	Tags:  []lint.Tag{lint.Resources},
	Flags: flags(),
	Run:   run,
})

// Pools is the -pools flag: table entries added to the default ones.
var Pools poolList

func flags() flag.FlagSet {
	fs := flag.NewFlagSet("clientreuse", flag.ContinueOnError)
	fs.Var(&Pools, "pools", "comma-separated types and functions that make a connection pool, added to the built-in table: "+
		"importpath.Type (every new value owns one), importpath.Func or importpath.Type.Method (returns a new one)")
	return *fs
}

func run(p *lint.Pass) (any, error) {
	pass := p.Pass
	ir := p.IR()
	if ir.Pkg == nil {
		return nil, nil
	}
	forest := p.Loops()
	counts := p.Counts()
	r := p.Reporter()

	t := newTable(Pools.extra)
	ctors := constructors(ir, t)
	reps := repeated.Find(ir, forest, counts, r.HotFunc)
	for _, fn := range ir.Funcs {
		if repeated.InInit(fn) {
			continue
		}
		for _, c := range t.constructions(fn, ctors) {
			f, holders := fateOf(c.value)
			if f != used || boundToCall(c.value) {
				continue
			}
			instr := c.value.(ssa.Instruction)
			node, what := site(pass, c, holders)
			if node == nil {
				continue
			}
			if l := repeated.OutermostLoop(instr, forest, counts, nil); l != nil {
				r.InLoop(node, l, message(what, c.kind, "on every iteration of "+l.Describe(), "before the loop"))
			} else if why, ok := reps.Of(fn); ok && !repeated.Guarded(instr, nil) && !repeated.Dispatched(instr) {
				d := analysis.Diagnostic{Pos: node.Pos(), End: node.End(),
					Message: message(what, c.kind, "on every call of "+repeated.Name(fn)+", "+why.Describe(), "once (a package-level variable, or a field set up at start-up)")}
				if why.Reason == repeated.InLoop {
					d.Related = []analysis.RelatedInformation{report.LoopInfo(why.Loop)}
				}
				r.Report(d)
			}
		}
	}
	return nil, nil
}

// constructors returns the functions of the package that make a pool and
// return it, with what they make: their callers decide how long the pool
// lives, so their calls are constructions in turn.
func constructors(ir *irbuild.IR, t table) map[*ssa.Function]string {
	ctors := make(map[*ssa.Function]string)
	for range 4 {
		changed := false
		for _, fn := range ir.Funcs {
			if _, done := ctors[fn]; done {
				continue
			}
			for _, c := range t.constructions(fn, ctors) {
				if f, _ := fateOf(c.value); f == returned {
					ctors[fn] = c.kind
					changed = true
					break
				}
			}
		}
		if !changed {
			break
		}
	}
	return ctors
}

// boundToCall reports whether v, a new pool value, has a function field
// (Dial, DialContext, ...) set to a function literal that captures
// variables of the call: its connections are made from that call's
// state (a test's in-memory pipe, a per-call tunnel), so one shared pool
// could not replace it.
func boundToCall(v ssa.Value) bool {
	alloc, ok := v.(*ssa.Alloc)
	if !ok {
		return false
	}
	for _, ref := range *alloc.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok {
			continue
		}
		for _, use := range *fa.Referrers() {
			st, ok := use.(*ssa.Store)
			if !ok || st.Addr != fa {
				continue
			}
			if mc, ok := st.Val.(*ssa.MakeClosure); ok && len(mc.Bindings) > 0 {
				if fn, ok := mc.Fn.(*ssa.Function); ok && fn.Synthetic == "" {
					return true
				}
			}
		}
	}
	return false
}

// message says what is built where, what that loses, and where to build
// it once.
func message(what, kind, where, once string) string {
	return what + " makes a new " + kind + " connection pool " + where +
		", losing keep-alive connections (a new TCP and TLS handshake per request) and leaving idle ones open until they time out; build it " +
		once + " and reuse it"
}

// site returns the node to report and how to name it: the construction
// itself, or the http.Client literal around it.
func site(pass *analysis.Pass, c construction, holders []*ssa.Alloc) (ast.Node, string) {
	for _, h := range holders {
		if isHTTPClient(irutil.Deref(h.Type())) {
			if node := nodeAt(pass, h.Pos()); node != nil && node.Pos() <= c.value.Pos() && c.value.Pos() < node.End() {
				return node, "&http.Client{Transport: " + c.what + "}"
			}
		}
	}
	return nodeAt(pass, c.value.Pos()), c.what
}

func isHTTPClient(t types.Type) bool {
	named, ok := t.(*types.Named)
	return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "net/http" && named.Obj().Name() == "Client"
}

// nodeAt returns the expression an SSA value at pos comes from: the call
// whose parenthesis is at pos, or the composite literal whose brace is
// (with its &).
func nodeAt(pass *analysis.Pass, pos token.Pos) ast.Node {
	_, path := source.Enclosing(pass, pos)
	for i, n := range path {
		switch n := n.(type) {
		case *ast.CallExpr:
			if n.Lparen == pos {
				return n
			}
		case *ast.CompositeLit:
			if n.Lbrace == pos {
				if i+1 < len(path) {
					if u, ok := path[i+1].(*ast.UnaryExpr); ok && u.Op == token.AND {
						return u
					}
				}
				return n
			}
		}
	}
	return nil
}
