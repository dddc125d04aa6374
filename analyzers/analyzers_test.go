package analyzers_test

import (
	"bytes"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/analyzers/internal/docgen"
	"github.com/perfvet/perfvet/analyzers/internal/meta"
)

var update = flag.Bool("update", false, "rewrite docs/analyzers/*.md from the analyzers' doc.go")

func TestRegistryValidates(t *testing.T) {
	if err := analysis.Validate(analyzers.Analyzers()); err != nil {
		t.Fatal(err)
	}
}

// TestConventions enforces the layout every analyzer follows, so that a
// new analyzer cannot quietly skip a part of it.
func TestConventions(t *testing.T) {
	seen := make(map[string]bool)
	for _, info := range analyzers.All {
		a := info.Analyzer
		t.Run(a.Name, func(t *testing.T) {
			if seen[a.Name] {
				t.Fatalf("analyzer %s registered twice", a.Name)
			}
			seen[a.Name] = true
			checkName(t, a)
			checkDoc(t, a)
			checkTestdata(t, info)
			checkCostBenchmark(t, a.Name)
			checkTags(t, info)
			checkUsesAPI(t, a.Name)
		})
	}
}

func checkName(t *testing.T, a *analysis.Analyzer) {
	if !regexp.MustCompile(`^[a-z]+$`).MatchString(a.Name) {
		t.Errorf("name %q: want one lowercase word", a.Name)
	}
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(a.Name, "doc.go"), nil, parser.PackageClauseOnly)
	if err != nil {
		t.Fatalf("directory analyzers/%s must hold doc.go: %v", a.Name, err)
	}
	if f.Name.Name != a.Name {
		t.Errorf("package %s in directory %s: want them equal", f.Name.Name, a.Name)
	}
	if a.URL != meta.URL(a.Name) {
		t.Errorf("URL %q, want %q", a.URL, meta.URL(a.Name))
	}
}

func checkDoc(t *testing.T, a *analysis.Analyzer) {
	src, err := os.ReadFile(filepath.Join(a.Name, "doc.go"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := meta.ExtractDoc(string(src), a.Name)
	if err != nil {
		t.Fatal(err)
	}
	if doc != a.Doc {
		t.Errorf("Analyzer.Doc is not the %q section of doc.go", "# Analyzer "+a.Name)
	}
	summary := meta.Summary(a)
	if summary == "" || strings.HasSuffix(summary, ".") || strings.ToLower(summary[:1]) != summary[:1] {
		t.Errorf("summary %q: want a lowercase phrase without a final period", summary)
	}
	if !strings.Contains(a.Doc, "Before:") || !strings.Contains(a.Doc, "After:") {
		t.Errorf("doc has no Before/After example")
	}
}

func checkTestdata(t *testing.T, info meta.Info) {
	dir := filepath.Join(info.Analyzer.Name, "testdata", "src")
	for _, pattern := range []string{"*/bad_*.go", "*/good_*.go"} {
		if m, _ := filepath.Glob(filepath.Join(dir, pattern)); len(m) == 0 {
			t.Errorf("no %s under %s", pattern, dir)
		}
	}
	golden, _ := filepath.Glob(filepath.Join(dir, "*", "*.golden"))
	if info.Fixes != (len(golden) > 0) {
		t.Errorf("Fixes is %v but %s has %d .golden files: suggested fixes need golden files, and only they", info.Fixes, dir, len(golden))
	}
}

func checkCostBenchmark(t *testing.T, name string) {
	src, err := os.ReadFile(filepath.Join(name, "cost_test.go"))
	if err != nil {
		t.Fatalf("every analyzer proves its pattern is slow in cost_test.go: %v", err)
	}
	if !bytes.Contains(src, []byte("func Benchmark")) {
		t.Errorf("%s/cost_test.go has no benchmark", name)
	}
}

func checkTags(t *testing.T, info meta.Info) {
	if len(info.Tags) == 0 {
		t.Errorf("no tags: declare what the pattern costs (one or more of %v)", meta.Tags)
	}
	seen := make(map[meta.Tag]bool)
	for _, tag := range info.Tags {
		if !slices.Contains(meta.Tags, tag) || seen[tag] {
			t.Errorf("tag %q: want each of %v at most once", tag, meta.Tags)
		}
		seen[tag] = true
	}
}

// checkUsesAPI fails when the analyzer's code goes around the lint API:
// reads pass.ResultOf (Pass has a typed method per shared result),
// makes its own reporter (whose directives the directives analyzer
// would never see), reports through the analysis.Pass (by convention
// called pass) or declares an analysis.Analyzer itself (lint.Define
// does, with the shared prerequisites).
func checkUsesAPI(t *testing.T, name string) {
	files, err := filepath.Glob(filepath.Join(name, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if what := bypass(n); what != "" {
				t.Errorf("%s: %s; use the lint API (analyzers/internal/lint)", fset.Position(n.Pos()), what)
			}
			return true
		})
	}
}

// bypass says how n goes around the lint API, or "".
func bypass(n ast.Node) string {
	switch n := n.(type) {
	case *ast.SelectorExpr:
		pkg, _ := n.X.(*ast.Ident)
		switch {
		case n.Sel.Name == "ResultOf":
			return "reads ResultOf"
		case pkg != nil && pkg.Name == "report" && n.Sel.Name == "New":
			return "makes its own reporter"
		case pkg != nil && pkg.Name == "pass" && (n.Sel.Name == "Report" || n.Sel.Name == "Reportf"):
			return "reports through the analysis.Pass, around suppression and evidence"
		}
	case *ast.CompositeLit:
		if sel, ok := n.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "Analyzer" {
			if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "analysis" {
				return "declares an analysis.Analyzer"
			}
		}
	}
	return ""
}

// TestDirectivesJudgeAll checks that the directives analyzer requires
// every analyzer, whose results tell it which directives were used.
func TestDirectivesJudgeAll(t *testing.T) {
	for _, info := range analyzers.All {
		if !slices.Contains(analyzers.Directives.Requires, info.Analyzer) {
			t.Errorf("directives does not require %s: its directives would all look unused", info.Analyzer.Name)
		}
	}
	if as := analyzers.Analyzers(); as[len(as)-1] != analyzers.Directives {
		t.Errorf("Analyzers() does not run the directives analyzer")
	}
}

// TestDocs fails when docs/analyzers/<name>.md is stale; run `make docs`.
func TestDocs(t *testing.T) {
	for _, info := range analyzers.All {
		path := filepath.Join("..", "docs", "analyzers", info.Analyzer.Name+".md")
		want := docgen.Render(info)
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is stale or missing; run `make docs`", path)
		}
	}
}
