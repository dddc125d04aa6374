// Package tripcount defines an Analyzer that classifies how many times
// each loop runs, and which loops are hot.
//
// A trip count is one of:
//
//   - const(N): a constant: range over an array, a pointer to one, a
//     constant integer, or a collection or integer whose size the sizes
//     pass knows exactly (a slice literal, local or package-level, a
//     re-slice with constant bounds), or a counted loop with constant
//     bounds;
//   - len(x): range over a slice, string or map, or a counted loop bounded
//     by len(x) of a loop-invariant x;
//   - int(n): range over a non-constant integer, or a counted loop bounded
//     by a loop-invariant, non-constant n;
//   - unknown: channels, iterators, for {}, conditions that change in the
//     loop.
//
// Every count is derived from the test that ends the loop: the branch
// whose true or false edge leaves it, comparing an induction variable
// with a loop-invariant bound, or testing the next element of a range
// over a map or string. The count's bound value and its source
// expression come from that comparison, the statement's own test
// preferred to tests in the body (see loops.Loop.Tests). Counts are read
// off SSA, so loops built with goto are counted like for statements; how
// the builder lays each kind of loop out is the loops package's
// concern (its layout.go).
//
// A len(x) or int(n) count whose x or n the sizes pass bounds is at most
// that bound (Count.AtMost). A loop that runs fewer times than the -cold
// threshold, by its constant count or that bound, is cold; every other
// loop is hot.
package tripcount

import (
	"flag"
	"fmt"
	"go/ast"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/sizes"
)

// Analyzer computes the trip count of every loop.
var Analyzer = &analysis.Analyzer{
	Name:       "tripcount",
	Doc:        "classify loop trip counts as const(N), len(x), int(n) or unknown",
	Run:        run,
	Requires:   []*analysis.Analyzer{loops.Analyzer, invariant.Analyzer, sizes.Analyzer},
	ResultType: reflect.TypeFor[*Counts](),
	Flags:      flags(),
}

// ColdThreshold is the trip count below which a constant-count loop is
// cold. It is the -cold flag of the perfvet command.
var ColdThreshold = 8

func flags() flag.FlagSet {
	fs := flag.NewFlagSet("tripcount", flag.ContinueOnError)
	fs.IntVar(&ColdThreshold, "cold", ColdThreshold, "loops with a constant trip count below this are cold and never reported")
	return *fs
}

// Kind classifies a trip count.
type Kind int

const (
	Unknown Kind = iota
	Const
	Len
	Int
)

// Count is the trip count of one loop.
type Count struct {
	Kind Kind
	// N is the count when Kind is Const.
	N int64
	// X is the collection whose length bounds the loop (Len) or the
	// bound itself (Int).
	X ssa.Value
	// Expr is the source of X when the loop statement shows it: the
	// range operand, or the bound in a counted loop's condition.
	Expr ast.Expr
	// Exact is false when the loop may run fewer times than the count
	// says even without an early exit: range over a string counts runes,
	// a counted loop may start above zero or step by more than one.
	Exact bool

	// down says the count comes from the start of a decreasing counter.
	down bool
	// upper says the loop runs at most X times (or len(X)).
	upper bool
	// max bounds the count when bounded: the size of X is at most max.
	max     int64
	bounded bool
	// limit is the value a counter is compared with in a test of a
	// loop whose count is unknown because the value changes in it.
	limit ssa.Value
	// exit is the edge the loop leaves by when the count runs out.
	exit loops.Edge
}

// AtMost returns an upper bound of the count, when one is known: N for
// a constant count, or the bounded size of x or n.
func (c Count) AtMost() (int64, bool) {
	switch {
	case c.Kind == Const:
		return c.N, true
	case c.bounded:
		return c.max, true
	}
	return 0, false
}

func (c Count) String() string {
	switch c.Kind {
	case Const:
		return fmt.Sprintf("const(%d)", c.N)
	case Len:
		return "len(" + c.source() + ")"
	case Int:
		return "int(" + c.source() + ")"
	}
	return "unknown"
}

// source names X in source form where known.
func (c Count) source() string {
	if c.Expr != nil {
		return types.ExprString(c.Expr)
	}
	if c.X != nil {
		return c.X.Name()
	}
	return "?"
}

// Counts holds the trip count of every loop of a package.
type Counts struct {
	byLoop map[*loops.Loop]Count
}

// Of returns the trip count of l.
func (cs *Counts) Of(l *loops.Loop) Count { return cs.byLoop[l] }

// Hot reports whether work in l should be reported: l does not run
// fewer times than the cold threshold, by a constant count or a bound.
func (cs *Counts) Hot(l *loops.Loop) bool {
	n, ok := cs.byLoop[l].AtMost()
	return !(ok && n < int64(ColdThreshold))
}

// Limit returns the value that l's counter is compared with in the test
// that ends l: the bound of a counted loop (X of an int(n) count, the
// len(x) call of a len(x) one), or the bound of a loop whose count is
// unknown because the bound may change inside it (a variable that
// goroutines started in the loop capture).
func (cs *Counts) Limit(l *loops.Loop) (ssa.Value, bool) {
	c := cs.byLoop[l]
	switch {
	case c.Kind == Int && !c.down:
		return c.X, true
	case c.limit != nil:
		return c.limit, true
	}
	return nil, false
}

// DataDependent reports whether the count of l depends on data (len(x),
// int(n) or unknown) rather than being a compile-time constant.
func (cs *Counts) DataDependent(l *loops.Loop) bool {
	return cs.byLoop[l].Kind != Const
}

func run(pass *analysis.Pass) (any, error) {
	forest := pass.ResultOf[loops.Analyzer].(*loops.Forest)
	oracle := pass.ResultOf[invariant.Analyzer].(*invariant.Oracle)
	sz := pass.ResultOf[sizes.Analyzer].(*sizes.Sizes)
	cs := &Counts{byLoop: make(map[*loops.Loop]Count, len(forest.All))}
	for _, l := range forest.All {
		cs.byLoop[l] = sized(sz, count(oracle, l))
	}
	return cs, nil
}

// count computes the trip count of l from the test that ends it: the
// first of its tests (its statement's own first) that counts it. A loop
// none counts may still have a counter compared with a bound that
// changes inside it: its limit is recorded.
func count(oracle *invariant.Oracle, l *loops.Loop) Count {
	if l.Kind == loops.RangeFunc {
		return Count{}
	}
	var limit ssa.Value
	for _, t := range l.Tests() {
		if x, isString, ok := l.RangeIteration(t); ok {
			return Count{Kind: Len, X: x, Expr: rangeOperand(l), Exact: !isString, upper: true, exit: t.Edge}
		}
		c, ok := inductionCount(oracle, l, t)
		if !ok {
			if limit == nil {
				limit = c.limit
			}
			continue
		}
		c.Expr = sourceExpr(l, t, c)
		c.exit = t.Edge
		return c
	}
	return Count{limit: limit}
}

// rangeOperand returns the operand of l's range statement.
func rangeOperand(l *loops.Loop) ast.Expr {
	if rs, ok := l.Stmt.(*ast.RangeStmt); ok {
		return rs.X
	}
	return nil
}

// sourceExpr finds the source of a count's bound: the range operand or
// the for statement's bound when t is the statement's own test, or the
// operand of the comparison t tests otherwise.
func sourceExpr(l *loops.Loop, t loops.Test, c Count) ast.Expr {
	if c.Kind == Const {
		return nil
	}
	if l.OwnTest(t) {
		if x := rangeOperand(l); x != nil {
			if c.Kind == Len {
				return unLen(x) // range len(xs) counts len(xs)
			}
			return x
		}
		if e := boundExpr(l, c); e != nil {
			return e
		}
	}
	return conditionBound(l, t.Edge, c)
}

// unLen returns x of len(x), or e itself.
func unLen(e ast.Expr) ast.Expr {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return e
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "len" {
		return call.Args[0]
	}
	return e
}

// sized refines a len(x) or int(n) count by the size of x or n: a
// constant size makes an exact count constant (a loop over a
// three-element literal is as cold as one over an array), and a bounded
// one bounds the count.
func sized(sz *sizes.Sizes, c Count) Count {
	if (c.Kind != Len && c.Kind != Int) || c.X == nil || !c.upper {
		return c
	}
	s := sz.Of(c.X)
	n, bounded := s.Bound()
	switch {
	case s.Kind == sizes.Exact && (c.Exact || c.Kind == Len):
		return Count{Kind: Const, N: max(n, 0), Exact: c.Exact, upper: true, exit: c.exit}
	case bounded:
		c.max, c.bounded = max(n, 0), true
	}
	return c
}
