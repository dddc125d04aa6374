package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"strconv"
	"strings"

	"github.com/perfvet/perfvet/internal/driver"
)

// changedLines records, per file relative to the top of the git work
// tree, the line ranges that differ from a revision. A file recorded
// with no ranges changed whole (it is new and untracked).
type changedLines map[string][]lineRange

// lineRange is the lines first through last, inclusive.
type lineRange struct{ first, last int }

// contains reports whether line of file changed.
func (c changedLines) contains(file string, line int) bool {
	ranges, ok := c[file]
	if !ok {
		return false
	}
	if ranges == nil {
		return true
	}
	for _, r := range ranges {
		if r.first <= line && line <= r.last {
			return true
		}
	}
	return false
}

// changedSince returns the lines of the work tree at top that changed
// since rev: those git diff shows as added or modified against rev
// (committed, staged or not), and every line of the untracked files git
// does not ignore, which are new code too.
func changedSince(top, rev string) (changedLines, error) {
	diff, err := git(top, "-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff", "--no-prefix", "-U0", rev, "--")
	if err != nil {
		return nil, fmt.Errorf("-new-from-rev=%s: %w", rev, err)
	}
	changed, err := parseDiff(diff)
	if err != nil {
		return nil, fmt.Errorf("-new-from-rev=%s: reading git diff: %w", rev, err)
	}
	untracked, err := git(top, "-c", "core.quotePath=false", "ls-files", "--others", "--exclude-standard", "--full-name", "-z")
	if err != nil {
		return nil, fmt.Errorf("-new-from-rev=%s: %w", rev, err)
	}
	for _, file := range strings.Split(string(untracked), "\x00") {
		if file != "" {
			changed[file] = nil
		}
	}
	return changed, nil
}

// git runs git in dir and returns its output, or an error with the first
// line of what it printed on standard error.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, driver.FirstLine(strings.TrimSpace(stderr.String())))
	}
	return out, nil
}

// parseDiff reads the added line ranges of each file from a git diff
// with no context (-U0) and no a/ b/ prefixes. A hunk "@@ -a,b +c,d @@"
// replaces lines c through c+d-1 of the new file; d is 1 when left out
// and 0 for a hunk that only deletes, which changes no line that is
// still there.
func parseDiff(diff []byte) (changedLines, error) {
	changed := make(changedLines)
	var file string
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "+++ "):
			file = diffPath(strings.TrimPrefix(line, "+++ "))
			if file != "" && changed[file] == nil {
				changed[file] = []lineRange{}
			}
		case strings.HasPrefix(line, "@@ ") && file != "":
			r, err := parseHunk(line)
			if err != nil {
				return nil, err
			}
			if r.last >= r.first {
				changed[file] = append(changed[file], r)
			}
		}
	}
	return changed, sc.Err()
}

// diffPath returns the file named on a "+++ " line, "" for a deleted
// file (/dev/null). Names with unusual bytes come quoted in C style,
// which Go's unquoting reads.
func diffPath(name string) string {
	if name == "/dev/null" {
		return ""
	}
	if strings.HasPrefix(name, `"`) {
		if unq, err := strconv.Unquote(name); err == nil {
			return unq
		}
	}
	return name
}

// parseHunk returns the new-file lines of a hunk header.
func parseHunk(header string) (lineRange, error) {
	fields := strings.Fields(header)
	if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
		return lineRange{}, fmt.Errorf("malformed hunk header %q", header)
	}
	start, count, found := strings.Cut(strings.TrimPrefix(fields[2], "+"), ",")
	first, err := strconv.Atoi(start)
	if err != nil {
		return lineRange{}, fmt.Errorf("malformed hunk header %q", header)
	}
	n := 1
	if found {
		if n, err = strconv.Atoi(count); err != nil {
			return lineRange{}, fmt.Errorf("malformed hunk header %q", header)
		}
	}
	return lineRange{first, first + n - 1}, nil
}

// onChangedLines returns the findings of r whose first line changed.
func onChangedLines(r report, changed changedLines) []finding {
	var kept []finding
	for _, f := range r.findings {
		if rel, ok := relativePath(r.roots.source, f.Posn.File); ok && changed.contains(rel, f.Posn.Line) {
			kept = append(kept, f)
		}
	}
	return kept
}
