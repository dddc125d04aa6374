package fuzz

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// FuzzGenerated feeds generated packages to every analyzer and pass. Run
// it with
//
//	go test -run=NONE -fuzz=FuzzGenerated -fuzzminimizetime=3s ./analyzers/internal/fuzz
//
// (the fuzzer minimizes every input that adds coverage, each try a whole
// analysis: the default minute per input stalls it). Without -fuzz, its
// seeds run as a unit test. A failing input lands in testdata/fuzz: keep
// it there, as a seed that guards the fix.
func FuzzGenerated(f *testing.F) {
	for _, seed := range generatorSeeds(40) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		src := Generate(data)
		pkg, err := Load(t.TempDir(), src)
		if err != nil {
			t.Fatalf("the generator wrote a package that does not type-check: %v\n%s", err, numbered(src))
		}
		check(t, pkg, src)
	})
}

// FuzzSource feeds source text to every analyzer and pass, skipping what
// does not type-check. Its seeds are hand-written hard cases.
func FuzzSource(f *testing.F) {
	seeds, err := filepath.Glob(filepath.Join("testdata", "hard", "*.go"))
	if err != nil {
		f.Fatal(err)
	}
	for _, path := range seeds {
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, src := range builtSeeds() {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		pkg, err := Load(t.TempDir(), src)
		if errors.Is(err, ErrInvalid) {
			t.Skip(err)
		} else if err != nil {
			t.Fatal(err)
		}
		check(t, pkg, src)
	})
}

// TestHardCasesTypeCheck keeps the hand-written seeds valid: a seed that
// does not type-check would be skipped and test nothing.
func TestHardCasesTypeCheck(t *testing.T) {
	seeds, err := filepath.Glob(filepath.Join("testdata", "hard", "*.go"))
	if err != nil || len(seeds) == 0 {
		t.Fatalf("no hard cases under testdata/hard: %v", err)
	}
	sources := make(map[string][]byte)
	for i, src := range builtSeeds() {
		sources[fmt.Sprintf("built seed %d", i)] = src
	}
	for _, path := range seeds {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sources[path] = src
	}
	for name, src := range sources {
		if _, err := Load(t.TempDir(), src); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// fixesCheckedAlone bounds how many fixes of one input are applied and
// type-checked one at a time; all of them are also applied together.
const fixesCheckedAlone = 8

// check runs every analyzer and pass on pkg and fails on every problem
// that problems finds.
func check(t *testing.T, pkg *Package, src []byte) {
	t.Helper()
	for _, p := range problems(t, pkg, src) {
		t.Error(p)
	}
}

// problems runs every analyzer and pass on pkg and describes what went
// wrong: an analyzer or pass error, or a suggested fix that, alone or
// together with the others, leaves a package that does not type-check.
func problems(t *testing.T, pkg *Package, src []byte) []string {
	diags, err := pkg.Analyze(Analyzers())
	if err != nil {
		return []string{fmt.Sprintf("%v\n%s", err, numbered(src))}
	}
	var fixable []analysis.Diagnostic
	for _, d := range diags {
		if len(d.SuggestedFixes) > 0 {
			fixable = append(fixable, d)
		}
	}
	var ps []string
	for _, d := range fixable[:min(len(fixable), fixesCheckedAlone)] {
		if p := fixProblem(t, pkg, fmt.Sprintf("%s: the fix of %q", pkg.Position(d.Pos), d.Message), d); p != "" {
			ps = append(ps, p)
		}
	}
	if len(fixable) > 1 {
		if p := fixProblem(t, pkg, "all fixes together", fixable...); p != "" {
			ps = append(ps, p)
		}
	}
	return ps
}

// fixProblem applies the fixes of diags and type-checks the result,
// describing what went wrong, if anything.
func fixProblem(t *testing.T, pkg *Package, what string, diags ...analysis.Diagnostic) string {
	fixed, err := pkg.Fixed(diags...)
	if err != nil {
		return fmt.Sprintf("%s: %v", what, err)
	}
	if _, err := Load(t.TempDir(), fixed); err != nil {
		return fmt.Sprintf("%s breaks the build: %v\n%s", what, err, numbered(fixed))
	}
	return ""
}

// builtSeeds returns the hard cases too large to write by hand.
func builtSeeds() [][]byte {
	return [][]byte{hugeFunction(400), deepNesting(40), oneStringManyLoops(50)}
}

// generatorSeeds returns n pseudo-random inputs of various lengths, the
// same on every run.
func generatorSeeds(n int) [][]byte {
	r := rand.New(rand.NewPCG(1, 2))
	seeds := make([][]byte, n)
	for i := range seeds {
		seeds[i] = make([]byte, 16+r.IntN(400))
		for j := range seeds[i] {
			seeds[i][j] = byte(r.Uint32())
		}
	}
	return seeds
}

// hugeFunction returns a package with one function of n loops, each
// growing its own string, appending to a shared slice and storing into
// a shared map.
func hugeFunction(n int) []byte {
	var b strings.Builder
	b.WriteString("package p\n\nfunc huge(xs []int, s string) ([]string, []int, map[int]int) {\n\tvar strs []string\n\tvar out []int\n\tm := map[int]int{}\n")
	for i := range n {
		fmt.Fprintf(&b, "\tacc%d := \"\"\n\tfor i, x := range xs {\n\t\tacc%d += s\n\t\tout = append(out, x+i)\n\t\tm[x] = %d\n\t}\n\tstrs = append(strs, acc%d)\n", i, i, i, i)
	}
	b.WriteString("\treturn strs, out, m\n}\n")
	return []byte(b.String())
}

// oneStringManyLoops returns a package with one function of n loops that
// all grow the same string, each finding's fix rewriting every loop.
func oneStringManyLoops(n int) []byte {
	var b strings.Builder
	b.WriteString("package p\n\nfunc grow(xs []int, s string) string {\n\tacc := \"\"\n")
	for range n {
		b.WriteString("\tfor range xs {\n\t\tacc += s\n\t}\n")
	}
	b.WriteString("\treturn acc\n}\n")
	return []byte(b.String())
}

// deepNesting returns a package with depth loops nested in one another,
// the innermost continuing the outermost by label.
func deepNesting(depth int) []byte {
	var b strings.Builder
	b.WriteString("package p\n\nfunc deep(xs []int, s string) string {\n\tacc := \"\"\nouter:\n")
	for i := range depth {
		fmt.Fprintf(&b, "%sfor i%d := range xs {\n", strings.Repeat("\t", i+1), i)
		fmt.Fprintf(&b, "%s_ = i%d\n", strings.Repeat("\t", i+2), i)
	}
	fmt.Fprintf(&b, "%sacc += s\n%sif len(acc) > 10 {\n%scontinue outer\n%s}\n",
		strings.Repeat("\t", depth+1), strings.Repeat("\t", depth+1), strings.Repeat("\t", depth+2), strings.Repeat("\t", depth+1))
	for i := depth; i > 0; i-- {
		fmt.Fprintf(&b, "%s}\n", strings.Repeat("\t", i))
	}
	b.WriteString("\treturn acc\n}\n")
	return []byte(b.String())
}

// numbered returns src with line numbers, for failure messages.
func numbered(src []byte) string {
	var b strings.Builder
	for i, line := range strings.Split(string(src), "\n") {
		fmt.Fprintf(&b, "%4d  %s\n", i+1, line)
	}
	return b.String()
}
