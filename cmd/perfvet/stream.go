package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"runtime/trace"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/internal/driver"
	"github.com/perfvet/perfvet/passes/hotness"
	"github.com/perfvet/perfvet/passes/scope"
)

// Environment of the analysis child, set by the supervising perfvet.
const (
	// progressFDEnv names the file descriptor on which the child shows
	// progress: the supervisor's terminal, which the child's buffered
	// standard error is not.
	progressFDEnv = "PERFVET_PROGRESS_FD"
	// cacheEnv overrides the cache directory; "off" disables the cache.
	cacheEnv = "PERFVET_CACHE"
)

// childPartial is the child's exit status when some packages could not
// be analysed but the others were: the supervisor renders their
// findings, then exits with exitFailure.
const childPartial = 4

// streamGCPercent is the streaming driver's garbage-collection target
// (GOGC) unless the environment sets one. The driver keeps only the
// packages in flight and the imported types of each worker, so its live
// heap is small and most of what it allocates dies with a unit: measured
// on x/tools, 200 instead of Go's default 100 cuts a cold run from about
// 1.5x to 1.2x the floor's wall time, for a peak memory of 0.65x the
// floor's instead of 0.52x.
const streamGCPercent = 200

// cacheLimit bounds the result cache; entries hold only findings, so
// this is room for many modules.
const cacheLimit = 512 << 20

// cacheFlag is -cache: see its usage.
var cacheFlag string

// registerCacheFlag defines -cache on fs.
func registerCacheFlag(fs *flag.FlagSet) {
	fs.StringVar(&cacheFlag, "cache", "", "result cache `directory`, or off (default: perfvet in the user cache directory, or $"+cacheEnv+")")
}

// isStreamable reports whether the child's arguments ask for what the
// streaming driver does: findings as JSON. Fixes and diffs still go
// through the driver of golang.org/x/tools, which applies them, and so
// does -debug, whose timings and checks are that driver's.
func isStreamable(args []string, all []*analysis.Analyzer) bool {
	fs, values := shadowFlagSet(all)
	if fs.Parse(args) != nil {
		return false
	}
	return values["json"].set && !values["fix"].set && !values["diff"].set && !values["debug"].set
}

// runStreaming is the analysis child's driver: it analyses each package
// on its own from its dependencies' export data, with the result cache,
// prints go vet's JSON on standard output, and explains every package it
// could not analyse in one line on standard error. See internal/driver.
func runStreaming(all []*analysis.Analyzer) int {
	enabled := registerAnalyzerFlags(flag.CommandLine, all)
	tests := flag.Bool("test", true, "indicates whether test files should be analyzed, too")
	flag.Bool("json", false, "emit JSON output")
	cpuProfile := flag.String("cpuprofile", "", "write CPU profile to this file")
	memProfile := flag.String("memprofile", "", "write memory profile to this file")
	traceFile := flag.String("trace", "", "write trace log to this file")
	for _, name := range driverBoolFlags {
		if flag.Lookup(name) == nil {
			flag.Bool(name, false, "")
		}
	}
	for _, name := range driverValueFlags {
		if flag.Lookup(name) == nil {
			flag.String(name, "", "")
		}
	}
	flag.Parse()
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(streamGCPercent)
	}
	stop, err := startProfiling(*cpuProfile, *memProfile, *traceFile)
	if err != nil {
		fail(err)
	}
	defer stop()
	return analyzeStreaming(enabled(), *tests)
}

// analyzeStreaming runs the streaming driver on the patterns left on the
// command line and prints its results.
func analyzeStreaming(enabled []*analysis.Analyzer, tests bool) int {
	var pgo pgoAssigner
	defer pgo.cleanup()
	cache, err := openCache()
	if err != nil {
		fail(err)
	}
	var salt []byte
	if cache != nil {
		if salt, err = executableDigest(); err != nil {
			fail(err)
		}
	}
	cfg := driver.Config{
		Patterns:  flag.Args(),
		Tests:     tests,
		Analyzers: enabled,
		Cache:     cache,
		Salt:      salt,
		Inputs:    profileInputs(),
		Prepare:   pgo.assign,
		Skip:      reportsNothing,
		FileFlags: []string{"hotness.profile", "hotness.pgomap"},
		Progress:  progressWriter(),
	}
	results, err := driver.Run(cfg)
	if err != nil {
		if bad := (badProfile{}); errors.As(err, &bad) {
			fail(bad.error)
		}
		fail(fmt.Errorf("loading %s: %s", strings.Join(cfg.Patterns, " "), goCommandMessage(err)))
	}
	if len(results) == 0 {
		fail(noPackages(cfg.Patterns, cfg.Tests))
	}
	if cache != nil {
		_ = cache.Trim(cacheLimit) // a full cache only costs misses
	}
	out, err := json.MarshalIndent(driver.Tree(results), "", "\t")
	if err != nil {
		fail(err)
	}
	os.Stdout.Write(append(out, '\n'))
	if reportProblems(results) {
		return childPartial
	}
	return exitClean
}

// reportsNothing is a driver.Config.Skip: a unit in whose files no
// finding can be reported (tests, unless -testfiles) is not analysed.
func reportsNothing(unit *packages.Package) bool {
	return !scope.MayReport(unit.GoFiles)
}

// startProfiling starts what -cpuprofile and -trace ask for, as the
// driver of golang.org/x/tools does, and returns the function that
// stops them and writes -memprofile.
func startProfiling(cpu, mem, tr string) (stop func(), err error) {
	var stops []func()
	stop = func() {
		for _, s := range slices.Backward(stops) {
			s()
		}
	}
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return stop, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return stop, err
		}
		stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
	}
	if tr != "" {
		f, err := os.Create(tr)
		if err != nil {
			return stop, err
		}
		if err := trace.Start(f); err != nil {
			f.Close()
			return stop, err
		}
		stops = append(stops, func() { trace.Stop(); f.Close() })
	}
	if mem != "" {
		stops = append(stops, func() {
			f, err := os.Create(mem)
			if err != nil {
				log.Print(err)
				return
			}
			defer f.Close()
			runtime.GC()
			if err := pprof.WriteHeapProfile(f); err != nil {
				log.Print(err)
			}
		})
	}
	return stop, nil
}

// registerAnalyzerFlags defines, as the x/tools driver does, -NAME to
// enable or disable each analyzer and -NAME.FLAG for its flags, and
// returns a function giving the analyzers to run once the flags are
// parsed: those enabled by name if any is, else all but those disabled.
func registerAnalyzerFlags(fs *flag.FlagSet, all []*analysis.Analyzer) func() []*analysis.Analyzer {
	choices := make([]*enableFlag, len(all))
	for i, a := range all {
		choices[i] = new(enableFlag)
		fs.Var(choices[i], a.Name, "enable "+a.Name+" analysis")
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	return func() []*analysis.Analyzer {
		values := make(map[string]bool)
		for i, a := range all {
			if choices[i].set {
				values[a.Name] = choices[i].on
			}
		}
		var out []*analysis.Analyzer
		for _, a := range all {
			if analyzers.SelectedBy(a.Name, values) {
				out = append(out, a)
			}
		}
		return out
	}
}

// enableFlag is an analyzer's -NAME flag: whether it was given, and
// its value.
type enableFlag struct{ set, on bool }

func (f *enableFlag) IsBoolFlag() bool { return true }
func (f *enableFlag) String() string   { return strconv.FormatBool(f.on) }
func (f *enableFlag) Set(s string) error {
	on, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	f.set, f.on = true, on
	return nil
}

// openCache opens the result cache -cache or $PERFVET_CACHE names, or
// the default one; nil when it is off.
func openCache() (*driver.Cache, error) {
	dir := cacheFlag
	if dir == "" {
		dir = os.Getenv(cacheEnv)
	}
	if dir == "off" {
		return nil, nil
	}
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return nil, nil // no home to keep a cache in: run without one
		}
		dir = filepath.Join(base, "perfvet")
	}
	c, err := driver.OpenCache(dir)
	if err != nil {
		return nil, fmt.Errorf("opening the result cache: %w", err)
	}
	return c, nil
}

// executableDigest identifies this build of perfvet, so that a cached
// result never outlives the code that computed it.
var executableDigest = sync.OnceValues(func() ([]byte, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("finding the perfvet executable: %w", err)
	}
	return driver.FileDigest(self)
})

// profileInputs lists the profiles the findings depend on: -profile's
// files, and the -hotness.pgomap file with every default.pgo it assigns.
func profileInputs() []string {
	var inputs []string
	for _, p := range strings.Split(hotness.Profiles, ",") {
		if p = strings.TrimSpace(p); p != "" {
			inputs = append(inputs, p)
		}
	}
	if hotness.PGOMap == "" {
		return inputs
	}
	inputs = append(inputs, hotness.PGOMap)
	data, err := os.ReadFile(hotness.PGOMap)
	if err != nil {
		return inputs // the analysis reports the unreadable map
	}
	for _, line := range strings.Split(string(data), "\n") {
		if _, profile, ok := strings.Cut(line, "\t"); ok {
			inputs = append(inputs, profile)
		}
	}
	slices.Sort(inputs)
	return slices.Compact(inputs)
}

// progressWriter returns where to show progress: the descriptor the
// supervisor passed, or nil.
func progressWriter() io.Writer {
	fd, err := strconv.Atoi(os.Getenv(progressFDEnv))
	if err != nil || fd < 3 {
		return nil
	}
	return os.NewFile(uintptr(fd), "progress")
}

// reportProblems prints, once each, the lines explaining the packages
// that could not be analysed, and reports whether there were any.
func reportProblems(results []driver.Result) bool {
	seen := make(map[string]bool)
	for _, r := range results {
		for _, p := range r.Problems {
			if !seen[p] {
				seen[p] = true
				log.Print(p)
			}
		}
	}
	return len(seen) > 0
}

// badProfile is a default.pgo that does not load: the hotness pass's
// error, which names the file.
type badProfile struct{ error }

// pgoAssigner finds, when no profile is given, the default.pgo files
// that apply to the listed packages, as go build -pgo=auto does (see
// assignDefaultPGO, which asks the go command instead), and tells the
// hotness pass through a temporary -hotness.pgomap file.
type pgoAssigner struct {
	file string // the map written, removed by cleanup
}

// assign is a driver.Config.Prepare: it returns the map file and the
// profiles it names, whose contents the findings depend on.
func (a *pgoAssigner) assign(units []*packages.Package) ([]string, error) {
	if hotness.Profiles != "" || hotness.PGOMap != "" {
		return nil, nil
	}
	assigned := make(map[string]string)
	var order, profiles []string
	for _, u := range units {
		pgo := defaultPGO(u)
		if pgo == "" {
			continue
		}
		if _, err := hotness.Load([]string{pgo}); err != nil {
			return nil, badProfile{err}
		}
		profiles = append(profiles, pgo)
		packages.Visit([]*packages.Package{u}, nil, func(dep *packages.Package) {
			if _, seen := assigned[dep.PkgPath]; !seen {
				assigned[dep.PkgPath] = pgo
				order = append(order, dep.PkgPath)
			}
		})
	}
	if len(assigned) == 0 {
		return nil, nil
	}
	f, err := os.CreateTemp("", "perfvet-pgo-")
	if err != nil {
		return nil, fmt.Errorf("recording default.pgo assignments: %w", err)
	}
	defer f.Close()
	a.file = f.Name()
	for _, pkg := range order {
		fmt.Fprintf(f, "%s\t%s\n", pkg, assigned[pkg])
	}
	if err := hotness.Analyzer.Flags.Set("pgomap", f.Name()); err != nil {
		return nil, err
	}
	return append(profiles, f.Name()), nil
}

// cleanup removes the map file, if one was written.
func (a *pgoAssigner) cleanup() {
	if a.file != "" {
		os.Remove(a.file)
	}
}

// defaultPGO returns the default.pgo of u if u is a main package (not a
// test variant or test binary) with one in its directory.
func defaultPGO(u *packages.Package) string {
	if u.Name != "main" || u.ID != u.PkgPath || len(u.GoFiles) == 0 || strings.HasSuffix(u.PkgPath, ".test") {
		return ""
	}
	pgo := filepath.Join(filepath.Dir(u.GoFiles[0]), "default.pgo")
	if _, err := os.Stat(pgo); err != nil {
		return ""
	}
	return pgo
}
