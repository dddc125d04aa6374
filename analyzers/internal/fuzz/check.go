package fuzz

import (
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/internal/textedit"
	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/irbuild"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/suppress"
	"github.com/perfvet/perfvet/passes/tripcount"
)

// ErrInvalid marks source that is not a Go package the type checker
// accepts; perfvet makes no promise about such input.
var ErrInvalid = errors.New("not a valid Go package")

// Analyzers returns every registered analyzer, the passes they share
// (run as roots too, so that a pass no analyzer needs yet is covered),
// and a check of the loop forest's structure.
func Analyzers() []*analysis.Analyzer {
	return append(analyzers.Analyzers(),
		irbuild.Analyzer, loops.Analyzer, tripcount.Analyzer, invariant.Analyzer, suppress.Analyzer,
		forestCheck)
}

// Package is a type-checked package of one file.
type Package struct {
	pkg *packages.Package
	src []byte
}

// Load writes src to dir/p.go and type-checks it as package p. The file
// is on disk because analyzers read source text through Pass.ReadFile.
func Load(dir string, src []byte) (*Package, error) {
	path := filepath.Join(dir, "p.go")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		return nil, fmt.Errorf("writing source: %w", err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	info := &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Instances:    make(map[*ast.Ident]types.Instance),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		Scopes:       make(map[ast.Node]*types.Scope),
		FileVersions: make(map[*ast.File]string),
	}
	sizes := types.SizesFor("gc", "amd64")
	conf := types.Config{Importer: importer.ForCompiler(fset, "gc", nil), Sizes: sizes}
	tpkg, err := conf.Check(f.Name.Name, fset, []*ast.File{f}, info)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return &Package{src: src, pkg: &packages.Package{
		ID:              tpkg.Path(),
		Name:            tpkg.Name(),
		PkgPath:         tpkg.Path(),
		GoFiles:         []string{path},
		CompiledGoFiles: []string{path},
		Fset:            fset,
		Syntax:          []*ast.File{f},
		Types:           tpkg,
		TypesInfo:       info,
		TypesSizes:      sizes,
	}}, nil
}

// Analyze runs as on the package and returns the diagnostics of the
// root actions. Any analyzer or pass error is an error; a panic is not
// recovered, so the fuzzer reports it with its input.
func (p *Package) Analyze(as []*analysis.Analyzer) ([]analysis.Diagnostic, error) {
	graph, err := checker.Analyze(as, []*packages.Package{p.pkg}, &checker.Options{Sequential: true})
	if err != nil {
		return nil, fmt.Errorf("analysing: %w", err)
	}
	var diags []analysis.Diagnostic
	var errs []error
	for act := range graph.All() {
		if act.Err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", act.Analyzer.Name, act.Err))
		} else if act.IsRoot {
			diags = append(diags, act.Diagnostics...)
		}
	}
	return diags, errors.Join(errs...)
}

// Fixed returns the source with the first suggested fix of each of
// diags applied, as perfvet -fix would: a fix whose edits overlap those
// of a fix applied before it is skipped, and an edit identical to one
// already applied is merged with it. It returns nil if no fix applies.
func (p *Package) Fixed(diags ...analysis.Diagnostic) ([]byte, error) {
	tf := p.pkg.Fset.File(p.pkg.Syntax[0].FileStart)
	var accepted []textedit.Edit
	applied := make(map[textedit.Edit]bool) // identical edits of two fixes apply once
	for _, d := range diags {
		if len(d.SuggestedFixes) == 0 {
			continue
		}
		fix := d.SuggestedFixes[0]
		spans := make([]textedit.Edit, 0, len(fix.TextEdits))
		for _, e := range fix.TextEdits {
			if p.pkg.Fset.File(e.Pos) != tf {
				return nil, fmt.Errorf("fix %q edits another file", fix.Message)
			}
			end := e.End
			if !end.IsValid() {
				end = e.Pos
			}
			spans = append(spans, textedit.Edit{Start: tf.Offset(e.Pos), End: tf.Offset(end), New: string(e.NewText)})
		}
		if conflicts(accepted, spans) {
			continue
		}
		for _, s := range spans {
			if !applied[s] {
				applied[s] = true
				accepted = append(accepted, s)
			}
		}
	}
	if len(accepted) == 0 {
		return nil, nil
	}
	return textedit.Apply(p.src, accepted)
}

// conflicts reports whether any of spans overlaps, without being
// identical to, one of accepted: the order of the results would be a
// guess. Two edits of one fix overlapping each other conflict too.
func conflicts(accepted, spans []textedit.Edit) bool {
	for i, s := range spans {
		for _, a := range append(slices.Clip(accepted), spans[:i]...) {
			if a != s && textedit.Overlaps(a, s) {
				return true
			}
		}
	}
	return false
}

// Position returns the position of pos as file:line:col.
func (p *Package) Position(pos token.Pos) string {
	return p.pkg.Fset.Position(pos).String()
}

// forestCheck fails when the loop forest breaks the structure the
// analyzers rely on: a loop contains its header and latches, its header
// dominates its latches, its exits leave it, and a nested loop lies
// inside its parent one level deeper.
var forestCheck = &analysis.Analyzer{
	Name:     "forestcheck",
	Doc:      "check the structure of the loop forest and that every loop has a trip count",
	Requires: []*analysis.Analyzer{loops.Analyzer, tripcount.Analyzer},
	Run:      runForestCheck,
}

func runForestCheck(pass *analysis.Pass) (any, error) {
	forest := pass.ResultOf[loops.Analyzer].(*loops.Forest)
	counts := pass.ResultOf[tripcount.Analyzer].(*tripcount.Counts)
	var problems []string
	for _, l := range forest.All {
		for _, p := range loopProblems(l) {
			problems = append(problems, fmt.Sprintf("%s: %s %s", pass.Fset.Position(l.Pos()), l.Describe(), p))
		}
		_ = counts.Of(l).String()
		counts.Hot(l)
		counts.DataDependent(l)
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "\n"))
	}
	return nil, nil
}

// loopProblems lists the ways l breaks the forest's invariants.
func loopProblems(l *loops.Loop) []string {
	var ps []string
	if !l.Contains(l.Header) {
		ps = append(ps, "does not contain its header")
	}
	for _, latch := range l.Latches {
		if !l.Contains(latch) || !l.Header.Dominates(latch) {
			ps = append(ps, fmt.Sprintf("has latch %d outside it or not dominated by its header", latch.Index))
		}
	}
	for _, e := range l.Exits {
		if !l.Contains(e.From) || l.Contains(e.To) {
			ps = append(ps, fmt.Sprintf("has exit %d→%d that does not leave it", e.From.Index, e.To.Index))
		}
	}
	switch {
	case l.Parent == nil && l.Depth != 1:
		ps = append(ps, fmt.Sprintf("is outermost at depth %d", l.Depth))
	case l.Parent != nil && l.Depth != l.Parent.Depth+1:
		ps = append(ps, fmt.Sprintf("is at depth %d inside a loop at depth %d", l.Depth, l.Parent.Depth))
	case l.Parent != nil && l.Parent.Fn == l.Fn:
		for _, b := range l.Blocks() {
			if !l.Parent.Contains(b) {
				ps = append(ps, fmt.Sprintf("has block %d outside its parent", b.Index))
				break
			}
		}
	}
	return ps
}
