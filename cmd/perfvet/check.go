package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/perfvet/perfvet/internal/driver"
)

// loadMode asks the go command for what it knows without type checking
// in this process: files, imports and export data. Building export data
// compiles every package, which reveals syntax and type errors; the
// driver's own load then finds the compiled packages in the build cache.
const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedDeps | packages.NeedExportFile | packages.NeedModule

// checkPackages returns an error, one line per problem, if the packages
// matched by patterns cannot be analysed: a pattern names a file that is
// not Go source, matches nothing, or a matched package or one of its
// dependencies is missing or does not compile. The driver would report
// these too, but as several unpositioned lines per problem, repeated by
// each stage that meets it.
func checkPackages(patterns []string, tests bool) error {
	if err := checkFilePatterns(patterns); err != nil {
		return err
	}

	cfg := &packages.Config{Mode: loadMode, Tests: tests}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return fmt.Errorf("loading %s: %s", strings.Join(patterns, " "), goCommandMessage(err))
	}
	if len(pkgs) == 0 {
		return noPackages(patterns, tests)
	}
	return joinLines(packageProblems(pkgs))
}

// noPackages explains why patterns matched no packages. Asked for export
// data, go/packages ignores the go command's exit status, which a package
// that does not compile also sets, and so drops an error that stopped the
// go command before it listed anything (a -mod flag that a go.work
// forbids). Listing names alone keeps that error.
func noPackages(patterns []string, tests bool) error {
	cfg := &packages.Config{Mode: packages.NeedName, Tests: tests}
	if _, err := packages.Load(cfg, patterns...); err != nil {
		return fmt.Errorf("loading %s: %s", strings.Join(patterns, " "), goCommandMessage(err))
	}
	return fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
}

// checkFilePatterns returns an error, one line per problem, for the
// patterns that name files the go command would misread.
func checkFilePatterns(patterns []string) error {
	var problems []string
	for _, p := range patterns {
		if err := checkFilePattern(p); err != nil {
			problems = append(problems, err.Error())
		}
	}
	return joinLines(problems)
}

// joinLines returns an error whose lines are problems, or nil if there
// are none.
func joinLines(problems []string) error {
	if len(problems) == 0 {
		return nil
	}
	return errors.New(strings.Join(problems, "\n"))
}

// checkFilePattern rejects a pattern naming a .go file that does not
// exist, or an existing file that is not a .go file. The go command
// would take either for an import path, and complain that no module
// provides it or that the standard library has no such package.
func checkFilePattern(pattern string) error {
	isGo := filepath.Ext(pattern) == ".go"
	info, err := os.Stat(pattern)
	switch {
	case isGo && errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file", pattern)
	case err != nil || info.IsDir() || isGo:
		return nil // a package pattern or a Go file: the go command's to judge
	default:
		return fmt.Errorf("%s is not a Go source file; name packages (./...) or .go files", pattern)
	}
}

// packageProblems describes, once each, the errors of pkgs and of their
// dependencies, one line apiece.
func packageProblems(pkgs []*packages.Package) []string {
	var problems []string
	seen := make(map[string]bool)
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			line := driver.DescribeError(p, e)
			if !seen[line] {
				seen[line] = true
				problems = append(problems, line)
			}
		}
	})
	return problems
}

// goCommandMessage returns what matters in an error from running the go
// command: its standard error when there is any ("go: parsing $GOFLAGS:
// ..."), else the error itself, on one line. go/packages wraps both in
// "err: ...: stderr: ...", which reads as noise on a terminal. The
// message is returned as text rather than wrapped because only its
// first line is kept.
func goCommandMessage(err error) string {
	msg := err.Error()
	before, stderr, found := strings.Cut(msg, "stderr: ")
	if found && strings.TrimSpace(stderr) != "" {
		return driver.FirstLine(strings.TrimSpace(stderr))
	}
	if found {
		msg = strings.TrimSuffix(before, ": ")
	}
	return driver.FirstLine(strings.TrimPrefix(msg, "err: "))
}
