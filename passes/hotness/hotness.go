// Package hotness defines an Analyzer that weighs findings by evidence
// that the code they are in matters: the share of CPU time a profile
// spends in it, and whether it is test code.
//
// With CPU profiles (-profile, or a default.pgo beside a main package,
// as go build -pgo=auto finds it), the share of a loop is the fraction
// of samples whose stack passes through a line inside the loop in that
// function, callees and inlined frames included; closures count in the
// function that encloses them, by line, so a goroutine started in a loop
// adds its samples to that loop. Only findings whose share reaches -hot
// are reported. Without a profile, findings in _test.go files are
// reported only with -testfiles.
//
// The pass computes and never reports; analyzers see its verdict through
// their shared reporter.
package hotness

import (
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Analyzer finds the profile that applies to a package and answers
// share queries on it.
var Analyzer = &analysis.Analyzer{
	Name:       "hotness",
	Doc:        "weigh findings by CPU profile share, and keep test files out unless asked",
	Run:        run,
	ResultType: reflect.TypeFor[*Evidence](),
	Flags:      flags(),
}

// Settings are the pass's flags; the perfvet command also offers them
// at top level (-profile, -hot, -testfiles).
var (
	// Profiles is the comma-separated list of CPU profile files.
	Profiles string
	// Threshold is the share, in percent, a finding's code must reach in
	// the profile to be reported.
	Threshold = 1.0
	// TestFiles says to report findings in _test.go files too.
	TestFiles bool
	// PGOMap names a file of "import/path<TAB>profile" lines: the
	// default.pgo that applies to each package, found by the perfvet
	// command the way go build -pgo=auto finds it.
	PGOMap string
)

func flags() flag.FlagSet {
	fs := flag.NewFlagSet("hotness", flag.ContinueOnError)
	fs.StringVar(&Profiles, "profile", "", "comma-separated CPU profiles (pprof) to weigh findings by; default: a main package's default.pgo")
	fs.Var((*percent)(&Threshold), "hot", "with a profile, report only findings in code holding at least this `percent` of CPU time")
	fs.BoolVar(&TestFiles, "testfiles", false, "also report findings in _test.go files")
	fs.StringVar(&PGOMap, "pgomap", "", "file of package-to-default.pgo assignments (set by the perfvet command)")
	return *fs
}

// percent is a flag value between 0 and 100.
type percent float64

func (p *percent) String() string { return strconv.FormatFloat(float64(*p), 'g', -1, 64) }

func (p *percent) Set(s string) error {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !(v >= 0 && v <= 100) {
		return fmt.Errorf("want a percentage from 0 to 100, not %q", s)
	}
	*p = percent(v)
	return nil
}

// Evidence is the pass's result for one package.
type Evidence struct {
	fset    *token.FileSet
	pkgPath string
	files   []*ast.File
	index   *Index // nil without a profile
}

// A Weight is the evidence for one finding.
type Weight struct {
	// Profiled is true when a profile applies to the package.
	Profiled bool
	// Share is the fraction of the profile's CPU time in the finding's
	// loop (or function, if it is in no loop or Stale is set).
	Share float64
	// Stale says the profile predates the function's current source.
	Stale bool
}

func run(pass *analysis.Pass) (any, error) {
	ev := &Evidence{fset: pass.Fset, pkgPath: symbolPath(pass), files: pass.Files}
	paths, err := profilesFor(pass)
	if err != nil {
		return nil, err
	}
	if len(paths) > 0 {
		if ev.index, err = cachedLoad(paths); err != nil {
			return nil, err
		}
	}
	return ev, nil
}

// symbolPath is the package path as symbols spell it: "main" for every
// main package.
func symbolPath(pass *analysis.Pass) string {
	if pass.Pkg.Name() == "main" {
		return "main"
	}
	return pass.Pkg.Path()
}

// profilesFor returns the profiles that apply to the package: -profile
// if given, else its default.pgo assignment, else none.
func profilesFor(pass *analysis.Pass) ([]string, error) {
	if Profiles != "" {
		paths := strings.Split(Profiles, ",")
		for i, p := range paths {
			paths[i] = resolve(p)
		}
		return paths, nil
	}
	if PGOMap != "" {
		pgo, err := assignedPGO(PGOMap, pass.Pkg.Path())
		if err != nil || pgo != "" {
			return []string{pgo}, err
		}
	}
	if pass.Pkg.Name() == "main" && len(pass.Files) > 0 {
		// Under go vet, which analyses each package on its own, a main
		// package still finds its own default.pgo.
		dir := filepath.Dir(pass.Fset.File(pass.Files[0].Pos()).Name())
		if pgo := filepath.Join(dir, "default.pgo"); fileExists(pgo) {
			return []string{pgo}, nil
		}
	}
	return nil, nil
}

// resolve returns where a relative profile path points. go vet runs
// its tool in each package's directory, so a path given relative to the
// directory go vet was started in is looked for in the enclosing
// directories too, up to the module root.
func resolve(path string) string {
	if filepath.IsAbs(path) || fileExists(path) {
		return path
	}
	dir, err := os.Getwd()
	if err != nil {
		return path
	}
	for {
		if candidate := filepath.Join(dir, path); fileExists(candidate) {
			return candidate
		}
		parent := filepath.Dir(dir)
		if fileExists(filepath.Join(dir, "go.mod")) || parent == dir {
			return path
		}
		dir = parent
	}
}

func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}

// assignedPGO returns the profile the map file at path assigns to the
// package pkgPath, or "".
func assignedPGO(path, pkgPath string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("reading default.pgo assignments: %w", err)
	}
	for line := range strings.Lines(string(data)) {
		pkg, pgo, ok := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		if ok && pkg == pkgPath {
			return pgo, nil
		}
	}
	return "", nil
}

// Profiled reports whether a profile applies to the package.
func (e *Evidence) Profiled() bool { return e.index != nil }

// Profiles returns the files of the profile that applies, if any.
func (e *Evidence) Profiles() []string {
	if e.index == nil {
		return nil
	}
	return e.index.Paths
}

// Weigh returns the evidence for a finding at pos, inside the loop whose
// source spans [loopStart, loopEnd], or in no loop if loopStart is
// token.NoPos.
func (e *Evidence) Weigh(pos, loopStart, loopEnd token.Pos) Weight {
	if e.index == nil {
		return Weight{}
	}
	w := Weight{Profiled: true}
	decl := e.enclosingDecl(pos)
	if decl == nil {
		return w // package-level code: runs once
	}
	key := sourceKey(e.pkgPath, decl)
	fnStart, fnEnd := e.fset.Position(decl.Pos()), e.fset.Position(decl.End())
	w.Stale = e.index.stale(key, fnStart.Filename, fnStart.Line, fnEnd.Line)
	if !loopStart.IsValid() || w.Stale {
		w.Share = e.index.share(key, 0, 0)
		return w
	}
	w.Share = e.index.share(key, e.fset.Position(loopStart).Line, e.fset.Position(loopEnd).Line)
	return w
}

// HotFunction reports whether a profile applies and shows decl, a
// function of the package, at or above the threshold: evidence that it
// runs repeatedly, which the source alone may not show (its callers are
// in other packages, or reached through interfaces).
func (e *Evidence) HotFunction(decl *ast.FuncDecl) bool {
	if e.index == nil || decl == nil {
		return false
	}
	share := e.index.share(sourceKey(e.pkgPath, decl), 0, 0)
	return Weight{Profiled: true, Share: share}.Hot()
}

// HotAt reports whether pos lies in a function of the package that
// HotFunction shows hot; package-level positions never do.
func (e *Evidence) HotAt(pos token.Pos) bool {
	return e.HotFunction(e.enclosingDecl(pos))
}

// HotFunc is HotFunction for the SSA form of a declared function; it is
// false for function literals, which count in their enclosing function.
func (e *Evidence) HotFunc(fn *ssa.Function) bool {
	decl, _ := fn.Syntax().(*ast.FuncDecl)
	return e.HotFunction(decl)
}

// enclosingDecl returns the function declaration whose source holds pos.
func (e *Evidence) enclosingDecl(pos token.Pos) *ast.FuncDecl {
	for _, f := range e.files {
		if f.FileStart > pos || pos >= f.FileEnd {
			continue
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Pos() <= pos && pos < fd.End() {
				return fd
			}
		}
	}
	return nil
}

// Hot reports whether a finding with weight w is reported: always
// without a profile, and with one when its share reaches the threshold.
func (w Weight) Hot() bool {
	return !w.Profiled || w.Share*100 >= Threshold && w.Share > 0
}

// Suffix is what a reported finding's message ends with: its share of
// CPU time, or nothing without a profile. ParseSuffix reads it back.
func (w Weight) Suffix() string {
	if !w.Profiled {
		return ""
	}
	if w.Stale {
		return " (" + formatPercent(w.Share) + sharedFunction
	}
	return " (" + formatPercent(w.Share) + sharedLoop
}

const (
	sharedLoop     = " of CPU time in the profile)"
	sharedFunction = " of CPU time in the profile, in the whole function: the profile is older than the source)"
)

func formatPercent(share float64) string {
	return strconv.FormatFloat(share*100, 'f', 1, 64) + "%"
}

// ParseSuffix returns the share a message's suffix states, as a
// fraction, and whether it has one. The suffix may be followed by the
// analyzer's name in parentheses, as drivers print messages.
func ParseSuffix(message string) (share float64, ok bool) {
	if strings.HasSuffix(message, ")") && !strings.HasSuffix(message, sharedLoop) && !strings.HasSuffix(message, sharedFunction) {
		if open := strings.LastIndex(message, " ("); open >= 0 && !strings.Contains(message[open+2:], " ") {
			message = message[:open]
		}
	}
	for _, tail := range []string{sharedLoop, sharedFunction} {
		body, found := strings.CutSuffix(message, tail)
		if !found {
			continue
		}
		open := strings.LastIndex(body, " (")
		if open < 0 {
			return 0, false
		}
		pct, err := strconv.ParseFloat(strings.TrimSuffix(body[open+2:], "%"), 64)
		if err != nil {
			return 0, false
		}
		return pct / 100, true
	}
	return 0, false
}
