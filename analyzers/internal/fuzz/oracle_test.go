package fuzz

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

var oracleSeeds = flag.Int("oracle.seeds", 3, "how many generated programs FuzzTripCounts runs without -fuzz (each is compiled and run: about a second apiece)")

// FuzzTripCounts generates programs of counted loops, runs them, and
// compares how often each loop ran with what tripcount says of it. Run
// it longer with -oracle.seeds=N, or with
//
//	go test -run=NONE -fuzz=FuzzTripCounts ./analyzers/internal/fuzz
func FuzzTripCounts(f *testing.F) {
	for _, seed := range generatorSeeds(*oracleSeeds) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		src, loops := GenerateCounted(data)
		pkg, err := Load(t.TempDir(), src)
		if err != nil {
			t.Fatalf("the generator wrote a program that does not type-check: %v\n%s", err, numbered(src))
		}
		counts, err := pkg.TripCounts()
		if err != nil {
			t.Fatal(err)
		}
		runs := run(t, src)
		if len(runs) != len(loops) {
			t.Fatalf("the program printed %d results for %d loops\n%s", len(runs), len(loops), numbered(src))
		}
		for i, loop := range loops {
			tc, ok := counts[loop.Func]
			if !ok {
				t.Errorf("%s: tripcount found no loop\n%s", loop.Func, numbered(src))
				continue
			}
			if d := Disagreement(tc, loop, runs[i][0], runs[i][1]); d != "" {
				t.Errorf("%s %s\n%s", loop.Func, d, numbered(src))
			}
			t.Logf("%s ran %d times, bound %s = %d: %s", loop.Func, runs[i][0], loop.Bound, runs[i][1], tc)
		}
	})
}

// run builds and runs a generated program in a module of its own and
// returns the count and bound each call of main printed.
func run(t *testing.T, src []byte) [][2]int64 {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module oracle\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "run", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GOTOOLCHAIN=local")
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("running the program: %v\n%s\n%s", err, stderr, numbered(src))
	}
	var runs [][2]int64
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var r [2]int64
		if _, err := fmt.Sscan(sc.Text(), &r[0], &r[1]); err != nil {
			t.Fatalf("reading %q: %v", sc.Text(), err)
		}
		runs = append(runs, r)
	}
	return runs
}

// TestDisagreement checks that the oracle's comparison fails where
// tripcount would be wrong.
func TestDisagreement(t *testing.T) {
	src := []byte("package main\n\nfunc f(n int) (c int) {\n\tfor i := 0; i < n; i++ {\n\t\tc++\n\t}\n\treturn c\n}\n\nfunc g() (c int) {\n\tfor range 4 {\n\t\tc++\n\t}\n\treturn c\n}\n\nfunc main() {}\n")
	pkg, err := Load(t.TempDir(), src)
	if err != nil {
		t.Fatal(err)
	}
	counts, err := pkg.TripCounts()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		fn, bound  string
		ran, value int64
		fails      bool
	}{
		{"f", "int(n)", 5, 5, false},
		{"f", "int(n)", 4, 5, true},
		{"f", "int(n)", 0, -3, false},
		{"f", "len(xs)", 5, 5, true},
		{"g", "", 4, 0, false},
		{"g", "", 3, 0, true},
	} {
		d := Disagreement(counts[tc.fn], CountedLoop{Func: tc.fn, Bound: tc.bound}, tc.ran, tc.value)
		if (d != "") != tc.fails {
			t.Errorf("%s bounded by %q ran %d times with bound %d: disagreement %q, want one: %v", tc.fn, tc.bound, tc.ran, tc.value, d, tc.fails)
		}
	}
}
