// Package scope defines an Analyzer that says in which code of a package
// findings are reported.
//
// Three kinds of code are analysed but not reported on:
//
//   - generated files (see ast.IsGenerated): nobody edits them;
//   - _test.go files, unless the hotness pass's -testfiles is set: tests
//     repeat work on purpose, and their cost is not the program's;
//   - under -dedup, the non-test files of a test variant ("p [p.test]",
//     package p compiled with its in-package tests), which a driver that
//     also analyses package p itself reports there. Standalone perfvet
//     sets -dedup; go vet, which analyses only the test variant, does
//     not.
//
// The contract: Reported(pos) is false exactly for positions in those
// files. In a package made only of such files (an external test package,
// or a test variant under -dedup) nothing is reported, so nothing needs
// building, and MayReport lets a driver see that from file names before
// it parses anything. Passes use it to choose what to build (irbuild
// builds no function for its own sake in code that is not reported,
// though it builds one that reported code calls), and the reporter uses
// it to drop
// findings and to leave the directives of shared files to the package
// that reports them.
package scope

import (
	"go/ast"
	"go/token"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/passes/hotness"
)

// Analyzer computes the reporting scope of a package.
var Analyzer = &analysis.Analyzer{
	Name:       "scope",
	Doc:        "say which files of a package findings are reported in (generated files and shared test-variant code are not)",
	Run:        run,
	ResultType: reflect.TypeFor[*Scope](),
}

// dedup is the -dedup flag: see its usage.
var dedup bool

func init() {
	Analyzer.Flags.BoolVar(&dedup, "dedup", false,
		"in the test variant of a package, report only in its _test.go files: "+
			"for drivers that analyse the package itself too (standalone perfvet), not for go vet, which analyses only the test variant")
}

// Scope is the reporting scope of one package.
type Scope struct {
	fset      *token.FileSet
	generated map[*token.File]bool
	// shared holds the files whose findings another package reports.
	shared map[*token.File]bool
}

// Reported reports whether findings at pos are reported in this
// package: pos is neither in a generated file nor Shared, and in a
// _test.go file only under -testfiles. (The flag is read when asked, as
// the language server sets it between runs.)
func (s *Scope) Reported(pos token.Pos) bool {
	f := s.fset.File(pos)
	return !s.generated[f] && !s.shared[f] && (hotness.TestFiles || !isTestFile(f))
}

// Shared reports whether pos lies in code whose findings, under -dedup,
// the driver reports for another package: the non-test files of a test
// variant, analysed as the package itself too. Analyzers may still read
// that code (a test calls it) but must not report in it, nor call a
// suppression directive there unused.
func (s *Scope) Shared(pos token.Pos) bool {
	return s.shared[s.fset.File(pos)]
}

func run(pass *analysis.Pass) (any, error) {
	s := &Scope{fset: pass.Fset, generated: make(map[*token.File]bool), shared: make(map[*token.File]bool)}
	variant := dedup && IsTestVariant(pass.Fset, pass.Files)
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.Pos())
		if ast.IsGenerated(f) {
			s.generated[tf] = true
		}
		if variant && !isTestFile(tf) {
			s.shared[tf] = true
		}
	}
	return s, nil
}

// IsTestVariant reports whether files are those of a package compiled
// together with its in-package tests: some are _test.go files, some not.
func IsTestVariant(fset *token.FileSet, files []*ast.File) bool {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = fset.File(f.Pos()).Name()
	}
	return isTestVariant(names)
}

// isTestVariant is IsTestVariant on file names.
func isTestVariant(names []string) bool {
	return slices.ContainsFunc(names, isTestName) && slices.ContainsFunc(names, isNotTestName)
}

// MayReport reports whether a package of the named files can have a
// finding reported, judging by names alone: false when every file is a
// _test.go file and -testfiles is off, or, under -dedup, for a test
// variant whose _test.go files are not reported. Such a package need not
// be type-checked or analysed; its generated files, which need parsing
// to recognise, are not considered.
func MayReport(filenames []string) bool {
	if hotness.TestFiles {
		return true
	}
	if dedup && isTestVariant(filenames) {
		return false // its other files are Shared
	}
	return slices.ContainsFunc(filenames, isNotTestName)
}

func isTestFile(f *token.File) bool {
	return f != nil && isTestName(f.Name())
}

func isTestName(name string) bool {
	return strings.HasSuffix(name, "_test.go")
}

func isNotTestName(name string) bool { return !isTestName(name) }
