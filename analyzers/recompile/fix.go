package recompile

import (
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers/internal/source"
)

// fixer builds the suggested fixes of one package, keeping the names of
// the package-level variables it introduces apart.
type fixer struct {
	pass  *analysis.Pass
	taken map[string]bool
}

func newFixer(pass *analysis.Pass) *fixer {
	return &fixer{pass: pass, taken: make(map[string]bool)}
}

// fix returns the suggested fix for s, reported at call: for
// regexp.MustCompile of a valid constant pattern whose result is only
// matched with (so sharing it changes nothing: a *Regexp is safe for
// concurrent use, and only Longest changes one), a package-level
// variable compiled once, with the call, or the local it initialises,
// replaced by it. Panicking moves from the call to package
// initialisation only for a pattern that fails to compile, so invalid
// patterns get no fix.
func (f *fixer) fix(s site, call *ast.CallExpr) []analysis.SuggestedFix {
	pattern, ok := s.constant()
	if !ok || !s.must || !compiles(pattern, s.posix) || len(call.Args) != 1 || !packageLevel(f.pass, call.Args[0]) {
		return nil
	}
	file, path := source.Enclosing(f.pass, call.Lparen)
	if i := slices.Index(path, ast.Node(call)); i >= 0 {
		path = path[i:]
	} else {
		return nil
	}
	decl := topDecl(path)
	if decl == nil || len(path) < 2 {
		return nil
	}
	text, err := source.Text(f.pass, call)
	if err != nil {
		return nil
	}
	var edits []analysis.TextEdit
	var name string
	switch parent := path[1].(type) {
	case *ast.SelectorExpr:
		// regexp.MustCompile(`...`).MatchString(s)
		if !isMatchingMethod(f.pass, parent) || len(path) < 3 || !isCallOf(path[2], parent) {
			return nil
		}
		name = f.name(file, decl, "", []token.Pos{call.Pos()})
		edits = []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(name)}}
	case *ast.AssignStmt:
		// re := regexp.MustCompile(`...`), re used only to match
		local, uses, ok := matchedLocal(f.pass, parent, path)
		if !ok {
			return nil
		}
		positions := []token.Pos{parent.Pos()}
		for _, u := range uses {
			positions = append(positions, u.Pos())
		}
		name = f.name(file, decl, local.Name(), positions)
		del, ok := wholeLines(f.pass, parent)
		if !ok || name == "" {
			return nil
		}
		edits = append(edits, del)
		if name != local.Name() {
			for _, u := range uses {
				edits = append(edits, analysis.TextEdit{Pos: u.Pos(), End: u.End(), NewText: []byte(name)})
			}
		}
	default:
		return nil
	}
	if name == "" {
		return nil
	}
	f.taken[name] = true
	at := decl.Pos()
	if decl.Doc != nil {
		at = decl.Doc.Pos()
	}
	edits = append(edits, analysis.TextEdit{Pos: at, End: at, NewText: []byte("var " + name + " = " + text + "\n\n")})
	return []analysis.SuggestedFix{{Message: "Compile the regexp once in the package-level variable " + name, TextEdits: edits}}
}

// compiles reports whether pattern is a valid regexp, as the call
// would compile it.
func compiles(pattern string, posix bool) bool {
	var err error
	if posix {
		_, err = regexp.CompilePOSIX(pattern)
	} else {
		_, err = regexp.Compile(pattern)
	}
	return err == nil
}

// packageLevel reports whether expr refers only to package-level names
// (and imported ones), so that it means the same at package level.
func packageLevel(pass *analysis.Pass, expr ast.Expr) bool {
	ok := true
	ast.Inspect(expr, func(n ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !isID {
			return ok
		}
		switch obj := pass.TypesInfo.Uses[id]; {
		case obj == nil:
		case obj.Pkg() != pass.Pkg, obj.Parent() == pass.Pkg.Scope(), obj.Parent() == types.Universe:
		default:
			if _, isPkg := obj.(*types.PkgName); !isPkg {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// topDecl returns the function declaration path lies in.
func topDecl(path []ast.Node) *ast.FuncDecl {
	for _, n := range path {
		if d, ok := n.(*ast.FuncDecl); ok {
			return d
		}
	}
	return nil
}

// isCallOf reports whether n calls the method sel.
func isCallOf(n ast.Node, sel *ast.SelectorExpr) bool {
	c, ok := n.(*ast.CallExpr)
	return ok && c.Fun == sel
}

// isMatchingMethod reports whether sel selects a method of *regexp.Regexp
// other than Longest, the one that changes the value.
func isMatchingMethod(pass *analysis.Pass, sel *ast.SelectorExpr) bool {
	fn, ok := pass.TypesInfo.Uses[sel.Sel].(*types.Func)
	return ok && fn.Name() != "Longest" && fn.Pkg() != nil && fn.Pkg().Path() == "regexp"
}

// matchedLocal returns the local variable that as, x := call, declares,
// and its uses, when every use is a matching method call on it.
func matchedLocal(pass *analysis.Pass, as *ast.AssignStmt, path []ast.Node) (*types.Var, []*ast.Ident, bool) {
	if as.Tok != token.DEFINE || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return nil, nil, false
	}
	if _, inBlock := path[2].(*ast.BlockStmt); !inBlock {
		return nil, nil, false // x := ... in an if or for header
	}
	id, ok := as.Lhs[0].(*ast.Ident)
	if !ok {
		return nil, nil, false
	}
	local, ok := pass.TypesInfo.Defs[id].(*types.Var)
	if !ok {
		return nil, nil, false
	}
	decl := topDecl(path)
	var uses []*ast.Ident
	matched := true
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
				if x, ok := sel.X.(*ast.Ident); ok && pass.TypesInfo.Uses[x] == local {
					if !isMatchingMethod(pass, sel) {
						matched = false
					}
					uses = append(uses, x)
					for _, arg := range n.Args {
						ast.Inspect(arg, func(n ast.Node) bool {
							if x, ok := n.(*ast.Ident); ok && pass.TypesInfo.Uses[x] == local {
								matched = false
							}
							return matched
						})
					}
					return false
				}
			}
		case *ast.Ident:
			if pass.TypesInfo.Uses[n] == local {
				matched = false // used other than to call a method
			}
		}
		return matched
	})
	return local, uses, matched && len(uses) > 0
}

// wholeLines returns the edit deleting stmt, alone on its line, with the
// line; a comment after it stays, on a line of its own.
func wholeLines(pass *analysis.Pass, stmt ast.Stmt) (analysis.TextEdit, bool) {
	tf := pass.Fset.File(stmt.Pos())
	content, err := pass.ReadFile(tf.Name())
	if err != nil {
		return analysis.TextEdit{}, false
	}
	lineStart := tf.LineStart(tf.Line(stmt.Pos()))
	if strings.TrimSpace(string(content[tf.Offset(lineStart):tf.Offset(stmt.Pos())])) != "" {
		return analysis.TextEdit{}, false
	}
	rest := tf.Offset(stmt.End())
	for rest < len(content) && (content[rest] == ' ' || content[rest] == '\t') {
		rest++
	}
	switch {
	case rest == len(content) || content[rest] == '\n':
		return analysis.TextEdit{Pos: lineStart, End: tf.Pos(min(rest+1, len(content)))}, true
	case strings.HasPrefix(string(content[rest:]), "//"):
		return analysis.TextEdit{Pos: stmt.Pos(), End: tf.Pos(rest)}, true
	}
	return analysis.TextEdit{}, false
}

// name picks the name of the package-level variable: the local's own
// name when it says what the regexp is for, otherwise one made from the
// function's ("parseLineRe"); a name free in the package, in every
// file's imports, and at each of the positions where it will be used.
func (f *fixer) name(file *ast.File, decl *ast.FuncDecl, local string, at []token.Pos) string {
	base := local
	if utf8.RuneCountInString(local) <= 2 {
		base = funcBase(decl) + "Re"
	}
	for i := 1; i < 10; i++ {
		name := base
		if i > 1 {
			name += strconv.Itoa(i)
		}
		if f.free(file, name, local, at) {
			return name
		}
	}
	return ""
}

// free reports whether name can be declared at package level and used
// at the positions at, where local (if any) is the variable it replaces.
func (f *fixer) free(file *ast.File, name, local string, at []token.Pos) bool {
	if f.taken[name] || f.pass.Pkg.Scope().Lookup(name) != nil || types.Universe.Lookup(name) != nil || token.IsKeyword(name) {
		return false
	}
	for _, file := range f.pass.Files {
		if scope := f.pass.TypesInfo.Scopes[file]; scope != nil && scope.Lookup(name) != nil {
			return false
		}
	}
	for _, pos := range at {
		scope := source.InnermostScope(f.pass.TypesInfo, file, pos)
		if scope == nil {
			return false
		}
		if _, obj := scope.LookupParent(name, pos); obj != nil {
			if name != local {
				return false
			}
			// The local itself is deleted; what lies beyond it must
			// not hold the name either.
			if v, ok := obj.(*types.Var); ok && v.Parent() != nil && v.Parent().Parent() != nil {
				if _, outer := v.Parent().Parent().LookupParent(name, pos); outer != nil {
					return false
				}
			}
		}
	}
	return true
}

// funcBase makes a variable name from the function decl declares:
// parseLine, serverServeHTTP.
func funcBase(decl *ast.FuncDecl) string {
	name := decl.Name.Name
	if decl.Recv != nil && len(decl.Recv.List) == 1 {
		t := decl.Recv.List[0].Type
		if star, ok := t.(*ast.StarExpr); ok {
			t = star.X
		}
		if idx, ok := t.(*ast.IndexExpr); ok {
			t = idx.X
		}
		if idx, ok := t.(*ast.IndexListExpr); ok {
			t = idx.X
		}
		if id, ok := t.(*ast.Ident); ok {
			name = id.Name + upperFirst(name)
		}
	}
	return lowerFirst(name)
}

func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	// Keep initialisms readable: HTTPServer gives httpServer.
	upper := 0
	for _, c := range s {
		if !unicode.IsUpper(c) {
			break
		}
		upper++
	}
	if upper > 1 && upper < len(s) {
		return strings.ToLower(s[:upper-1]) + s[upper-1:]
	}
	if upper == len(s) {
		return strings.ToLower(s)
	}
	return string(unicode.ToLower(r)) + s[size:]
}

func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}
