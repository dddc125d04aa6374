package hotness

import (
	"go/ast"
	"net/url"
	"strings"
)

// A funcKey names a top-level function or method the way both the
// profile and the source can spell it: "import/path.F",
// "import/path.(*T).M" or "import/path.T.M". Closures, goroutine and
// defer wrappers, range-over-func bodies and generic instantiations all
// fold into the function that encloses them in the source, so their
// samples are found by line inside that function.
type funcKey string

// profileKey returns the key of a function symbol as the Go toolchain
// writes it into profiles, and whether the symbol is the function itself
// rather than a closure or wrapper inside it. ok is false for symbols
// that are not Go functions of a package (runtime stubs, C code).
func profileKey(symbol string) (key funcKey, self, ok bool) {
	name := stripTypeArgs(symbol)
	slash := strings.LastIndexByte(name, '/')
	dot := strings.IndexByte(name[slash+1:], '.')
	if dot < 0 {
		return "", false, false
	}
	dot += slash + 1
	// The linker escapes dots in the last element of a package path
	// ("gopkg.in/yaml%2ev3"), which is what makes this split unambiguous.
	pkg, err := url.PathUnescape(name[:dot])
	if err != nil {
		return "", false, false
	}
	top, self := enclosingName(name[dot+1:])
	if top == "" {
		return "", false, false
	}
	return funcKey(pkg + "." + top), self, true
}

// enclosingName returns, from the part of a symbol after its package,
// the name of the top-level function or method it belongs to, and
// whether the symbol is that function itself.
func enclosingName(rest string) (top string, self bool) {
	parts := strings.Split(rest, ".")
	wrapped := false
	for i, p := range parts {
		// "F-range1" is a range-over-func body, "M-fm" a method value.
		if cut, _, found := strings.Cut(p, "-"); found {
			parts[i], wrapped = cut, true
		}
	}
	n := 1
	if len(parts) > 1 && (strings.HasPrefix(parts[0], "(") || !isClosureSuffix(parts[1])) {
		n = 2 // a method: "(*T).M" or "T.M"
	}
	return strings.Join(parts[:n], "."), n == len(parts) && !wrapped
}

// isClosureSuffix reports whether p is a name the compiler gives to code
// nested in a function: func literals (func1), go and defer wrappers
// (gowrap1, deferwrap1) and nested literals (the 2 of func1.2).
func isClosureSuffix(p string) bool {
	for _, prefix := range []string{"func", "gowrap", "deferwrap"} {
		if digits, ok := strings.CutPrefix(p, prefix); ok && isDigits(digits) {
			return true
		}
	}
	return isDigits(p)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// stripTypeArgs removes the bracketed type arguments of generic
// instantiations: "p.(*Set[go.shape.int]).Add" becomes "p.(*Set).Add".
func stripTypeArgs(s string) string {
	if !strings.Contains(s, "[") {
		return s
	}
	var b strings.Builder
	depth := 0
	for _, c := range s {
		switch {
		case c == '[':
			depth++
		case c == ']' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// sourceKey returns the key of a function declared in the package with
// the given path: what profileKey returns for its samples.
func sourceKey(pkgPath string, decl *ast.FuncDecl) funcKey {
	name := decl.Name.Name
	if decl.Recv != nil && len(decl.Recv.List) == 1 {
		name = receiverName(decl.Recv.List[0].Type) + "." + name
	}
	return funcKey(pkgPath + "." + name)
}

// receiverName spells a receiver type as symbols do: "(*T)" or "T",
// without type parameters.
func receiverName(t ast.Expr) string {
	if p, ok := ast.Unparen(t).(*ast.StarExpr); ok {
		return "(*" + baseTypeName(p.X) + ")"
	}
	return baseTypeName(t)
}

func baseTypeName(t ast.Expr) string {
	switch t := ast.Unparen(t).(type) {
	case *ast.Ident:
		return t.Name
	case *ast.IndexExpr:
		return baseTypeName(t.X)
	case *ast.IndexListExpr:
		return baseTypeName(t.X)
	}
	return "?"
}
