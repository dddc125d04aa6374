// Package tripcount defines an Analyzer that classifies how many times
// each loop runs, and which loops are hot.
//
// A trip count is one of:
//
//   - const(N): a compile-time constant: range over an array, a pointer to
//     one, a slice literal, or a constant integer, or a counted loop with
//     constant bounds;
//   - len(x): range over a slice, string or map, or a counted loop bounded
//     by len(x) of a loop-invariant x;
//   - int(n): range over a non-constant integer, or a counted loop bounded
//     by a loop-invariant, non-constant n;
//   - unknown: channels, iterators, for {}, conditions that change in the
//     loop.
//
// Counts are read off SSA, so loops built with goto are counted like for
// statements. A loop whose count is const(N) with N below the -cold
// threshold is cold; every other loop is hot.
package tripcount

import (
	"flag"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
)

// Analyzer computes the trip count of every loop.
var Analyzer = &analysis.Analyzer{
	Name:       "tripcount",
	Doc:        "classify loop trip counts as const(N), len(x), int(n) or unknown",
	Run:        run,
	Requires:   []*analysis.Analyzer{loops.Analyzer, invariant.Analyzer},
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
	// exit is the edge the loop leaves by when the count runs out.
	exit loops.Edge
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

// Hot reports whether work in l should be reported: l is not a
// constant-count loop below the cold threshold.
func (cs *Counts) Hot(l *loops.Loop) bool {
	c := cs.byLoop[l]
	return !(c.Kind == Const && c.N < int64(ColdThreshold))
}

// DataDependent reports whether the count of l depends on data (len(x),
// int(n) or unknown) rather than being a compile-time constant.
func (cs *Counts) DataDependent(l *loops.Loop) bool {
	return cs.byLoop[l].Kind != Const
}

func run(pass *analysis.Pass) (any, error) {
	forest := pass.ResultOf[loops.Analyzer].(*loops.Forest)
	oracle := pass.ResultOf[invariant.Analyzer].(*invariant.Oracle)
	cs := &Counts{byLoop: make(map[*loops.Loop]Count, len(forest.All))}
	for _, l := range forest.All {
		cs.byLoop[l] = literalLength(count(pass.TypesInfo, oracle, l))
	}
	return cs, nil
}

// count computes the trip count of l.
func count(info *types.Info, oracle *invariant.Oracle, l *loops.Loop) Count {
	if l.Kind == loops.RangeFunc {
		return Count{}
	}
	if c, ok := rangeCount(info, l); ok {
		c.exit = rangeExit(l)
		return c
	}
	for _, exit := range l.Exits {
		c, ok := inductionCount(oracle, l, exit)
		if ok {
			c.Expr = boundExpr(l, c)
			if c.Expr == nil {
				c.Expr = conditionBound(l, exit, c)
			}
			c.exit = exit
			return c
		}
	}
	return Count{}
}

// rangeCount counts range statements over maps, strings, channels,
// arrays and integers whose count the statement itself fixes.
func rangeCount(info *types.Info, l *loops.Loop) (Count, bool) {
	rs, ok := l.Stmt.(*ast.RangeStmt)
	if !ok {
		return Count{}, false
	}
	tv := info.Types[rs.X]
	if tv.Value != nil && tv.Value.Kind() == constant.Int {
		if n, exact := constant.Int64Val(tv.Value); exact {
			return Count{Kind: Const, N: max(n, 0), Exact: true}, true
		}
	}
	switch t := irutil.CoreType(tv.Type).(type) {
	case *types.Array:
		return Count{Kind: Const, N: t.Len(), Exact: true}, true
	case *types.Pointer:
		if a, ok := irutil.CoreType(t.Elem()).(*types.Array); ok {
			return Count{Kind: Const, N: a.Len(), Exact: true}, true
		}
	case *types.Chan, *types.Signature:
		return Count{}, true
	case *types.Map:
		return Count{Kind: Len, X: rangeOperand(l), Expr: rs.X, Exact: true}, true
	case *types.Basic:
		if t.Info()&types.IsString != 0 {
			return Count{Kind: Len, X: rangeOperand(l), Expr: rs.X, Exact: false}, true
		}
		if t.Info()&types.IsInteger != 0 {
			return Count{Kind: Int, X: rangeOperand(l), Expr: rs.X, Exact: true}, true
		}
	case *types.Slice:
		return Count{Kind: Len, X: rangeOperand(l), Expr: rs.X, Exact: true}, true
	}
	return Count{}, false
}

// rangeOperand finds the SSA value of a range loop's operand: the
// argument of the len call or Range instruction feeding the header, or
// the bound of a range over an integer.
func rangeOperand(l *loops.Loop) ssa.Value {
	for _, b := range l.Blocks() {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Next:
				if r, ok := instr.Iter.(*ssa.Range); ok {
					return r.X
				}
			case *ssa.BinOp:
				if instr.Op == token.LSS {
					if c, ok := instr.Y.(*ssa.Call); ok && irutil.IsBuiltin(c.Common(), "len") {
						return c.Common().Args[0]
					}
					if !definedIn(l, instr.Y) {
						return instr.Y
					}
				}
			}
		}
	}
	return nil
}
