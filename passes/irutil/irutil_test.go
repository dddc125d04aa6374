package irutil_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
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
