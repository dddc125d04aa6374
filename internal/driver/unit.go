package driver

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// analyzeUnit returns the result of one unit: from the cache when it
// holds the unit's key, else by type-checking and analysing it, and
// storing what came out.
func analyzeUnit(cfg Config, k *keyer, exports *exportView, p *packages.Package) Result {
	if problems := listProblems(p); len(problems) > 0 {
		return Result{ID: p.ID, Problems: problems}
	}
	if cfg.Skip != nil && cfg.Skip(p) {
		return Result{ID: p.ID}
	}
	if cfg.Cache == nil {
		return analyzeFromSource(cfg.Analyzers, p, exports)
	}
	key, err := k.key(p)
	if err != nil {
		return Result{ID: p.ID, Problems: []string{err.Error()}}
	}
	if r, ok := cfg.Cache.get(key); ok {
		r.ID, r.Cached = p.ID, true
		return r
	}
	r := analyzeFromSource(cfg.Analyzers, p, exports)
	if len(r.Problems) == 0 && len(r.AnalyzerErrors) == 0 {
		// A failure may be the machine's (memory, a file being written):
		// only a clean result is worth keeping.
		cfg.Cache.put(key, r)
	}
	return r
}

// listProblems returns, one line each, what the go command found wrong
// with p, or else with the first of its dependencies that does not
// build, without whose export data p cannot be type-checked. A package
// that failed only at its cgo step is not one of those: it is
// type-checked from source (see source.go).
func listProblems(p *packages.Package) []string {
	if cgoStepFailed(p) {
		return nil // analysed from its files all the same
	}
	problems := make([]string, 0, len(p.Errors))
	for _, e := range p.Errors {
		problems = append(problems, DescribeError(p, e))
	}
	if len(problems) > 0 {
		return problems
	}
	var broken *packages.Package
	packages.Visit(slices.Collect(maps.Values(p.Imports)), func(dep *packages.Package) bool {
		if broken == nil && len(dep.Errors) > 0 && !cgoStepFailed(dep) {
			broken = dep
		}
		return broken == nil
	}, nil)
	if broken != nil {
		return []string{fmt.Sprintf("package %s is not analysed: %s", p.PkgPath, DescribeError(broken, broken.Errors[0]))}
	}
	return nil
}

// DescribeError turns an error of package p into one line naming the
// package or pattern and the first problem. The go command reports a
// failed compilation as "# pkg" followed by one line per compiler error;
// the first error stands for the rest.
func DescribeError(p *packages.Package, e packages.Error) string {
	msg := strings.TrimSpace(e.Msg)
	if header, rest, ok := strings.Cut(msg, "\n"); ok && strings.HasPrefix(header, "# ") {
		return fmt.Sprintf("package %s does not compile: %s", p.PkgPath, firstAndCount(strings.Split(strings.TrimSpace(rest), "\n")))
	}
	msg = FirstLine(msg)
	if e.Pos != "" {
		return e.Pos + ": " + msg
	}
	if strings.Contains(msg, p.PkgPath) {
		return msg
	}
	return p.PkgPath + ": " + msg
}

// firstAndCount returns the first of lines, and how many more follow.
func firstAndCount(lines []string) string {
	if n := len(lines) - 1; n > 0 {
		return fmt.Sprintf("%s (and %d more)", strings.TrimSpace(lines[0]), n)
	}
	return strings.TrimSpace(lines[0])
}

// FirstLine returns the first line of s without the go command's
// trailing "; to add it:" advice, whose command follows on the next line.
func FirstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return strings.TrimSuffix(line, "; to add it:")
}

// analyzeFromSource parses and type-checks p against its dependencies'
// export data and runs the analyzers on it. A panic in an analyzer is
// that analyzer's error, so one bug does not end the run.
func analyzeFromSource(as []*analysis.Analyzer, p *packages.Package, exports *exportView) (r Result) {
	r.ID = p.ID
	pkg, problems := typeCheck(p, exports)
	if len(problems) > 0 {
		r.Problems = problems
		return r
	}
	defer func() {
		if e := recover(); e != nil {
			r.AnalyzerErrors = map[string]string{"perfvet": fmt.Sprintf("analysis of %s panicked: %v\n%s", p.ID, e, debug.Stack())}
		}
	}()
	graph, err := checker.Analyze(as, []*packages.Package{pkg}, &checker.Options{Sequential: true})
	if err != nil {
		r.AnalyzerErrors = map[string]string{"perfvet": err.Error()}
		return r
	}
	for _, act := range graph.Roots {
		if act.Err != nil {
			if r.AnalyzerErrors == nil {
				r.AnalyzerErrors = make(map[string]string)
			}
			r.AnalyzerErrors[act.Analyzer.Name] = act.Err.Error()
			continue
		}
		if len(act.Diagnostics) == 0 {
			continue
		}
		if r.Diagnostics == nil {
			r.Diagnostics = make(map[string][]Diagnostic)
		}
		r.Diagnostics[act.Analyzer.Name] = jsonDiagnostics(pkg.Fset, act.Diagnostics)
	}
	return r
}

// typeCheck parses p's files and type-checks them against the export
// data of the packages p imports, as the compiler would. It returns the
// package in the form the checker takes, or the errors that keep it
// from being analysed.
func typeCheck(p *packages.Package, exports *exportView) (*packages.Package, []string) {
	view := exports.forUnit(p)
	info := NewTypesInfo()
	// A unit's package is its own, never the view's: a test variant has
	// the import path of the package it extends.
	tpkg := types.NewPackage(p.PkgPath, p.Name)
	files, problems := view.checkSource(p, tpkg, info)
	view.completeImports(p)
	if len(problems) > 0 {
		return nil, problems
	}
	return &packages.Package{
		ID:              p.ID,
		Name:            p.Name,
		PkgPath:         p.PkgPath,
		GoFiles:         p.GoFiles,
		CompiledGoFiles: p.GoFiles,
		OtherFiles:      p.OtherFiles,
		IgnoredFiles:    p.IgnoredFiles,
		Module:          p.Module,
		Fset:            view.fset,
		Syntax:          files,
		Types:           tpkg,
		TypesInfo:       info,
		TypesSizes:      p.TypesSizes,
	}, nil
}

// NewTypesInfo returns a types.Info recording everything go/packages
// records for a package loaded from source, which is what analyzers
// expect of a pass.
func NewTypesInfo() *types.Info {
	return &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Instances:    make(map[*ast.Ident]types.Instance),
		Scopes:       make(map[ast.Node]*types.Scope),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		FileVersions: make(map[*ast.File]string),
	}
}

// parseFiles parses the named files with comments, as analyzers need
// them for directives.
func parseFiles(fset *token.FileSet, names []string) ([]*ast.File, []string) {
	files := make([]*ast.File, 0, len(names))
	var problems []string
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		files = append(files, f)
	}
	return files, problems
}

// goVersion is the language version p is compiled for: its module's go
// line, as the go command passes it to the compiler.
func goVersion(p *packages.Package) string {
	if p.Module != nil && p.Module.GoVersion != "" {
		return "go" + strings.TrimPrefix(p.Module.GoVersion, "go")
	}
	return ""
}
