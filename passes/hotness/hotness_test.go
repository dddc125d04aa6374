package hotness

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/pprof/profile"
)

// src is the package the profiles below describe. Its line numbers are
// part of the test: the profiles sample them.
const src = `package p

func Sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

type T struct{}

func (t *T) Spawn(n int) {
	for i := 0; i < n; i++ {
		go func() { _ = i }()
	}
}

func (t T) Value() {
	for {
		break
	}
}

func Generic[E any](xs []E) {
	for range xs {
	}
}
`

const pkgPath = "example.com/p"

// builder makes CPU profiles sample by sample.
type builder struct {
	p     *profile.Profile
	funcs map[string]*profile.Function
}

func newBuilder() *builder {
	return &builder{
		p: &profile.Profile{
			SampleType: []*profile.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}},
			PeriodType: &profile.ValueType{Type: "cpu", Unit: "nanoseconds"},
			Period:     10_000_000,
		},
		funcs: make(map[string]*profile.Function),
	}
}

// at is one frame: the function symbol, its start line and the sampled line.
type at struct {
	symbol string
	start  int64
	line   int64
}

// sample adds a sample of cpu nanoseconds with the given stack, leaf
// first. Frames in one inner slice are one location: inlined frames.
func (b *builder) sample(cpu int64, stack ...[]at) {
	s := &profile.Sample{Value: []int64{1, cpu}}
	for _, loc := range stack {
		l := &profile.Location{ID: uint64(len(b.p.Location) + 1)}
		for _, fr := range loc {
			l.Line = append(l.Line, profile.Line{Function: b.function(fr.symbol, fr.start), Line: fr.line})
		}
		b.p.Location = append(b.p.Location, l)
		s.Location = append(s.Location, l)
	}
	b.p.Sample = append(b.p.Sample, s)
}

func (b *builder) function(symbol string, start int64) *profile.Function {
	key := fmt.Sprint(symbol, "@", start)
	if f := b.funcs[key]; f != nil {
		return f
	}
	f := &profile.Function{ID: uint64(len(b.p.Function) + 1), Name: symbol, SystemName: symbol, Filename: "/src/p/p.go", StartLine: start}
	b.funcs[key] = f
	b.p.Function = append(b.p.Function, f)
	return f
}

// write writes the profile to a file in dir and returns its path.
func (b *builder) write(t *testing.T, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := b.p.Write(f); err != nil {
		t.Fatal(err)
	}
	return path
}

func stackFrame(symbol string, start, line int64) []at { return []at{{symbol, start, line}} }

// evidence parses src and indexes the profile at paths for it.
func evidence(t *testing.T, paths ...string) (*Evidence, *ast.File) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "/src/p/p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	x, err := Load(paths)
	if err != nil {
		t.Fatal(err)
	}
	return &Evidence{fset: fset, pkgPath: pkgPath, files: []*ast.File{f}, index: x}, f
}

// loopIn returns the span of the first loop of function name in f.
func loopIn(t *testing.T, f *ast.File, name string) (pos, start, end token.Pos) {
	t.Helper()
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Name.Name != name {
			continue
		}
		for _, stmt := range fd.Body.List {
			switch s := stmt.(type) {
			case *ast.ForStmt:
				return s.Body.Lbrace, s.Pos(), s.End()
			case *ast.RangeStmt:
				return s.Body.Lbrace, s.Pos(), s.End()
			}
		}
	}
	t.Fatalf("no loop in %s", name)
	return
}

func wantShare(t *testing.T, what string, w Weight, share float64, stale bool) {
	t.Helper()
	if !w.Profiled || math.Abs(w.Share-share) > 1e-9 || w.Stale != stale {
		t.Errorf("%s: weight %+v, want share %v stale %v", what, w, share, stale)
	}
}

// TestShares checks exact shares for the ways code appears in profiles:
// a loop and its callees, the loop header line, inlined frames,
// recursion counted once, closures started in a loop, methods on
// pointer and value receivers, and generic instantiations.
func TestShares(t *testing.T) {
	b := newBuilder()
	const sum = pkgPath + ".Sum"
	b.sample(10, stackFrame("other.Callee", 1, 7), stackFrame(sum, 3, 6))                 // in Sum's loop, through a callee
	b.sample(5, stackFrame(sum, 3, 5))                                                    // on the loop's header line
	b.sample(20, stackFrame(sum, 3, 8))                                                   // in Sum, after the loop
	b.sample(15, []at{{"other.Inlined", 1, 2}, {sum, 3, 6}})                              // inlined into the loop
	b.sample(10, stackFrame(sum, 3, 6), stackFrame(sum, 3, 6), stackFrame(sum, 3, 8))     // recursion: counted once
	b.sample(20, stackFrame(pkgPath+".(*T).Spawn.func1", 15, 15))                         // goroutine started in the loop
	b.sample(5, stackFrame(pkgPath+".T.Value", 19, 21))                                   // value receiver
	b.sample(10, stackFrame(pkgPath+".Generic[go.shape.int]", 25, 26))                    // generic instantiation
	b.sample(5, stackFrame("runtime.mallocgc", 1, 100), stackFrame("runtime.main", 1, 1)) // elsewhere
	ev, f := evidence(t, b.write(t, t.TempDir(), "cpu.pprof"))

	const total = 100.0
	pos, start, end := loopIn(t, f, "Sum")
	wantShare(t, "loop in Sum", ev.Weigh(pos, start, end), 40/total, false)
	wantShare(t, "Sum outside a loop", ev.Weigh(pos, token.NoPos, token.NoPos), 60/total, false)
	pos, start, end = loopIn(t, f, "Spawn")
	wantShare(t, "loop in (*T).Spawn", ev.Weigh(pos, start, end), 20/total, false)
	pos, start, end = loopIn(t, f, "Value")
	wantShare(t, "loop in T.Value", ev.Weigh(pos, start, end), 5/total, false)
	pos, start, end = loopIn(t, f, "Generic")
	wantShare(t, "loop in Generic", ev.Weigh(pos, start, end), 10/total, false)
}

// TestStaleProfile checks that a profile recorded before the function
// moved falls back to the function's share and says so.
func TestStaleProfile(t *testing.T) {
	b := newBuilder()
	b.sample(30, stackFrame(pkgPath+".Sum", 2, 5)) // Sum started at line 2 then
	b.sample(70, stackFrame(pkgPath+".Sum", 2, 7))
	ev, f := evidence(t, b.write(t, t.TempDir(), "old.pprof"))
	pos, start, end := loopIn(t, f, "Sum")
	w := ev.Weigh(pos, start, end)
	wantShare(t, "stale Sum", w, 1, true)
	if !strings.Contains(w.Suffix(), "older than the source") {
		t.Errorf("suffix %q does not say the profile is older than the source", w.Suffix())
	}

	b = newBuilder()
	b.sample(50, stackFrame(pkgPath+".Sum", 3, 5))
	b.sample(50, stackFrame(pkgPath+".Sum", 3, 40)) // a line Sum no longer reaches
	ev, f = evidence(t, b.write(t, t.TempDir(), "lines.pprof"))
	pos, start, end = loopIn(t, f, "Sum")
	wantShare(t, "Sum sampled outside its lines", ev.Weigh(pos, start, end), 1, true)
}

// TestMergedProfiles checks that shares are over all profiles' samples.
func TestMergedProfiles(t *testing.T) {
	dir := t.TempDir()
	a := newBuilder()
	a.sample(30, stackFrame(pkgPath+".Sum", 3, 6))
	a.sample(10, stackFrame("other.F", 1, 1))
	b := newBuilder()
	b.sample(60, stackFrame("other.F", 1, 1))
	ev, f := evidence(t, a.write(t, dir, "a.pprof"), b.write(t, dir, "b.pprof"))
	pos, start, end := loopIn(t, f, "Sum")
	wantShare(t, "loop in Sum over two profiles", ev.Weigh(pos, start, end), 0.3, false)
}

// TestUnsampled checks that code the profile never reached has share 0,
// which is not hot at any threshold.
func TestUnsampled(t *testing.T) {
	b := newBuilder()
	b.sample(10, stackFrame("other.F", 1, 1))
	ev, f := evidence(t, b.write(t, t.TempDir(), "cpu.pprof"))
	pos, start, end := loopIn(t, f, "Sum")
	w := ev.Weigh(pos, start, end)
	wantShare(t, "unsampled Sum", w, 0, false)
	defer func(old float64) { Threshold = old }(Threshold)
	Threshold = 0
	if w.Hot() {
		t.Error("never-sampled code is hot at threshold 0")
	}
}

func TestThreshold(t *testing.T) {
	defer func(old float64) { Threshold = old }(Threshold)
	Threshold = 2
	for _, tt := range []struct {
		w   Weight
		hot bool
	}{
		{Weight{}, true}, // no profile: the static rules decide
		{Weight{Profiled: true, Share: 0.02}, true},
		{Weight{Profiled: true, Share: 0.0199}, false},
		{Weight{Profiled: true, Share: 0.5}, true},
	} {
		if got := tt.w.Hot(); got != tt.hot {
			t.Errorf("%+v.Hot() = %v at -hot=2, want %v", tt.w, got, tt.hot)
		}
	}
}

func TestSuffixRoundTrip(t *testing.T) {
	for _, w := range []Weight{{Profiled: true, Share: 0.031}, {Profiled: true, Share: 0.5, Stale: true}} {
		msg := "s grows by += (concatloop)" + w.Suffix()
		got, ok := ParseSuffix(msg)
		if !ok || math.Abs(got-w.Share) > 0.0005 {
			t.Errorf("ParseSuffix(%q) = %v, %v; want %v", msg, got, ok, w.Share)
		}
	}
	if got, ok := ParseSuffix("s grows (2.5% of CPU time in the profile) (concatloop)"); !ok || got != 0.025 {
		t.Errorf("ParseSuffix with the analyzer's name after the share = %v, %v; want 0.025", got, ok)
	}
	if _, ok := ParseSuffix("no share here"); ok {
		t.Error("ParseSuffix found a share in a message without one")
	}
	if got := (Weight{Profiled: true, Share: 0.031}).Suffix(); got != " (3.1% of CPU time in the profile)" {
		t.Errorf("suffix %q", got)
	}
}

// TestBadProfiles checks that every kind of unusable file is one error
// naming it.
func TestBadProfiles(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.pprof")
	if err := os.WriteFile(junk, []byte("not a profile"), 0o666); err != nil {
		t.Fatal(err)
	}
	heap := newBuilder()
	heap.p.SampleType = []*profile.ValueType{{Type: "alloc_objects", Unit: "count"}, {Type: "alloc_space", Unit: "bytes"}}
	heap.p.PeriodType = &profile.ValueType{Type: "space", Unit: "bytes"}
	heap.sample(1, stackFrame("other.F", 1, 1))
	empty := newBuilder()
	cases := map[string]string{
		filepath.Join(dir, "missing.pprof"): "no such file",
		junk:                                "not a readable pprof profile",
		heap.write(t, dir, "heap.pprof"):    "not a CPU profile (it holds alloc_objects/count, alloc_space/bytes)",
		empty.write(t, dir, "empty.pprof"):  "has no samples",
	}
	for path, want := range cases {
		_, err := Load([]string{path})
		if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("Load(%s) = %v, want one line naming the file and saying %q", filepath.Base(path), err, want)
		}
	}
}

func TestThresholdFlag(t *testing.T) {
	defer func(old float64) { Threshold = old }(Threshold)
	f := Analyzer.Flags.Lookup("hot")
	if f.DefValue != "1" {
		t.Errorf("-hot defaults to %s, want 1 (docs/profiles.md justifies it)", f.DefValue)
	}
	for _, bad := range []string{"-1", "101", "many", "NaN"} {
		if err := f.Value.Set(bad); err == nil {
			t.Errorf("-hot=%s accepted", bad)
		}
	}
	if err := f.Value.Set("0.5"); err != nil || Threshold != 0.5 {
		t.Errorf("-hot=0.5: error %v, threshold %v", err, Threshold)
	}
}

// TestHotFunction checks the evidence of repetition a profile gives:
// a function at or above the threshold is hot, one below or unsampled
// is not, and without a profile nothing is.
func TestHotFunction(t *testing.T) {
	defer func(old float64) { Threshold = old }(Threshold)
	Threshold = 10
	b := newBuilder()
	b.sample(20, stackFrame(pkgPath+".Sum", 3, 8))
	b.sample(5, stackFrame(pkgPath+".(*T).Spawn", 13, 14))
	b.sample(75, stackFrame("other.F", 1, 1))
	ev, f := evidence(t, b.write(t, t.TempDir(), "cpu.pprof"))
	decls := make(map[string]*ast.FuncDecl)
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			decls[fd.Name.Name] = fd
		}
	}
	for name, want := range map[string]bool{"Sum": true, "Spawn": false, "Value": false} {
		if got := ev.HotFunction(decls[name]); got != want {
			t.Errorf("HotFunction(%s) = %v at -hot=10, want %v", name, got, want)
		}
	}
	if (&Evidence{}).HotFunction(decls["Sum"]) {
		t.Error("HotFunction is true without a profile")
	}
}
