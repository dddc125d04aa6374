package driver

import (
	"testing"

	"golang.org/x/tools/go/packages"
)

func TestDescribeError(t *testing.T) {
	pkg := &packages.Package{PkgPath: "example.com/p"}
	tests := []struct {
		err  packages.Error
		want string
	}{
		{packages.Error{Msg: "# example.com/p\np/a.go:3:1: syntax error: x\np/a.go:4:1: syntax error: y\n"},
			"package example.com/p does not compile: p/a.go:3:1: syntax error: x (and 1 more)"},
		{packages.Error{Msg: "# example.com/p\np/a.go:3:1: undefined: x"},
			"package example.com/p does not compile: p/a.go:3:1: undefined: x"},
		{packages.Error{Pos: "p/a.go:3:8", Msg: "no required module provides package example.com/q; to add it:\n\tgo get example.com/q"},
			"p/a.go:3:8: no required module provides package example.com/q"},
		{packages.Error{Msg: "no Go files in /tmp/p"},
			"example.com/p: no Go files in /tmp/p"},
		{packages.Error{Msg: "package example.com/p is not in std"},
			"package example.com/p is not in std"},
	}
	for _, test := range tests {
		if got := DescribeError(pkg, test.err); got != test.want {
			t.Errorf("DescribeError(%q) = %q, want %q", test.err.Msg, got, test.want)
		}
	}
}
