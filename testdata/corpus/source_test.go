package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// corpus is a prepared corpus: a directory to analyse as ./...
type corpus struct {
	spec
	source   string // what it is: "golang.org/x/tools v0.52.0", "standard library go1.26.8"
	root     string // analysed as ./...; a writable copy for modules
	pristine string // the module cache directory the copy came from; empty for std
}

// moduleRoot is perfvet's own module, two levels above this directory.
const moduleRoot = "../.."

// prepare locates the corpus and, for a module, copies its sources from
// the module cache to a temporary directory where fixes may be applied.
func prepare(t *testing.T, s spec) (*corpus, error) {
	if s.module == "" {
		env, err := goEnv("GOROOT", "GOVERSION")
		if err != nil {
			return nil, err
		}
		return &corpus{spec: s, source: "standard library " + env[1], root: filepath.Join(env[0], "src")}, nil
	}
	mod, err := download(s.module)
	if err != nil {
		return nil, err
	}
	root := filepath.Join(t.TempDir(), s.name)
	// The module cache is read-only, and fixes rewrite the copy: CopyFS
	// makes its files writable.
	if err := os.CopyFS(root, os.DirFS(mod.Dir)); err != nil {
		return nil, err
	}
	return &corpus{spec: s, source: mod.Path + " " + mod.Version, root: root, pristine: mod.Dir}, nil
}

// module is the part of `go mod download -json` output used here.
type module struct {
	Path, Version, Dir, Error string
}

// download fetches the version of path that perfvet's go.mod selects
// into the module cache and returns where it is.
func download(path string) (*module, error) {
	out, err := goCmd(moduleRoot, "mod", "download", "-json", path)
	if err != nil {
		return nil, err
	}
	var m module
	if err := json.Unmarshal(out, &m); err != nil {
		return nil, fmt.Errorf("decoding go mod download output for %s: %w", path, err)
	}
	if m.Error != "" || m.Dir == "" {
		return nil, fmt.Errorf("downloading %s: %s", path, m.Error)
	}
	return &m, nil
}

// goEnv returns the values of the named go env variables.
func goEnv(names ...string) ([]string, error) {
	out, err := goCmd(".", append([]string{"env"}, names...)...)
	if err != nil {
		return nil, err
	}
	values := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(values) != len(names) {
		return nil, fmt.Errorf("go env %s printed %q", strings.Join(names, " "), out)
	}
	return values, nil
}

// goCmd runs the go command in dir and returns its standard output; a
// failure's error holds the standard error.
func goCmd(dir string, args ...string) ([]byte, error) {
	stdout, stderr, err := run(dir, "go", args...)
	if err != nil {
		return nil, fmt.Errorf("go %s in %s: %w\n%s", strings.Join(args, " "), dir, err, tail(stderr, 40))
	}
	return stdout, nil
}

// run runs a command in dir in the environment every corpus command
// shares: no workspace, the local toolchain, no inherited GOFLAGS. The
// corpora are modules of their own; a go.work or GOFLAGS of the caller
// must not change how they build.
func run(dir, name string, args ...string) (stdout, stderr []byte, err error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "GOFLAGS=")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	return out.Bytes(), errb.Bytes(), err
}

// tail returns the last max lines of b, for error messages.
func tail(b []byte, max int) string {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > max {
		lines = append([]string{fmt.Sprintf("... (%d lines before)", len(lines)-max)}, lines[len(lines)-max:]...)
	}
	return strings.Join(lines, "\n")
}

// changedFiles lists, relative to root, the files under root whose
// content differs from the same file under pristine.
func changedFiles(pristine, root string) ([]string, error) {
	var changed []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		now, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		before, err := os.ReadFile(filepath.Join(pristine, rel))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if !bytes.Equal(before, now) {
			changed = append(changed, rel)
		}
		return nil
	})
	return changed, err
}

// perfvetBinary returns the perfvet binary to run: the -perfvet flag, or
// one built from this module.
func perfvetBinary(t *testing.T) string {
	if *perfvetFlag != "" {
		abs, err := filepath.Abs(*perfvetFlag)
		if err != nil {
			t.Fatal(err)
		}
		return abs
	}
	bin := filepath.Join(t.TempDir(), "perfvet")
	if _, err := goCmd(moduleRoot, "build", "-o", bin, "./cmd/perfvet"); err != nil {
		t.Fatalf("building perfvet (or pass -perfvet=path): %v", err)
	}
	return bin
}
