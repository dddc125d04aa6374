// Package meta holds the machine-readable metadata of perfvet analyzers
// and extracts their documentation from doc.go.
package meta

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Info describes one analyzer for the registry, the docs generator and
// the meta-tests.
type Info struct {
	Analyzer *analysis.Analyzer
	// Fixes says whether the analyzer offers suggested fixes; the
	// meta-tests require .golden files exactly when it does.
	Fixes bool
	// Tags say what the pattern costs, for grouping analyzers.
	Tags []Tag
}

// Tag names a kind of cost an analyzer's pattern has.
type Tag string

// The tags, one per kind of cost. An analyzer has one or more.
const (
	// Alloc: allocation and copying that a different construction avoids.
	Alloc Tag = "alloc"
	// CPU: computation repeated where once would do, or a slower
	// algorithm where a faster one fits.
	CPU Tag = "cpu"
	// Concurrency: goroutines and their limits.
	Concurrency Tag = "concurrency"
	// Resources: connections, file handles and stack slots held longer
	// or created more often than needed.
	Resources Tag = "resources"
)

// Tags lists every tag.
var Tags = []Tag{Alloc, CPU, Concurrency, Resources}

// URL returns the documentation address of the analyzer called name.
func URL(name string) string {
	return "https://github.com/perfvet/perfvet/blob/main/docs/analyzers/" + name + ".md"
}

// MustExtractDoc returns the documentation of the analyzer called name
// from the source of its doc.go: the section under the heading
// "# Analyzer name" of the package comment, whose first line has the form
// "name: summary". It panics if the section is missing, which the
// analyzer's own tests catch at once.
func MustExtractDoc(src, name string) string {
	doc, err := ExtractDoc(src, name)
	if err != nil {
		panic(err)
	}
	return doc
}

// ExtractDoc is MustExtractDoc returning an error.
func ExtractDoc(src, name string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", src, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", fmt.Errorf("parsing doc.go of %s: %w", name, err)
	}
	if f.Doc == nil {
		return "", fmt.Errorf("doc.go of %s has no package comment", name)
	}
	return extractSection(f.Doc, name)
}

func extractSection(doc *ast.CommentGroup, name string) (string, error) {
	text := doc.Text()
	heading := "# Analyzer " + name
	_, section, ok := strings.Cut(text, heading+"\n")
	if !ok {
		return "", fmt.Errorf("package comment of %s has no %q heading", name, heading)
	}
	if next := strings.Index(section, "\n# "); next >= 0 {
		section = section[:next]
	}
	section = strings.TrimSpace(section)
	if !strings.HasPrefix(section, name+": ") {
		return "", fmt.Errorf("section %q must start with %q", heading, name+": summary")
	}
	return section, nil
}

// Summary returns the one-line summary of an analyzer's documentation.
func Summary(a *analysis.Analyzer) string {
	first, _, _ := strings.Cut(a.Doc, "\n")
	return strings.TrimPrefix(first, a.Name+": ")
}
