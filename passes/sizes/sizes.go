// Package sizes defines an Analyzer whose result answers one question
// for every SSA value of a package: how big is it? For a slice, array,
// string or map that is its length; for an integer, its value. The
// answer is a Size of the lattice
//
//	Exact(N) < AtMost(N) < CPUs < Chosen < Data
//
// where Exact and AtMost are ordered by N (see Kind for what each
// means). Trip counts, the small-collection rule of membership and the
// pool rule of fanout are all queries of it, so a literal has the same
// size wherever it is declared and whoever asks.
//
// The rules, each a golden case in testdata:
//
//   - constants: integers, strings (their length in bytes), nil (0);
//   - arrays and pointers to arrays: their length;
//   - composite literals, local ([]T{a, b, c} is a slice of a new
//     array) or package-level variables initialised with a literal or a
//     constant and never stored to again in the package (see
//     TrustExported), never maps, which any use may grow;
//   - make([]T, n): the size of n;
//   - re-slices x[lo:hi]: hi-lo, or at most the size of x;
//   - conversions: string to []byte keeps the size, to []rune bounds it;
//   - local variables: the join of every value stored into them, in the
//     function and in the closures that capture them, while their
//     address goes nowhere else;
//   - same-package functions with one result: the join of what every
//     return statement returns;
//   - the variadic parameter of an unexported function that is only
//     called, never used as a value: at most the longest argument list;
//   - runtime.NumCPU and runtime.GOMAXPROCS: CPUs;
//   - arithmetic (+, -, *, /, %, &, <<, >>), len, cap, append, min, max;
//   - phis: the join of their edges, each refined by the comparisons
//     that guard it (after if n > limit { n = limit }, n is at most
//     limit on both edges).
//
// Everything else is unknown: Chosen for an integer (the program picked
// it) and Data for a collection (it came from the input). Sizes are
// lengths and counts, assumed not negative where a rule needs it (a
// difference of sizes is at most its first operand only for a
// non-negative second one).
//
// sizes is an Analyzer rather than a package of functions so that every
// consumer of a package shares one memo, and with it one answer per
// value. It costs nothing unless asked: its run only allocates the
// memo, it requires no other pass and declares no facts, and the
// package-wide facts it needs (which globals are never stored to, how
// each variadic function is called) are gathered on the first question
// that needs them.
package sizes

import (
	"go/ast"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Analyzer provides the size of every SSA value, computed on demand.
var Analyzer = &analysis.Analyzer{
	Name:       "sizes",
	Doc:        "bound the length of collections and the value of integers as exact(N), atmost(N), cpus, chosen or data",
	Run:        run,
	ResultType: reflect.TypeFor[*Sizes](),
}

// Sizes answers size queries for the values of one package.
type Sizes struct {
	pkg   *types.Package
	info  *types.Info
	files []*ast.File

	memo      map[ssa.Value]Size
	variables map[*ssa.Alloc]Size  // see query.load
	globals   map[*types.Var]Size  // see global
	varargs   map[*types.Func]Size // see variadic
}

func run(pass *analysis.Pass) (any, error) {
	return New(pass.Pkg, pass.TypesInfo, pass.Files), nil
}

// New returns the sizes of the values of pkg, whose syntax is files.
func New(pkg *types.Package, info *types.Info, files []*ast.File) *Sizes {
	return &Sizes{pkg: pkg, info: info, files: files, memo: make(map[ssa.Value]Size), variables: make(map[*ssa.Alloc]Size)}
}

// Of returns the size of v.
func (s *Sizes) Of(v ssa.Value) Size {
	if sz, ok := s.memo[v]; ok {
		return sz
	}
	q := &query{s: s, active: make(map[ssa.Value]bool), variables: make(map[*ssa.Alloc]bool)}
	sz := q.size(v, 0)
	if cyclic(sz) {
		sz = top(v)
	}
	// The root of a query is its own fixpoint: a cycle back to it
	// assumed nothing it did not then join in.
	s.memo[v] = sz
	return sz
}

// Small reports whether v has a size bounded below n.
func (s *Sizes) Small(v ssa.Value, n int) bool { return s.Of(v).Below(n) }

// top is the size of a value nothing is known about: an integer is a
// count the program chose, a collection is data.
func top(v ssa.Value) Size { return topOf(v.Type()) }

// topOf is top for a value of type t.
func topOf(t types.Type) Size {
	if isInteger(t) {
		return Size{Kind: Chosen}
	}
	return Size{Kind: Data}
}

func isInteger(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}
