package main

import (
	"flag"
	"io"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers"
)

// registerPassFlags exposes the flags of the shared passes on fs as
// -<pass>.<flag> (-tripcount.cold). The driver registers the flags of the
// analyzers it is given, but not of their prerequisites; registering
// them here, before the driver parses, makes them work standalone and
// lists them in -flags, from which go vet learns what it may pass on.
func registerPassFlags(fs *flag.FlagSet) {
	for _, pass := range analyzers.Passes() {
		pass.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, pass.Name+"."+f.Name, f.Usage)
		})
	}
}

// Flags the analysis driver of golang.org/x/tools v0.52.0 defines itself,
// by whether they take a value. standalonePatterns must know which flags
// consume the next argument to find where the patterns start;
// TestDriverFlagsKnown fails if an upgrade of x/tools changes the set.
var (
	driverBoolFlags  = []string{"V", "all", "diff", "fix", "flags", "json", "source", "test", "v"}
	driverValueFlags = []string{"c", "cpuprofile", "debug", "memprofile", "tags", "trace"}
)

// withDefaultPattern returns args with the pattern ./... appended when
// they name no package and ask for nothing else (help, -flags, -V): run
// with no packages, perfvet checks the module in the current directory.
func withDefaultPattern(args []string, all []*analysis.Analyzer) []string {
	fs, values := shadowFlagSet(all)
	if fs.Parse(args) != nil || fs.NArg() > 0 || values["flags"].set || values["V"].set {
		return args
	}
	return append(args[:len(args):len(args)], "./...")
}

// standalonePatterns parses args the way the driver will, without
// changing any flag, and returns the package patterns and the value of
// -test when the driver is going to load packages itself. ok is false in
// the other modes (vet tool, help, -flags, -V) and when args do not
// parse: the driver then handles them and reports any flag error.
func standalonePatterns(args []string, all []*analysis.Analyzer) (patterns []string, tests, ok bool) {
	fs, values := shadowFlagSet(all)
	if fs.Parse(args) != nil {
		return nil, false, false
	}
	rest := fs.Args()
	switch {
	case len(rest) == 0, rest[0] == "help":
		return nil, false, false
	case len(rest) == 1 && strings.HasSuffix(rest[0], ".cfg"):
		return nil, false, false
	case values["flags"].set || values["V"].set:
		return nil, false, false
	}
	tests = true
	if t := values["test"]; t.set {
		b, err := strconv.ParseBool(t.value)
		if err != nil {
			return nil, false, false
		}
		tests = b
	}
	return rest, tests, true
}

// shadowFlagSet returns a flag set with the same flags as the driver's
// command line, each recording its value instead of setting it, and the
// recorded values by flag name.
func shadowFlagSet(all []*analysis.Analyzer) (*flag.FlagSet, map[string]*shadowValue) {
	fs := flag.NewFlagSet("perfvet", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	values := make(map[string]*shadowValue)
	add := func(name string, isBool bool) {
		if fs.Lookup(name) != nil {
			return // defined twice: the driver will report the clash
		}
		v := &shadowValue{isBool: isBool}
		values[name] = v
		fs.Var(v, name, "")
	}
	flag.CommandLine.VisitAll(func(f *flag.Flag) { add(f.Name, isBoolFlag(f.Value)) })
	for _, a := range all {
		add(a.Name, true)
		a.Flags.VisitAll(func(f *flag.Flag) { add(a.Name+"."+f.Name, isBoolFlag(f.Value)) })
	}
	for _, name := range driverBoolFlags {
		add(name, true)
	}
	for _, name := range driverValueFlags {
		add(name, false)
	}
	return fs, values
}

// isBoolFlag reports whether v is a flag that takes no value, as the
// flag package decides it.
func isBoolFlag(v flag.Value) bool {
	b, ok := v.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// shadowValue is a flag.Value that records what it is set to.
type shadowValue struct {
	isBool bool
	set    bool
	value  string
}

func (v *shadowValue) String() string   { return v.value }
func (v *shadowValue) IsBoolFlag() bool { return v.isBool }

// Set accepts any value: checking it is the driver's job.
func (v *shadowValue) Set(s string) error {
	v.set, v.value = true, s
	return nil
}
