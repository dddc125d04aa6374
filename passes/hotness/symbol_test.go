package hotness

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"
)

func TestProfileKey(t *testing.T) {
	tests := []struct {
		symbol string
		key    funcKey
		self   bool
	}{
		{"example.com/p.F", "example.com/p.F", true},
		{"example.com/p.(*T).M", "example.com/p.(*T).M", true},
		{"example.com/p.T.M", "example.com/p.T.M", true},
		{"example.com/p.F.func1", "example.com/p.F", false},
		{"example.com/p.F.func1.2", "example.com/p.F", false},
		{"example.com/p.F.gowrap1", "example.com/p.F", false},
		{"example.com/p.(*T).M.func3", "example.com/p.(*T).M", false},
		{"example.com/p.T.M.deferwrap1", "example.com/p.T.M", false},
		{"example.com/p.F[go.shape.int]", "example.com/p.F", true},
		{"example.com/p.(*Set[go.shape.string,go.shape.int]).Add", "example.com/p.(*Set).Add", true},
		{"example.com/p.Map[go.shape.[]uint8].func1", "example.com/p.Map", false},
		{"example.com/p.F-range1", "example.com/p.F", false},
		{"example.com/p.(*T).M-fm", "example.com/p.(*T).M", false},
		{"gopkg.in/yaml%2ev3.(*parser).parse", "gopkg.in/yaml.v3.(*parser).parse", true},
		{"main.main", "main.main", true},
		{"example.com/p.init.0", "example.com/p.init", false},
	}
	for _, tt := range tests {
		key, self, ok := profileKey(tt.symbol)
		if !ok || key != tt.key || self != tt.self {
			t.Errorf("profileKey(%q) = %q, %v, %v; want %q, %v, true", tt.symbol, key, self, ok, tt.key, tt.self)
		}
	}
	for _, symbol := range []string{"_cgo_topofstack", "", "example.com/p"} {
		if key, _, ok := profileKey(symbol); ok {
			t.Errorf("profileKey(%q) = %q, want no key", symbol, key)
		}
	}
}

func TestSourceKey(t *testing.T) {
	src := `package p
func F() {}
func (t *T) M() {}
func (t T) V() {}
func (s *Set[K, V]) Add() {}
func (l List[E]) Len() {}
`
	want := []funcKey{"example.com/p.F", "example.com/p.(*T).M", "example.com/p.T.V", "example.com/p.(*Set).Add", "example.com/p.List.Len"}
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range f.Decls {
		if got := sourceKey("example.com/p", d.(*ast.FuncDecl)); got != want[i] {
			t.Errorf("sourceKey of declaration %d = %q, want %q", i, got, want[i])
		}
	}
}
