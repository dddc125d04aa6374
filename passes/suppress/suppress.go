// Package suppress defines an Analyzer that collects perfvet's
// suppression directives and the generated files of a package.
//
// A directive is a line comment
//
//	//perfvet:ignore [analyzer ...] reason
//
// on the line of a finding or on the line above it, or
//
//	//perfvet:file-ignore [analyzer ...] reason
//
// anywhere in a file (by convention above the package clause), for every
// finding in that file. The analyzer names are the leading words that
// name a registered analyzer (see [Register]); no names means every
// analyzer. The reason is required: a directive without one suppresses
// nothing. Neither does a directive whose first word after the names
// looks like a misspelt analyzer name (a quarter of its letters or fewer
// changed, swapped, added or dropped): read as a reason, it would
// silently apply to every analyzer. A comment that starts with
// "//perfvet:" but has neither keyword is collected as malformed, and
// suppresses nothing either.
//
// This package answers what each directive says and which one applies
// to a finding; it reports nothing. Whether a directive is malformed,
// reason-less, misspelt or unused is reported once per package by the
// directives analyzer of the registry, from what each analyzer's
// reporter recorded as used.
package suppress

import (
	"go/ast"
	"go/token"
	"reflect"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// Analyzer collects the directives of a package.
var Analyzer = &analysis.Analyzer{
	Name:       "suppress",
	Doc:        "collect //perfvet:ignore directives and generated files",
	Run:        run,
	ResultType: reflect.TypeFor[*Directives](),
}

// The directives' prefixes: one for a line, one for a whole file, and
// what both start with.
const (
	linePrefix = "//perfvet:ignore"
	filePrefix = "//perfvet:file-ignore"
	anyPrefix  = "//perfvet:"
)

var (
	namesMu sync.RWMutex
	names   = make(map[string]bool)
)

// Register records name as an analyzer name that directives may list.
// Each perfvet analyzer registers itself when its package is initialised.
func Register(name string) {
	namesMu.Lock()
	defer namesMu.Unlock()
	names[name] = true
}

func isName(w string) bool {
	namesMu.RLock()
	defer namesMu.RUnlock()
	return names[w]
}

// Directive is one //perfvet:ignore comment.
type Directive struct {
	Pos token.Pos
	// End is the end of the comment.
	End token.Pos
	// File and Line locate the comment.
	File string
	Line int
	// Names are the analyzers it applies to; empty means all.
	Names  []string
	Reason string
	// Misspelt is the analyzer name the first word of the reason is
	// likely a typo of, or "". Such a directive applies to nothing.
	Misspelt string
	// FileWide is set for //perfvet:file-ignore: the directive applies
	// to the whole file.
	FileWide bool
	// Malformed is the keyword as written when the comment starts with
	// "//perfvet:" but the keyword is neither ignore nor file-ignore
	// ("perfvet:ignore-file"). Such a directive applies to nothing.
	Malformed string
}

// Text is the directive's keyword as written: "//perfvet:ignore" or
// "//perfvet:file-ignore" (or the malformed one).
func (d *Directive) Text() string {
	if d.Malformed != "" {
		return "//" + d.Malformed
	}
	if d.FileWide {
		return filePrefix
	}
	return linePrefix
}

// Scope says what the directive covers, for messages.
func (d *Directive) Scope() string {
	if d.FileWide {
		return "in this file"
	}
	return "on this line or the next"
}

// Applies reports whether d is meant for the analyzer called name.
func (d *Directive) Applies(name string) bool {
	if d.Misspelt != "" || d.Malformed != "" {
		return false
	}
	if len(d.Names) == 0 {
		return true
	}
	for _, n := range d.Names {
		if n == name {
			return true
		}
	}
	return false
}

// NamesAnalyzer reports whether d lists the analyzer called name.
func (d *Directive) NamesAnalyzer(name string) bool {
	return len(d.Names) > 0 && d.Applies(name)
}

// Directives holds a package's directives and generated files.
type Directives struct {
	fset   *token.FileSet
	List   []*Directive
	byLine map[lineKey][]*Directive
	byFile map[string][]*Directive // file-wide directives
}

type lineKey struct {
	file string
	line int
}

// Find returns the directive on pos's line or the line above that applies
// to the analyzer called name, or else such a directive for pos's whole
// file, or nil.
func (ds *Directives) Find(pos token.Pos, name string) *Directive {
	p := ds.fset.Position(pos)
	for _, line := range []int{p.Line, p.Line - 1} {
		for _, d := range ds.byLine[lineKey{p.Filename, line}] {
			if d.Applies(name) {
				return d
			}
		}
	}
	for _, d := range ds.byFile[p.Filename] {
		if d.Applies(name) {
			return d
		}
	}
	return nil
}

func run(pass *analysis.Pass) (any, error) {
	ds := &Directives{
		fset:   pass.Fset,
		byLine: make(map[lineKey][]*Directive),
		byFile: make(map[string][]*Directive),
	}
	for _, f := range pass.Files {
		if ast.IsGenerated(f) {
			// Nothing is reported there (see the scope pass), so its
			// directives suppress nothing and are not judged.
			continue
		}
		for _, group := range f.Comments {
			for _, c := range group.List {
				d := parse(pass.Fset, c)
				switch {
				case d == nil:
				case d.Malformed != "":
					ds.List = append(ds.List, d)
				case d.FileWide:
					ds.List = append(ds.List, d)
					ds.byFile[d.File] = append(ds.byFile[d.File], d)
				default:
					ds.List = append(ds.List, d)
					k := lineKey{d.File, d.Line}
					ds.byLine[k] = append(ds.byLine[k], d)
				}
			}
		}
	}
	return ds, nil
}

// parse returns the directive in c, or nil if c is not one.
func parse(fset *token.FileSet, c *ast.Comment) *Directive {
	if !strings.HasPrefix(c.Text, anyPrefix) {
		return nil
	}
	p := fset.Position(c.Slash)
	d := &Directive{Pos: c.Slash, End: c.End(), File: p.Filename, Line: p.Line}
	rest, ok := cutKeyword(c.Text, linePrefix)
	if !ok {
		rest, ok = cutKeyword(c.Text, filePrefix)
		d.FileWide = ok
	}
	if !ok {
		keyword, _, _ := strings.Cut(c.Text[len("//"):], " ")
		d.Malformed = keyword
		return d
	}
	words := strings.Fields(rest)
	for len(words) > 0 && isName(words[0]) {
		d.Names = append(d.Names, words[0])
		words = words[1:]
	}
	d.Reason = strings.Join(words, " ")
	if len(words) > 0 {
		d.Misspelt = nearName(words[0])
	}
	return d
}

// cutKeyword returns what follows prefix in text, if text is prefix
// alone or prefix and a blank: "//perfvet:ignoreall" is not an ignore.
func cutKeyword(text, prefix string) (rest string, ok bool) {
	rest, ok = strings.CutPrefix(text, prefix)
	if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return "", false
	}
	return rest, true
}

// nearName returns the registered analyzer name that w is a likely typo
// of: the nearest one (the first in order among equals) within one edit
// per four letters of the name (and at least one), if w looks like a
// name (a lowercase word of four letters or more).
func nearName(w string) string {
	if len(w) < 4 || strings.ToLower(w) != w || strings.ContainsFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) {
		return ""
	}
	namesMu.RLock()
	defer namesMu.RUnlock()
	best, bestDist := "", 0
	for n := range names {
		dist := editDistance(w, n)
		if dist > max(1, len(n)/4) {
			continue
		}
		if best == "" || dist < bestDist || dist == bestDist && n < best {
			best, bestDist = n, dist
		}
	}
	return best
}

// editDistance counts the insertions, deletions, substitutions and
// swaps of adjacent letters that turn ASCII word a into b (the optimal
// string alignment distance).
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
