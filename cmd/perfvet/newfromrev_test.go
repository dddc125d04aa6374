package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseDiff(t *testing.T) {
	diff := `diff --git a.go a.go
index 1111111..2222222 100644
--- a.go
+++ a.go
@@ -3,0 +4,2 @@ func A() {
+	x++
+	y++
@@ -10 +12 @@ func B() {
-	old
+	new
@@ -20,3 +21,0 @@ func C() {
-	gone
-	gone
-	gone
diff --git old.go old.go
deleted file mode 100644
--- old.go
+++ /dev/null
@@ -1,2 +0,0 @@
-package a
-
diff --git "sp ace\t.go" "sp ace\t.go"
--- "sp ace\t.go"
+++ "sp ace\t.go"
@@ -1 +1 @@
-package a
+package b
`
	got, err := parseDiff([]byte(diff))
	if err != nil {
		t.Fatal(err)
	}
	want := changedLines{
		"a.go":        {{4, 5}, {12, 12}},
		"sp ace\t.go": {{1, 1}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("parseDiff = %v, want %v", got, want)
	}
	for _, c := range []struct {
		file string
		line int
		want bool
	}{{"a.go", 3, false}, {"a.go", 4, true}, {"a.go", 5, true}, {"a.go", 12, true}, {"a.go", 21, false}, {"b.go", 1, false}} {
		if got.contains(c.file, c.line) != c.want {
			t.Errorf("contains(%s, %d) = %v, want %v", c.file, c.line, !c.want, c.want)
		}
	}
	untracked := changedLines{"new.go": nil}
	if !untracked.contains("new.go", 99) {
		t.Errorf("an untracked file should count as changed on every line")
	}
}

func TestParseHunkRejectsGarbage(t *testing.T) {
	for _, h := range []string{"@@ -1 @@", "@@ -1 +x,2 @@", "@@ -1 +3,y @@"} {
		if _, err := parseHunk(h); err == nil {
			t.Errorf("parseHunk(%q) accepted a malformed header", h)
		}
	}
}

func TestParsePosition(t *testing.T) {
	for in, want := range map[string]position{
		"/src/a.go:3:14":     {"/src/a.go", 3, 14},
		`C:\src\a.go:3:14`:   {`C:\src\a.go`, 3, 14},
		"/src/a:b.go:1:2":    {"/src/a:b.go", 1, 2},
		"-":                  {File: "-"},
		"/src/a.go:x:2":      {File: "/src/a.go:x:2"},
		"/src/a.go:12:third": {File: "/src/a.go:12:third"},
	} {
		if got := parsePosition(in); got != want {
			t.Errorf("parsePosition(%q) = %+v, want %+v", in, got, want)
		}
	}
}

// gitRepo makes dir a git repository with everything in it committed.
func gitRepo(t *testing.T, dir string) {
	t.Helper()
	for _, args := range [][]string{
		{"init", "--quiet"},
		{"add", "."},
		{"-c", "user.name=perfvet test", "-c", "user.email=test@example.com", "commit", "--quiet", "-m", "fixture"},
	} {
		if r := run(t, dir, "git", args...); r.code != 0 {
			t.Fatalf("git %s: %s", strings.Join(args, " "), r)
		}
	}
}

func TestNewFromRev(t *testing.T) {
	dir := copyModule(t, lintModule)
	gitRepo(t, dir)
	wantSilent(t, perfvet(t, dir, "-new-from-rev=HEAD", "./concat"))

	// A change above the existing finding moves it without touching it.
	file := filepath.Join(dir, "concat", "concat.go")
	insertAfterPackage(t, file, newConcat)
	wantOnlyFinding(t, perfvet(t, dir, "-new-from-rev=HEAD", "-json", "./concat"), file, `text += x + "\n"`)

	// Committed changes count as well: HEAD~ is still the fixture.
	if r := run(t, dir, "git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-am", "Lines"); r.code != 0 {
		t.Fatal(r)
	}
	wantSilent(t, perfvet(t, dir, "-new-from-rev=HEAD", "./concat"))
	wantOnlyFinding(t, perfvet(t, dir, "-new-from-rev=HEAD~", "-json", "./concat"), file, `text += x + "\n"`)

	// A file git does not track yet is new on every line.
	extra := filepath.Join(dir, "concat", "extra.go")
	if err := os.WriteFile(extra, []byte("package concat\n"+strings.ReplaceAll(newConcat, "Lines", "Extra")), 0o644); err != nil {
		t.Fatal(err)
	}
	wantOnlyFinding(t, perfvet(t, dir, "-new-from-rev=HEAD", "-json", "./concat"), extra, `text += x + "\n"`)
}

func TestNewFromRevBadRevision(t *testing.T) {
	dir := copyModule(t, lintModule)
	gitRepo(t, dir)
	r := perfvet(t, dir, "-new-from-rev=no-such-rev", "./concat")
	wantCode(t, r, exitFailure)
	if strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "-new-from-rev=no-such-rev") {
		t.Fatalf("want one line naming the revision, got %s", r)
	}
}
