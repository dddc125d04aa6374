package membership

import (
	_ "embed"
	"flag"
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/analyzers/internal/lint"
	"github.com/perfvet/perfvet/passes/effects"
	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/sizes"
	"github.com/perfvet/perfvet/passes/tripcount"
)

//go:embed doc.go
var doc string

// Analyzer reports linear membership tests repeated on every iteration
// of a loop.
var Analyzer = Info.Analyzer

// Info is the analyzer's registry entry. It offers no suggested fixes:
// see doc.go for why a set built before the loop is not provably
// equivalent.
var Info = lint.Define(lint.Analyzer{
	Name:  "membership",
	Doc:   doc,
	Tags:  []lint.Tag{lint.CPU},
	Flags: flags(),
	Run:   run,
})

// SmallThreshold is the length below which a slice of constant length is
// scanned rather than hashed: a composite literal or an array shorter
// than this is never reported. It is the -membership.small flag.
var SmallThreshold = 8

func flags() flag.FlagSet {
	fs := flag.NewFlagSet("membership", flag.ContinueOnError)
	fs.IntVar(&SmallThreshold, "small", SmallThreshold,
		"slices of constant length below this (composite literals, arrays) are scanned faster than hashed and never reported")
	return *fs
}

// A test is one linear membership test: a scan of xs for the element
// whose key equals a searched value.
type test struct {
	xs ssa.Value // the scanned slice
	// path leads from an element of xs to the compared key: empty when
	// the element itself is compared, a field for a[i].ID.
	path []step
	// keyType is the type of the compared key.
	keyType types.Type
	// valueType is the map's value type for the remedy: struct{} for a
	// yes/no answer, int where the test yields an index, the element
	// type where a search goes on to use the element it found.
	valueType string
	// start is the innermost loop the test repeats in.
	start *loops.Loop
	// searched is the searched key in the calling function's terms, and
	// alsoSearched an equivalent form of it, if any: appending an element
	// with that key is how the de-duplication idiom grows xs.
	searched, alsoSearched *key
	// varies reports whether the searched value changes from one
	// iteration of l to the next.
	varies func(l *loops.Loop) bool
	// keyAddr is the field address a key read through a pointer loads
	// from, or nil.
	keyAddr *ssa.FieldAddr
	// node is the slices call or the == of a hand-written search; what
	// and xsName name the test and the slice in messages.
	node   ast.Node
	what   string
	xsName string
}

// A kind of finding chooses the message and the remedy.
type kind int

const (
	// lookup: xs stays the same; build a map from it before the loop.
	lookup kind = iota
	// dedup: xs grows by the elements found missing; keep a seen set.
	dedup
	// self: the loop searches xs for its own elements; keep a seen set.
	self
)

type checker struct {
	pass   *analysis.Pass
	forest *loops.Forest
	counts *tripcount.Counts
	oracle *invariant.Oracle
	model  *effects.Model
	sizes  *sizes.Sizes
}

func run(p *lint.Pass) (any, error) {
	pass := p.Pass
	c := &checker{
		pass:   pass,
		forest: p.Loops(),
		counts: p.Counts(),
		oracle: p.Invariant(),
		model:  p.Effects(),
		sizes:  p.Sizes(),
	}
	r := p.Reporter()
	for _, l := range c.forest.All {
		for _, t := range c.tests(l) {
			if l, k, ok := c.place(t); ok {
				r.InLoop(t.node, l, message(pass, t, l, k))
			}
		}
	}
	return nil, nil
}

// tests returns the membership tests that run directly in l: slices
// calls in its own blocks (not those of loops nested in it), and l
// itself if it is a hand-written search.
func (c *checker) tests(l *loops.Loop) []*test {
	var ts []*test
	for _, b := range l.Blocks() {
		if len(b.Instrs) == 0 || c.forest.Innermost(b.Instrs[0]) != l {
			continue
		}
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok {
				if t := c.callTest(call, l); t != nil {
					ts = append(ts, t)
				}
			}
		}
	}
	if t := c.searchTest(l); t != nil {
		ts = append(ts, t)
	}
	return ts
}

// place finds the loop to report t in: going outwards from the loop t
// runs in, the first hot loop in which the searched value changes while
// xs stays the same. Where xs changes, t is reported only as the
// de-duplication idiom, or not at all: no loop further out can build the
// set once.
func (c *checker) place(t *test) (*loops.Loop, kind, bool) {
	if c.small(t.xs) {
		return nil, 0, false // scanning beats hashing
	}
	for l := t.start; l != nil; l = l.Parent {
		repeated := c.hot(l) && t.varies(l) // many different searches
		if !c.unchanged(t, l) {
			if repeated && c.dedups(t, l) {
				return l, dedup, true
			}
			return nil, 0, false
		}
		if repeated {
			if searchesItself(t) {
				return l, self, true
			}
			return l, lookup, true
		}
	}
	return nil, 0, false
}

// hot reports whether l runs often enough to matter: it is not cold,
// and does not range over a collection smaller than SmallThreshold
// either, such as a short composite literal.
func (c *checker) hot(l *loops.Loop) bool {
	if !c.counts.Hot(l) {
		return false
	}
	n, bounded := c.counts.Of(l).AtMost()
	return !(bounded && n < int64(SmallThreshold) && c.overCollection(l))
}

// small reports whether xs is shorter than SmallThreshold.
func (c *checker) small(xs ssa.Value) bool { return c.sizes.Small(xs, SmallThreshold) }

// overCollection reports whether l runs once per element of a
// collection (a range over one, or a count to its length) rather than
// counting to an integer.
func (c *checker) overCollection(l *loops.Loop) bool {
	rs, ok := l.Stmt.(*ast.RangeStmt)
	if !ok {
		return c.counts.Of(l).Kind == tripcount.Len
	}
	b, isBasic := c.pass.TypesInfo.TypeOf(rs.X).Underlying().(*types.Basic)
	return !isBasic || b.Info()&types.IsInteger == 0
}

// unchanged reports whether xs and the keys of its elements stay the
// same throughout l, so that a set built before l answers every test.
func (c *checker) unchanged(t *test, l *loops.Loop) bool {
	if !c.oracle.InvariantThroughLocals(t.xs, l) || c.contentsChange(l, t.xs) {
		return false
	}
	// Another goroutine may replace a slice kept in memory between
	// iterations of a loop that synchronises with it.
	if throughPointer(keyOf(t.xs).path) && c.oracle.Synchronises(l) {
		return false
	}
	return t.keyAddr == nil || !c.pointeesChange(l, t.keyAddr)
}

// contentsChange reports whether l may change the elements of xs: a
// slice, an array value (which, as an SSA value, never changes), or a
// pointer to an array, by the memory model.
func (c *checker) contentsChange(l *loops.Loop, xs ssa.Value) bool {
	if _, isArray := xs.Type().Underlying().(*types.Array); isArray {
		return false
	}
	if arrayLen(xs.Type()) < 0 {
		return c.model.Loop(l).MayWriteElements(xs)
	}
	return c.model.Loop(l).MayWrite(xs)
}

// pointeesChange reports whether l may write the field that keys of
// elements reached through pointers are read from: the slice is
// unchanged, but what its elements point to is not.
func (c *checker) pointeesChange(l *loops.Loop, fa *ssa.FieldAddr) bool {
	return c.model.Loop(l).MayWrite(fa)
}

// searchesItself reports whether t searches xs for the key of an
// element of xs itself, as duplicate detection does. Searching xs for
// another field of its elements (a parent ID among the IDs) is a plain
// lookup.
func searchesItself(t *test) bool {
	if t.searched == nil {
		return false
	}
	xs, _, path, ok := t.searched.element()
	return ok && keyOf(xs).equal(keyOf(t.xs)) && slices.Equal(path, t.path)
}

// arrayLen returns the length of an array or pointer-to-array type, or
// -1 for any other type.
func arrayLen(t types.Type) int64 {
	if a, ok := irutil.Deref(t).Underlying().(*types.Array); ok {
		return a.Len()
	}
	return -1
}
