package main

import (
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// role says how a tool's figures are read.
type role int

const (
	// floor is the no-op analyzer: the cost of loading and type-checking.
	floor role = iota
	// subject is perfvet, whose ratios to the floor are the targets.
	subject
	// profiled is perfvet weighing findings by a CPU profile, whose
	// ratios must stay within 0.05 of the subject's.
	profiled
	// withTests is perfvet reporting in _test.go files too, so that it
	// analyses every unit the floor type-checks.
	withTests
	// warm is perfvet again over unchanged code, from its result
	// cache, whose wall ratio has a target of its own.
	warm
	// reference is a yardstick built here (the buildssa no-op).
	reference
	// peer is another linter users could run instead.
	peer
)

// Peers at pinned versions. staticcheck 2026.2.2 is the first release
// that supports Go 1.26; the others are the newest releases served.
const (
	staticcheckPkg = "honnef.co/go/tools/cmd/staticcheck@v0.8.2"
	gocriticPkg    = "github.com/go-critic/go-critic/cmd/gocritic@v0.15.0"
	preallocPkg    = "github.com/alexkohler/prealloc@v1.1.0"
)

// tool is one command measured on each corpus.
type tool struct {
	Name    string
	Role    role
	Version string
	// What the tool checks, in the table's words.
	Checks string
	Binary string
	// Args come before the package patterns.
	Args []string
	// Env is added to the environment of every run.
	Env []string
	// freshCache, when set, gives each run an empty cache directory
	// (staticcheck would otherwise reuse the previous run's work).
	freshCache bool
	// okStatus lists the exit statuses that mean the tool ran to the
	// end, whether or not it found something.
	okStatus []int
}

// ranToEnd reports whether an exit status means the tool completed.
func (t *tool) ranToEnd(status int) bool {
	for _, s := range t.okStatus {
		if s == status {
			return true
		}
	}
	return false
}

// analysisStatuses are the exit statuses of a go/analysis driver that
// finished: 0 for no diagnostics, 3 for some.
var analysisStatuses = []int{0, 3}

// buildTools builds the floor, the buildssa reference and perfvet from
// this module, and installs the peers, all into work/bin.
func buildTools(root, work, xtoolsVersion string, withPeers bool) ([]*tool, error) {
	bin := filepath.Join(work, "bin")
	build := func(name, pkg string) (string, error) {
		out := filepath.Join(bin, name)
		log.Printf("building %s", pkg)
		if err := goCommand(root, nil, "build", "-o", out, pkg); err != nil {
			return "", fmt.Errorf("building %s: %w", pkg, err)
		}
		return out, nil
	}
	floorBin, err := build("floor", "./testdata/bench/floor")
	if err != nil {
		return nil, err
	}
	perfvetBin, err := build("perfvet", "./cmd/perfvet")
	if err != nil {
		return nil, err
	}
	profile, err := profilePerfvet(root, perfvetBin, work)
	if err != nil {
		return nil, err
	}
	buildCache, err := buildCacheEnv()
	if err != nil {
		return nil, err
	}
	// perfvet's cold runs each start from an empty result cache; the
	// warm runs share one, which the warm-up round fills.
	tools := []*tool{
		{Name: "floor", Role: floor, Version: "golang.org/x/tools " + xtoolsVersion, Checks: "no-op analyzer (load + type-check)",
			Binary: floorBin, okStatus: analysisStatuses},
		{Name: "perfvet", Role: subject, Version: commitOf(root), Checks: "all analyzers, empty result cache",
			Binary: perfvetBin, Env: []string{buildCache}, freshCache: true, okStatus: analysisStatuses},
		{Name: "perfvet-profile", Role: profiled, Version: commitOf(root), Checks: "all analyzers, `-profile` of a perfvet run, empty result cache",
			Binary: perfvetBin, Args: []string{"-profile=" + profile}, Env: []string{buildCache}, freshCache: true, okStatus: analysisStatuses},
		{Name: "perfvet-testfiles", Role: withTests, Version: commitOf(root), Checks: "all analyzers, `-testfiles`: test code reported too, empty result cache",
			Binary: perfvetBin, Args: []string{"-testfiles"}, Env: []string{buildCache}, freshCache: true, okStatus: analysisStatuses},
		{Name: "perfvet-warm", Role: warm, Version: commitOf(root), Checks: "all analyzers, again over unchanged code",
			Binary: perfvetBin, Env: []string{"PERFVET_CACHE=" + filepath.Join(work, "perfvet-cache")}, okStatus: analysisStatuses},
	}
	if !withPeers {
		return tools, nil
	}
	ssaBin, err := build("buildssa", "./testdata/bench/ssafloor")
	if err != nil {
		return nil, err
	}
	tools = append(tools, &tool{Name: "buildssa", Role: reference, Version: "golang.org/x/tools " + xtoolsVersion,
		Checks: "no-op analyzer requiring buildssa", Binary: ssaBin, okStatus: analysisStatuses})
	peers, err := installPeers(bin)
	if err != nil {
		return nil, err
	}
	return append(tools, peers...), nil
}

// profilePerfvet records a CPU profile of perfvet analysing its own
// module: a real profile whose samples fall in the standard library and
// x/tools, the code of both corpora, so that the profiled run weighs
// real findings rather than discarding everything at once.
func profilePerfvet(root, perfvetBin, work string) (string, error) {
	path := filepath.Join(work, "perfvet.pprof")
	log.Printf("profiling perfvet on its own module")
	cmd := exec.Command(perfvetBin, "-cpuprofile="+path, "./...")
	cmd.Dir = root
	cmd.Env = baseEnv()
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("profiling perfvet: %w", err)
	}
	return path, nil
}

// installPeers installs the peer linters with go install at their pinned
// versions, outside any module so that our go.mod does not steer them.
func installPeers(bin string) ([]*tool, error) {
	buildCache, err := buildCacheEnv()
	if err != nil {
		return nil, err
	}
	env := []string{"GOBIN=" + bin, "GOFLAGS=", "GOWORK=off"}
	for _, pkg := range []string{staticcheckPkg, gocriticPkg, preallocPkg} {
		log.Printf("installing %s", pkg)
		if err := goCommand(os.TempDir(), env, "install", pkg); err != nil {
			return nil, fmt.Errorf("installing %s: %w", pkg, err)
		}
	}
	return []*tool{
		{Name: "staticcheck", Role: peer, Version: versionOf(staticcheckPkg), Checks: "`-checks SA6*`, empty cache",
			Binary: filepath.Join(bin, "staticcheck"), Args: []string{"-checks", "SA6*"}, Env: []string{buildCache}, freshCache: true,
			okStatus: []int{0, 1}},
		{Name: "go-critic", Role: peer, Version: versionOf(gocriticPkg), Checks: "`check -enable='#performance'`",
			Binary: filepath.Join(bin, "gocritic"), Args: []string{"check", "-enable=#performance"},
			okStatus: []int{0, 1}},
		{Name: "prealloc", Role: peer, Version: versionOf(preallocPkg), Checks: "default settings",
			Binary: filepath.Join(bin, "prealloc"), okStatus: analysisStatuses},
	}, nil
}

// buildCacheEnv returns GOCACHE set to the go command's build cache. An
// empty cache directory given to a tool (XDG_CACHE_HOME) must not become
// the go command's build cache too, which defaults to one under it:
// compiling every dependency again is not the tool's cost.
func buildCacheEnv() (string, error) {
	out, err := goOutput(".", "env", "GOCACHE")
	if err != nil {
		return "", err
	}
	return "GOCACHE=" + strings.TrimSpace(string(out)), nil
}

// versionOf returns the version part of a module@version argument.
func versionOf(pkgAtVersion string) string {
	_, v, _ := strings.Cut(pkgAtVersion, "@")
	return v
}

// commitOf names the perfvet commit measured, marked when the tree has
// uncommitted changes; "unknown" outside a git checkout.
func commitOf(root string) string {
	out, err := exec.Command("git", "-C", root, "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	commit := strings.TrimSpace(string(out))
	if status, err := exec.Command("git", "-C", root, "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(status) > 0 {
		commit += "+changes"
	}
	return commit
}

// goCommand runs the go command in dir with extra environment, passing
// its output through so that failures explain themselves.
func goCommand(dir string, env []string, args ...string) error {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(baseEnv(), env...)
	cmd.Stdout = os.Stderr
	cmd.Stderr = os.Stderr
	return cmd.Run()
}

// goOutput runs the go command in dir and returns its standard output.
func goOutput(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = baseEnv()
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
	}
	return out, nil
}

// baseEnv is the environment of every command: the caller's, with the
// toolchain pinned to the installed one (a go.mod must not trigger a
// download) and no workspace file in the way.
func baseEnv() []string {
	return append(os.Environ(), "GOTOOLCHAIN=local", "GOWORK=off")
}

// dependencyVersion returns the version of module path that this module
// requires: the floor is built with it, and the x/tools corpus is it.
func dependencyVersion(root, path string) (string, error) {
	out, err := goOutput(root, "list", "-m", "-f", "{{.Version}}", path)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// moduleRoot returns the directory of this module's go.mod.
func moduleRoot() (string, error) {
	out, err := goOutput(".", "env", "GOMOD")
	if err != nil {
		return "", err
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("run bench inside the perfvet module")
	}
	return filepath.Dir(gomod), nil
}
