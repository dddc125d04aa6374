package irutil_test

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/perfvet/perfvet/passes/irutil"
)

const src = `package p

import "fmt"

type Ints []int

func f[
	A ~[]int,
	B Ints | []int,
	C ~[]int | ~[]string,
	D interface{ ~map[string]int; comparable },
	E fmt.Stringer,
	F int | string,
]() {}
`

// TestCoreType checks the core type of each of f's type parameters.
func TestCoreType(t *testing.T) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	require.NoError(t, err)
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	info := &types.Info{Defs: make(map[*ast.Ident]types.Object)}
	pkg, err := conf.Check("p", fset, []*ast.File{file}, info)
	require.NoError(t, err)

	sig := pkg.Scope().Lookup("f").Type().(*types.Signature)
	want := map[string]string{
		"A": "[]int",
		"B": "[]int",
		"C": "<nil>",
		"D": "map[string]int",
		"E": "<nil>",
		"F": "<nil>",
	}
	for i := range sig.TypeParams().Len() {
		tp := sig.TypeParams().At(i)
		got := "<nil>"
		if core := irutil.CoreType(tp); core != nil {
			got = core.String()
		}
		assert.Equal(t, want[tp.Obj().Name()], got, "core type of %s", tp.Obj().Name())
	}
	assert.Equal(t, "[]int", irutil.CoreType(pkg.Scope().Lookup("Ints").Type()).String())
	assert.Nil(t, irutil.CoreType(nil))
}

const calls = `package p

func direct() {}

func calls(twice bool) {
	var walk func(int)
	walk = func(d int) {
		inner := func() { walk(d - 1) }
		inner()
	}
	walk(1)
	direct()

	var either func()
	either = direct
	if twice {
		either = func() {}
	}
	either()
}
`

// TestCallee checks which calls of calls resolve to a function: static
// calls, and the closure stored once in a captured variable, however
// deeply captured; not a variable stored twice.
func TestCallee(t *testing.T) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", calls, 0)
	require.NoError(t, err)
	pkg := types.NewPackage("p", "")
	ssapkg, _, err := ssautil.BuildPackage(&types.Config{}, fset, pkg, []*ast.File{file}, ssa.SanityCheckFunctions)
	require.NoError(t, err)

	lines := strings.Split(calls, "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	lines = append([]string{""}, lines...) // lines[n] is line n
	got := make(map[string]string)
	var visit func(fn *ssa.Function)
	visit = func(fn *ssa.Function) {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok {
					continue
				}
				callee := "<nil>"
				if fn := irutil.Callee(&call.Call); fn != nil {
					callee = fn.Name()
				}
				got[lines[fset.Position(call.Pos()).Line]] = callee
			}
		}
		for _, anon := range fn.AnonFuncs {
			visit(anon)
		}
	}
	visit(ssapkg.Func("calls"))
	assert.Equal(t, map[string]string{
		"walk(1)":                         "calls$1",
		"direct()":                        "direct",
		"either()":                        "<nil>",
		"inner()":                         "calls$1$1",
		"inner := func() { walk(d - 1) }": "calls$1", // through two captures
	}, got)
}

// TestMirror checks that x op y and y Mirror(op) x agree on every pair.
func TestMirror(t *testing.T) {
	ops := map[token.Token]func(a, b int) bool{
		token.LSS: func(a, b int) bool { return a < b },
		token.LEQ: func(a, b int) bool { return a <= b },
		token.GTR: func(a, b int) bool { return a > b },
		token.GEQ: func(a, b int) bool { return a >= b },
		token.EQL: func(a, b int) bool { return a == b },
		token.NEQ: func(a, b int) bool { return a != b },
	}
	for op, holds := range ops {
		mirrored := ops[irutil.Mirror(op)]
		for _, pair := range [][2]int{{1, 2}, {2, 1}, {2, 2}} {
			x, y := pair[0], pair[1]
			assert.Equal(t, holds(x, y), mirrored(y, x), "%d %s %d", x, op, y)
		}
	}
}

const offsets = `package p

func f(x int, y float64) (int, int, int, int, float64) {
	return x + 1, x - 2, x * 3, x + x, y + 1
}
`

// TestOffset checks which results of f are a value plus or minus an
// integer constant.
func TestOffset(t *testing.T) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", offsets, 0)
	require.NoError(t, err)
	ssapkg, _, err := ssautil.BuildPackage(&types.Config{}, fset, types.NewPackage("p", ""), []*ast.File{file}, 0)
	require.NoError(t, err)
	fn := ssapkg.Func("f")
	ret := fn.Blocks[0].Instrs[len(fn.Blocks[0].Instrs)-1].(*ssa.Return)

	steps := make([]string, len(ret.Results))
	for i, v := range ret.Results {
		steps[i] = "-"
		if base, step, ok := irutil.Offset(v); ok {
			steps[i] = fmt.Sprintf("%s%+d", base.Name(), step)
		}
	}
	assert.Equal(t, []string{"x+1", "x-2", "-", "-", "-"}, steps)
}

// TestReachable checks the blocks reached through a diamond when one of
// its arms is excluded.
func TestReachable(t *testing.T) {
	// 0 -> 1 -> 3, 0 -> 2 -> 3
	blocks := make([]*ssa.BasicBlock, 4)
	for i := range blocks {
		blocks[i] = &ssa.BasicBlock{Index: i}
	}
	link := func(from, to int) {
		blocks[from].Succs = append(blocks[from].Succs, blocks[to])
	}
	link(0, 1)
	link(0, 2)
	link(1, 3)
	link(2, 3)
	indices := func(reached map[*ssa.BasicBlock]bool) []int {
		return slices.Sorted(func(yield func(int) bool) {
			for b := range reached {
				if !yield(b.Index) {
					return
				}
			}
		})
	}
	all := func(*ssa.BasicBlock) bool { return true }
	assert.Equal(t, []int{0, 1, 2, 3}, indices(irutil.Reachable(blocks[:1], all)))
	assert.Equal(t, []int{2, 3}, indices(irutil.Reachable(blocks[0].Succs[1:], all)))
	notOne := func(b *ssa.BasicBlock) bool { return b.Index != 1 }
	assert.Equal(t, []int{0, 2, 3}, indices(irutil.Reachable(blocks[:1], notOne)))
	notThree := func(b *ssa.BasicBlock) bool { return b.Index != 3 }
	assert.Equal(t, []int{0, 1, 2}, indices(irutil.Reachable(blocks[:1], notThree)))
}

const returns = `package p

func two(b bool) int {
	if b {
		return 1
	}
	return 2
}

func pair() (int, int) { return 1, 2 }

func captures() int {
	once := 1
	twice := 2
	twice = 3
	f := func() int { return once }
	g := func() int { return twice }
	return f() + g()
}
`

// TestReturnedAndStored checks the values functions return, and which
// loads of captured variables Stored sees through.
func TestReturnedAndStored(t *testing.T) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", returns, 0)
	require.NoError(t, err)
	ssapkg, _, err := ssautil.BuildPackage(&types.Config{}, fset, types.NewPackage("p", ""), []*ast.File{file}, 0)
	require.NoError(t, err)

	var two []string
	for _, v := range irutil.Returned(ssapkg.Func("two")) {
		two = append(two, v.String()) //perfvet:ignore prealloc two values
	}
	assert.ElementsMatch(t, []string{"1:int", "2:int"}, two)
	assert.Nil(t, irutil.Returned(ssapkg.Func("pair")), "two results")

	closures := ssapkg.Func("captures").AnonFuncs
	require.Len(t, closures, 2)
	once := irutil.Returned(closures[0])[0]
	assert.Equal(t, "1:int", irutil.Stored(once).String(), "a variable stored once")
	twice := irutil.Returned(closures[1])[0]
	assert.Equal(t, twice, irutil.Stored(twice), "a variable stored twice")
	assert.Nil(t, irutil.OnlyStore(irutil.Variable(twice.(*ssa.UnOp).X)))
}
