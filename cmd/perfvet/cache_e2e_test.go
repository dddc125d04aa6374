package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// cacheModule is a module of three packages: b imports a, c stands
// alone, and each has a concatloop finding.
var cacheModule = map[string]string{
	"go.mod": "module example.com/cached\n\ngo 1.22\n",
	"a/a.go": "package a\n\n// Join concatenates xs.\nfunc Join(xs []string) string {\n\tout := \"\"\n\tfor _, x := range xs {\n\t\tout += x\n\t}\n\treturn out\n}\n",
	"b/b.go": "package b\n\nimport \"example.com/cached/a\"\n\n// Pairs joins each of xs with itself.\nfunc Pairs(xs []string) string {\n\tout := \"\"\n\tfor _, x := range xs {\n\t\tout += a.Join([]string{x, x})\n\t}\n\treturn out\n}\n",
	"c/c.go": "package c\n\n// Dots concatenates dots.\nfunc Dots(xs []string) string {\n\tout := \"\"\n\tfor range xs {\n\t\tout += \".\"\n\t}\n\treturn out\n}\n",
}

// writeFiles writes files (path to content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// cacheEntries returns the entries of a result cache: one per analysis
// that missed it.
func cacheEntries(t *testing.T, dir string) map[string]bool {
	t.Helper()
	entries := make(map[string]bool)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			entries[p] = true
		}
		return err
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return entries
}

// newEntries returns how many entries after has that before has not.
func newEntries(before, after map[string]bool) int {
	n := 0
	for p := range after {
		if !before[p] {
			n++
		}
	}
	return n
}

func TestCacheHitIsByteIdentical(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	writeFiles(t, dir, cacheModule)
	env := []string{"GOWORK=off", cacheEnv + "=" + cache}
	for _, format := range []string{"text", "json", "sarif"} {
		first := runEnv(t, dir, env, perfvetBin, "-format="+format, "./...")
		wantCode(t, first, exitFindings)
		entries := cacheEntries(t, cache)
		second := runEnv(t, dir, env, perfvetBin, "-format="+format, "./...")
		if second.stdout != first.stdout || second.stderr != first.stderr || second.code != first.code {
			t.Errorf("-format=%s: a cached run differs from the first:\nfirst: %s\nsecond: %s", format, first, second)
		}
		if n := newEntries(entries, cacheEntries(t, cache)); n != 0 {
			t.Errorf("-format=%s: the second run analysed %d packages again", format, n)
		}
	}
	if n := len(cacheEntries(t, cache)); n != 3 {
		t.Errorf("three packages, whatever the format, want 3 cache entries, got %d", n)
	}
}

func TestCacheReanalysesOnlyWhatAnEditReaches(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	writeFiles(t, dir, cacheModule)
	env := []string{"GOWORK=off", cacheEnv + "=" + cache}
	wantCode(t, runEnv(t, dir, env, perfvetBin, "./..."), exitFindings)

	steps := []struct {
		what  string
		edit  map[string]string
		fresh int // packages analysed again
	}{
		{"an edit of c, which nothing imports", map[string]string{"c/c.go": strings.Replace(cacheModule["c/c.go"], `"."`, `"-"`, 1)}, 1},
		{"a change of a's API, which b imports", map[string]string{
			"a/a.go": cacheModule["a/a.go"] + "\n// N is new.\nconst N = 1\n",
		}, 2},
		{"no edit", nil, 0},
	}
	for _, step := range steps {
		writeFiles(t, dir, step.edit)
		before := cacheEntries(t, cache)
		r := runEnv(t, dir, env, perfvetBin, "./...")
		wantCode(t, r, exitFindings)
		if n := newEntries(before, cacheEntries(t, cache)); n != step.fresh {
			t.Errorf("after %s, want %d packages analysed again, got %d", step.what, step.fresh, n)
		}
		if got := strings.Count(r.stderr, "(concatloop)"); got != 3 {
			t.Errorf("after %s, want the three findings, got:\n%s", step.what, r)
		}
	}
}

func TestCacheOff(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	writeFiles(t, dir, cacheModule)
	env := []string{"GOWORK=off", cacheEnv + "=" + cache}
	wantCode(t, runEnv(t, dir, env, perfvetBin, "-cache=off", "./..."), exitFindings)
	if n := len(cacheEntries(t, cache)); n != 0 {
		t.Errorf("-cache=off wrote %d cache entries", n)
	}
	wantCode(t, runEnv(t, dir, env, perfvetBin, "-cache="+filepath.Join(cache, "flag"), "./..."), exitFindings)
	if n := len(cacheEntries(t, filepath.Join(cache, "flag"))); n != 3 {
		t.Errorf("-cache=DIR wrote %d entries there, want 3", n)
	}
}

// joinSource is a package whose one function has a concatloop finding.
func joinSource(pkg string) string {
	return "package " + pkg + "\n\n// Join concatenates xs.\nfunc Join(xs []string) string {\n\tout := \"\"\n\tfor _, x := range xs {\n\t\tout += x\n\t}\n\treturn out\n}\n"
}

func TestVendoredDependencies(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"dep/go.mod": "module example.com/dep\n\ngo 1.22\n",
		"dep/dep.go": joinSource("dep"),
		"app/go.mod": "module example.com/app\n\ngo 1.22\n\nrequire example.com/dep v0.0.0\n\nreplace example.com/dep => ../dep\n",
		"app/app.go": "package app\n\nimport \"example.com/dep\"\n\n// Lines joins each of xs.\nfunc Lines(xs [][]string) string {\n\tout := \"\"\n\tfor _, x := range xs {\n\t\tout += dep.Join(x) + \"\\n\"\n\t}\n\treturn out\n}\n",
	})
	app := filepath.Join(root, "app")
	if r := run(t, app, "go", "mod", "vendor"); r.code != 0 {
		t.Fatalf("go mod vendor: %s", r)
	}
	r := perfvet(t, app, "./...")
	wantCode(t, r, exitFindings)
	if !strings.Contains(r.stderr, "app.go:9:3:") || strings.Contains(r.stderr, "vendor/") {
		t.Errorf("want the finding of app.go and none in vendor/, got %s", r)
	}
}

func TestWorkspace(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"go.work":    "go 1.22\n\nuse (\n\t./lib\n\t./cli\n)\n",
		"lib/go.mod": "module example.com/lib\n\ngo 1.22\n",
		"lib/lib.go": joinSource("lib"),
		"cli/go.mod": "module example.com/cli\n\ngo 1.22\n\nrequire example.com/lib v0.0.0\n",
		"cli/cli.go": "package cli\n\nimport \"example.com/lib\"\n\n// Both joins xs with lib and by itself.\nfunc Both(xs []string) string {\n\tout := lib.Join(xs)\n\tfor _, x := range xs {\n\t\tout += x\n\t}\n\treturn out\n}\n",
	})
	r := runEnv(t, root, []string{"GOWORK=" + filepath.Join(root, "go.work")}, perfvetBin, "./lib/...", "./cli/...")
	wantCode(t, r, exitFindings)
	for _, want := range []string{"lib/lib.go:7:3:", "cli/cli.go:9:3:"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("want a finding at %s, got %s", want, r)
		}
	}
}

func TestCorruptCacheEntryIsRewritten(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	writeFiles(t, dir, cacheModule)
	env := []string{"GOWORK=off", cacheEnv + "=" + cache}
	first := runEnv(t, dir, env, perfvetBin, "./...")
	wantCode(t, first, exitFindings)
	entries := cacheEntries(t, cache)
	for p := range entries {
		if err := os.WriteFile(p, []byte("{not json"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	second := runEnv(t, dir, env, perfvetBin, "./...")
	if second.stderr != first.stderr || second.code != first.code {
		t.Errorf("a run over corrupt entries differs from the first:\nfirst: %s\nsecond: %s", first, second)
	}
	for p := range entries {
		data, err := os.ReadFile(p)
		if err != nil || !json.Valid(data) {
			t.Errorf("entry %s was not rewritten: %q, %v", p, data, err)
		}
	}
}

func TestConcurrentRunsShareACache(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	writeFiles(t, dir, cacheModule)
	env := []string{"GOWORK=off", cacheEnv + "=" + cache}
	results := make([]result, 4)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() { results[i] = runEnv(t, dir, env, perfvetBin, "./...") })
	}
	wg.Wait()
	for i, r := range results {
		if r.code != exitFindings || r.stderr != results[0].stderr {
			t.Errorf("run %d of four at once: %s\nfirst: %s", i, r, results[0])
		}
	}
	if n := len(cacheEntries(t, cache)); n != 3 {
		t.Errorf("want 3 entries (no temporary file left), got %d", n)
	}
}
