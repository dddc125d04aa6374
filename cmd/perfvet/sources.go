package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/perfvet/perfvet/internal/driver"
)

// sources reads each source file once for the renderers and filters that
// need its text: context lines, fingerprints and SARIF's UTF-16 columns.
type sources struct {
	files map[string][]string
}

func newSources() *sources { return &sources{files: make(map[string][]string)} }

// lines returns the lines of file, split as the driver splits them for
// its context lines, or nil if it cannot be read.
func (s *sources) lines(file string) []string {
	if lines, ok := s.files[file]; ok {
		return lines
	}
	data, err := os.ReadFile(file)
	var lines []string
	if err == nil {
		lines = strings.Split(string(data), "\n")
	}
	s.files[file] = lines
	return lines
}

// line returns the 1-based line n of file, or "" if there is none.
func (s *sources) line(file string, n int) string {
	lines := s.lines(file)
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}

// roots are the directories that paths in the output are relative to.
type roots struct {
	// module is the main module's directory (the workspace's with a
	// go.work): baselines name files relative to it, so that a
	// baseline stays valid wherever the module is checked out.
	module string
	// source is the top of the git work tree holding the module, or the
	// module directory outside git: GitHub resolves the paths of
	// annotations and code scanning results from the repository root.
	source string
}

// findRoots finds the module and source roots from the current
// directory, as the go command finds the main module.
func findRoots() (roots, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return roots{}, fmt.Errorf("finding the current directory: %w", err)
	}
	r := roots{module: cwd}
	out, err := exec.Command("go", "env", "GOWORK", "GOMOD").Output()
	if err != nil {
		return roots{}, fmt.Errorf("finding the main module: go env: %w", err)
	}
	for _, file := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if file != "" && file != "off" && file != os.DevNull {
			r.module = filepath.Dir(file)
			break
		}
	}
	r.source = r.module
	if top, err := gitTopLevel(r.module); err == nil {
		r.source = top
	}
	return r, nil
}

// gitTopLevel returns the top directory of the git work tree holding dir.
func gitTopLevel(dir string) (string, error) {
	cmd := exec.Command("git", "-C", dir, "rev-parse", "--show-toplevel")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git rev-parse --show-toplevel in %s: %v: %s", dir, err, driver.FirstLine(strings.TrimSpace(stderr.String())))
	}
	return strings.TrimSpace(string(out)), nil
}

// relativePath returns file relative to root with forward slashes, and
// false if file is not inside root. Symbolic links are resolved when the
// plain paths disagree: git reports its work tree with links resolved,
// the go command the directory as it was reached.
func relativePath(root, file string) (string, bool) {
	if rel, ok := inside(root, file); ok {
		return rel, true
	}
	realRoot, err1 := filepath.EvalSymlinks(root)
	realFile, err2 := filepath.EvalSymlinks(file)
	if err1 != nil || err2 != nil {
		return "", false
	}
	return inside(realRoot, realFile)
}

// inside is relativePath without resolving links.
func inside(root, file string) (string, bool) {
	rel, err := filepath.Rel(root, file)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}
