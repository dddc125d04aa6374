package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"
)

func TestRevision(t *testing.T) {
	info := &debug.BuildInfo{Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123"},
		{Key: "vcs.modified", Value: "true"},
	}}
	if got, want := revision(info), " (revision 0123456789ab, modified)"; got != want {
		t.Errorf("revision = %q, want %q", got, want)
	}
	if got := revision(&debug.BuildInfo{}); got != "" {
		t.Errorf("revision without VCS settings = %q, want empty", got)
	}
}

func TestModuleVersion(t *testing.T) {
	defer func(v string) { releaseVersion = v }(releaseVersion)
	for _, c := range []struct{ stamped, release, want string }{
		{"v1.2.3", "", "v1.2.3"},
		{"(devel)", "", "(devel)"},
		{"(devel)", "v1.2.4", "v1.2.4"},
		{"", "v1.2.4", "v1.2.4"},
		{"v1.2.3", "v9.9.9", "v1.2.3"}, // the go command's stamp wins
	} {
		releaseVersion = c.release
		if got := versionOf(&debug.BuildInfo{Main: debug.Module{Version: c.stamped}}); got != c.want {
			t.Errorf("stamped %q, release %q: version %q, want %q", c.stamped, c.release, got, c.want)
		}
	}
}

func TestIsVersionRequest(t *testing.T) {
	for args, want := range map[string]bool{
		"-version": true, "--version": true, "-V=full": false, "-version ./...": false, "": false,
	} {
		if got := isVersionRequest(strings.Fields(args)); got != want {
			t.Errorf("isVersionRequest(%q) = %v, want %v", args, got, want)
		}
	}
}

// TestInstalledVersion installs perfvet as a user does, with go install
// module@version, from a module proxy in a directory that serves this
// source tree as v0.9.1, and checks that -version prints that version.
func TestInstalledVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds perfvet with go install")
	}
	const version = "v0.9.1"
	proxy := t.TempDir()
	serveModule(t, proxy, "github.com/perfvet/perfvet", version, filepath.Join("..", ".."))

	gobin := t.TempDir()
	install := exec.Command("go", "install", "github.com/perfvet/perfvet/cmd/perfvet@"+version)
	install.Dir = t.TempDir()
	install.Env = append(os.Environ(),
		"GOBIN="+gobin,
		"GOPROXY=file://"+filepath.ToSlash(proxy)+","+goEnv(t, "GOPROXY"),
		"GONOSUMDB=github.com/perfvet/perfvet",
		"GOFLAGS=-modcacherw",
		"GOWORK=off",
	)
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("go install: %v\n%s", err, out)
	}
	out, err := exec.Command(filepath.Join(gobin, "perfvet"), "-version").Output()
	if err != nil {
		t.Fatalf("perfvet -version: %v", err)
	}
	if !strings.HasPrefix(string(out), "perfvet "+version+" go1.") {
		t.Errorf("perfvet -version printed %q, want %q followed by the Go release", out, "perfvet "+version)
	}
}

// serveModule lays out the module in dir at version in proxy the way
// the go command's file:// proxy protocol expects it.
func serveModule(t *testing.T, proxy, path, version, dir string) {
	t.Helper()
	at := filepath.Join(proxy, filepath.FromSlash(path), "@v")
	if err := os.MkdirAll(at, 0o755); err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"list":            version + "\n",
		version + ".info": `{"Version":"` + version + `"}`,
		version + ".mod":  string(gomod),
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(at, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	z, err := os.Create(filepath.Join(at, version+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	if err := zip.CreateFromDir(z, module.Version{Path: path, Version: version}, dir); err != nil {
		t.Fatalf("zipping the module: %v", err)
	}
}

// goEnv returns the go command's value of the environment variable key.
func goEnv(t *testing.T, key string) string {
	t.Helper()
	out, err := exec.Command("go", "env", key).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", key, err)
	}
	return strings.TrimSpace(string(out))
}
