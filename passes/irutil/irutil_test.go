package irutil_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

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
