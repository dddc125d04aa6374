// Package lint is the API a perfvet analyzer is written against.
//
// An analyzer declares itself with an [Analyzer]: name, doc.go source,
// whether it offers fixes, tags, flags and a Run function. [Define] turns
// the declaration into the plain *analysis.Analyzer that go vet, the
// golangci-lint plugin and the standalone driver run, with the shared
// passes as prerequisites, and into the analyzer's registry entry. Run
// gets a [Pass]: the analysis pass, typed access to the shared passes'
// results (Loops, Counts, Invariant, IR, Evidence, Directives), and
// Report and InLoop, which go through the reporter: reporting scope,
// suppression directives and the evidence rules (see package report).
// An analyzer never reads pass.ResultOf itself; the meta-tests fail if
// one does.
//
// Whether a suppression directive is malformed, lacks a reason, names a
// misspelt analyzer or suppresses nothing is the question of one
// analyzer, [Directives], which the registry runs beside the others:
// each analyzer's result is the record of the directives its findings
// used, and the directives analyzer, which requires every analyzer,
// reads them all and reports each directive at most once, for every
// package. See [Directives] for when a directive counts as unused.
package lint

import (
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"reflect"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers/internal/meta"
	"github.com/perfvet/perfvet/analyzers/internal/report"
	"github.com/perfvet/perfvet/passes/effects"
	"github.com/perfvet/perfvet/passes/hotness"
	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/irbuild"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/scope"
	"github.com/perfvet/perfvet/passes/sizes"
	"github.com/perfvet/perfvet/passes/suppress"
	"github.com/perfvet/perfvet/passes/tripcount"
)

// Analyzer declares one perfvet analyzer.
type Analyzer struct {
	// Name is the analyzer's name: its directory, package, flag and the
	// word directives name it by.
	Name string
	// Doc is the source of the analyzer's doc.go (embedded); the section
	// "# Analyzer <Name>" of its package comment becomes the
	// documentation.
	Doc string
	// Fixes says whether the analyzer offers suggested fixes.
	Fixes bool
	// Tags say what the pattern costs.
	Tags []Tag
	// Flags are the analyzer's options (-<name>.<flag>).
	Flags flag.FlagSet
	// Requires lists passes the analyzer needs beyond the shared ones
	// that Pass gives access to.
	Requires []*analysis.Analyzer
	// Run analyses one package. Its first result is discarded: what an
	// analyzer hands on (the directives it used) the Pass records itself.
	Run func(*Pass) (any, error)
}

// shared are the passes every perfvet analyzer requires: those the
// reporter reads and those Pass gives typed access to. Requiring them
// all costs nothing in a full run, where each is computed once per
// package anyway; the loop passes are lazy where they could be costly.
var shared = []*analysis.Analyzer{
	suppress.Analyzer, scope.Analyzer, irbuild.Analyzer, hotness.Analyzer,
	loops.Analyzer, tripcount.Analyzer, invariant.Analyzer, effects.Analyzer,
	sizes.Analyzer,
}

// defined maps each analyzer Define made to its declaration.
var defined sync.Map // *analysis.Analyzer -> *Analyzer

// Define returns the registry entry of the analyzer a declares, whose
// Analyzer field is the *analysis.Analyzer drivers run. It registers the
// name for suppression directives.
func Define(a Analyzer) meta.Info {
	decl := &a
	an := &analysis.Analyzer{
		Name:       a.Name,
		Doc:        meta.MustExtractDoc(a.Doc, a.Name),
		URL:        meta.URL(a.Name),
		Requires:   requires(a.Requires),
		Run:        func(pass *analysis.Pass) (any, error) { return decl.run(pass) },
		Flags:      a.Flags,
		ResultType: reflect.TypeFor[*Outcome](),
	}
	suppress.Register(a.Name)
	defined.Store(an, decl)
	return meta.Info{Analyzer: an, Fixes: a.Fixes, Tags: a.Tags}
}

// requires returns the shared passes followed by those of own that are
// not among them.
func requires(own []*analysis.Analyzer) []*analysis.Analyzer {
	reqs := slices.Clone(shared)
	for _, a := range own {
		//perfvet:ignore membership a dozen passes, once per analyzer at init
		if !slices.Contains(reqs, a) {
			reqs = append(reqs, a)
		}
	}
	return reqs
}

// run runs the analyzer on pass and returns the record of the
// directives its findings used; nothing, cheaply, when the driver's
// command line leaves the analyzer out of this run (see selected).
func (a *Analyzer) run(pass *analysis.Pass) (*Outcome, error) {
	if !selected(a.Name) {
		return &Outcome{}, nil
	}
	p := &Pass{Pass: pass, reporter: report.New(pass)}
	if _, err := a.Run(p); err != nil {
		return nil, err
	}
	return &Outcome{reporter: p.reporter}, nil
}

// Outcome is an analyzer's result: which directives its findings used
// in the package, for the directives analyzer.
type Outcome struct {
	// reporter recorded the findings; nil when the analyzer did not run.
	reporter *report.Reporter
}

// judges reports whether the run can tell the analyzer's directives
// unused: it ran, and looked for its findings (see report.Reporter.Judges).
func (o *Outcome) judges() bool { return o.reporter != nil && o.reporter.Judges() }

// used reports whether d suppressed one of the run's findings.
func (o *Outcome) used(d *suppress.Directive) bool {
	return o.reporter != nil && o.reporter.Used(d)
}

// Pass is what an analyzer's Run gets: the analysis pass, the shared
// passes' results, and reporting through the reporter. The embedded
// *analysis.Pass reports unfiltered; analyzers report through Pass's
// own Report, Reportf and InLoop, or the Reporter they hand on.
type Pass struct {
	*analysis.Pass
	reporter *report.Reporter
}

// Loops returns the natural loops of the package's functions.
func (p *Pass) Loops() *loops.Forest { return p.ResultOf[loops.Analyzer].(*loops.Forest) }

// Counts returns the loops' trip counts and hotness.
func (p *Pass) Counts() *tripcount.Counts { return p.ResultOf[tripcount.Analyzer].(*tripcount.Counts) }

// Invariant returns the loop-invariance oracle.
func (p *Pass) Invariant() *invariant.Oracle {
	return p.ResultOf[invariant.Analyzer].(*invariant.Oracle)
}

// Effects returns the memory model: what loops, calls and functions may
// write.
func (p *Pass) Effects() *effects.Model { return p.ResultOf[effects.Analyzer].(*effects.Model) }

// Sizes returns the size lattice: how big values are.
func (p *Pass) Sizes() *sizes.Sizes { return p.ResultOf[sizes.Analyzer].(*sizes.Sizes) }

// IR returns the package's SSA form.
func (p *Pass) IR() *irbuild.IR { return p.ResultOf[irbuild.Analyzer].(*irbuild.IR) }

// Evidence returns the profile evidence for the package.
func (p *Pass) Evidence() *hotness.Evidence { return p.ResultOf[hotness.Analyzer].(*hotness.Evidence) }

// Directives returns the package's suppression directives. Analyzers
// need not consult them: Report applies them.
func (p *Pass) Directives() *suppress.Directives {
	return p.ResultOf[suppress.Analyzer].(*suppress.Directives)
}

// Reporter returns the reporter of this run, for code that reports
// away from Run.
func (p *Pass) Reporter() *report.Reporter { return p.reporter }

// Report reports d through the reporter (see report.Reporter.Report).
func (p *Pass) Report(d analysis.Diagnostic) { p.reporter.Report(d) }

// Reportf reports a finding at pos through the reporter.
func (p *Pass) Reportf(pos token.Pos, format string, args ...any) {
	p.reporter.Report(analysis.Diagnostic{Pos: pos, Message: fmt.Sprintf(format, args...)})
}

// InLoop reports a finding on node inside loop l through the reporter
// (see report.Reporter.InLoop).
func (p *Pass) InLoop(node ast.Node, l *loops.Loop, message string, fixes ...analysis.SuggestedFix) {
	p.reporter.InLoop(node, l, message, fixes...)
}

// Tag names a kind of cost an analyzer's pattern has (see meta.Tag).
type Tag = meta.Tag

// The tags an analyzer declares.
const (
	Alloc       = meta.Alloc
	CPU         = meta.CPU
	Concurrency = meta.Concurrency
	Resources   = meta.Resources
)
