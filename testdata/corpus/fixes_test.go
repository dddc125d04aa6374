package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/perfvet/perfvet/internal/textedit"
)

// fixOutcome says what applying the suggested fixes did and proved.
type fixOutcome struct {
	offered   int    // findings with a suggested fix
	applied   int    // fixes applied
	conflicts int    // fixes skipped because they overlap one applied before
	files     int    // files changed
	checked   string // the commands that passed on the fixed sources
}

func (o fixOutcome) String() string {
	if o.offered == 0 {
		return "none offered"
	}
	s := fmt.Sprintf("%d offered, %d applied to %d files", o.offered, o.applied, o.files)
	if o.conflicts > 0 {
		s += fmt.Sprintf(", %d skipped as overlapping another", o.conflicts)
	}
	if o.checked != "" {
		s += "; " + o.checked + " pass"
	}
	return s
}

// checkFixes applies every suggested fix and builds and vets the result.
// A module copy is fixed in place by `perfvet -fix ./...`; the standard
// library, which must not change, gets the edits of the -json output
// through a build overlay.
func checkFixes(c *corpus, bin string, res *result) (fixOutcome, error) {
	o := fixOutcome{offered: len(fixableFindings(res.findings))}
	if o.offered == 0 {
		return o, nil // nothing can change: the pristine sources build
	}
	if c.module == "" {
		return fixThroughOverlay(c, res, o)
	}
	return fixInPlace(c, bin, o)
}

// skippedFixes matches the driver's complaint when it could not merge
// every fix: "applied 3 of 5 fixes; 2 files updated. (Re-run ...)".
var skippedFixes = regexp.MustCompile(`applied (\d+) of (\d+) fix`)

// fixInPlace runs perfvet -fix on the module copy, then go build and go
// vet on the whole module, and go test where the corpus asks for it.
func fixInPlace(c *corpus, bin string, o fixOutcome) (fixOutcome, error) {
	_, stderr, err := run(c.root, bin, "-fix", "-exit-zero", "./...")
	if bytes.Contains(stderr, []byte("panic")) || (err != nil && !skippedFixes.Match(stderr)) {
		return o, fmt.Errorf("perfvet -fix ./... in %s: %v\n%s", c.root, err, tail(stderr, 60))
	}
	o.applied = o.offered
	if m := skippedFixes.FindSubmatch(stderr); m != nil {
		done, _ := strconv.Atoi(string(m[1])) // the pattern admits only digits
		all, _ := strconv.Atoi(string(m[2]))
		o.conflicts = all - done
		o.applied -= o.conflicts
	}
	changed, err := changedFiles(c.pristine, c.root)
	if err != nil {
		return o, fmt.Errorf("comparing the fixed copy with %s: %w", c.pristine, err)
	}
	o.files = len(changed)
	if o.files == 0 {
		return o, nil
	}
	commands := [][]string{{"build", "./..."}, {"vet", "./..."}}
	if c.goTest {
		commands = append(commands, []string{"test", "./..."})
	}
	o.checked, err = goChecks(c.root, commands)
	return o, err
}

// fixThroughOverlay applies the fixes of the -json output to copies of
// the standard library's files and builds and vets the changed packages
// with the copies overlaid on the originals.
func fixThroughOverlay(c *corpus, res *result, o fixOutcome) (fixOutcome, error) {
	fixed, applied, conflicts, err := applyFixes(c.root, fixableFindings(res.findings))
	o.applied, o.conflicts, o.files = applied, conflicts, len(fixed)
	if err != nil {
		return o, err
	}
	overlay, err := writeOverlay(fixed)
	if err != nil {
		return o, err
	}
	defer os.RemoveAll(filepath.Dir(overlay))
	built, vetted := changedPackages(c.root, fixed)
	var commands [][]string
	if len(built) > 0 {
		commands = append(commands, append([]string{"build", "-overlay", overlay}, built...))
	}
	commands = append(commands, append([]string{"vet", "-overlay", overlay}, vetted...))
	o.checked, err = goChecks(c.root, commands)
	if o.checked != "" {
		o.checked += fmt.Sprintf(" (on the %d packages changed)", len(vetted))
	}
	if err != nil {
		// One broken package stops go vet from loading the others:
		// name every package the fixes break instead.
		return o, brokenPackages(c.root, overlay, vetted)
	}
	return o, nil
}

// brokenPackages vets each package alone and describes those that fail,
// grouping the packages that fail with the same message: a package
// broken by a fix breaks every changed package that imports it.
func brokenPackages(dir, overlay string, pkgs []string) error {
	var messages []string
	failing := make(map[string][]string)
	for _, pkg := range pkgs {
		_, stderr, err := run(dir, "go", "vet", "-overlay", overlay, pkg)
		if err == nil {
			continue
		}
		msg := tail(stderr, 20)
		if failing[msg] == nil {
			messages = append(messages, msg)
		}
		failing[msg] = append(failing[msg], pkg)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "after applying the fixes, go vet fails on %d of the %d changed packages:", countAll(failing), len(pkgs))
	for _, msg := range messages {
		fmt.Fprintf(&b, "\n%s:\n%s", strings.Join(failing[msg], " "), msg)
	}
	return errors.New(b.String())
}

func countAll(groups map[string][]string) int {
	n := 0
	for _, g := range groups {
		n += len(g)
	}
	return n
}

// changedPackages returns, as ./dir patterns, the packages of the fixed
// files: those to build, where a non-test file changed (go build rejects
// a package of test files only), and those to vet, all of them.
func changedPackages(root string, fixed map[string][]byte) (built, vetted []string) {
	build, vet := make(map[string]bool), make(map[string]bool, len(fixed))
	for file := range fixed {
		pkg := "./" + filepath.ToSlash(filepath.Dir(relative(root, file)))
		vet[pkg] = true
		if !strings.HasSuffix(file, "_test.go") {
			build[pkg] = true
		}
	}
	return sortedKeys(build), sortedKeys(vet)
}

func sortedKeys(set map[string]bool) []string {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// goChecks runs each go command in dir and names those that passed, up
// to the first failure.
func goChecks(dir string, commands [][]string) (string, error) {
	var passed []string
	for _, args := range commands {
		if _, err := goCmd(dir, args...); err != nil {
			return strings.Join(passed, ", "), fmt.Errorf("after applying the fixes: %w", err)
		}
		passed = append(passed, "go "+args[0])
	}
	return strings.Join(passed, ", "), nil
}

func fixableFindings(fs []finding) []finding {
	var out []finding
	for _, f := range fs {
		if f.fix != nil {
			out = append(out, f)
		}
	}
	return out
}

// applyFixes applies the fixes of fs, in order, to the files under root
// and returns the new content of each changed file, gofmt-ed. Like
// perfvet -fix, it applies each fix whole or not at all, merges edits
// identical to ones already applied (two fixes adding the same import),
// and skips a fix that overlaps an earlier one.
func applyFixes(root string, fs []finding) (fixed map[string][]byte, applied, conflicts int, err error) {
	accepted := make(map[string][]jsonEdit)
	for _, f := range fs {
		if !fitsWith(accepted, f.fix.Edits) {
			conflicts++
			continue
		}
		for _, e := range f.fix.Edits {
			if rel := relative(root, e.Filename); strings.HasPrefix(rel, "<outside>") {
				return nil, applied, conflicts, fmt.Errorf("%s:%d: fix edits %s, outside %s", f.file, f.line, e.Filename, root)
			}
			if !hasEdit(accepted[e.Filename], e) {
				accepted[e.Filename] = append(accepted[e.Filename], e)
			}
		}
		applied++
	}
	fixed = make(map[string][]byte)
	for file, edits := range accepted {
		src, err := os.ReadFile(file)
		if err != nil {
			return nil, applied, conflicts, fmt.Errorf("reading file to fix: %w", err)
		}
		out, err := splice(src, edits)
		if err != nil {
			return nil, applied, conflicts, fmt.Errorf("fixing %s: %w", file, err)
		}
		if formatted, err := format.Source(out); err == nil {
			out = formatted // as -fix does; a fix that does not parse fails to build below
		}
		fixed[file] = out
	}
	return fixed, applied, conflicts, nil
}

// fitsWith reports whether every edit is identical to, or disjoint from,
// the edits already accepted in its file.
func fitsWith(accepted map[string][]jsonEdit, edits []jsonEdit) bool {
	for _, e := range edits {
		for _, a := range accepted[e.Filename] {
			if a != e && textedit.Overlaps(a.edit(), e.edit()) {
				return false
			}
		}
	}
	return true
}

func hasEdit(edits []jsonEdit, e jsonEdit) bool {
	for _, a := range edits {
		if a == e {
			return true
		}
	}
	return false
}

// splice applies non-overlapping edits to src.
func splice(src []byte, edits []jsonEdit) ([]byte, error) {
	plain := make([]textedit.Edit, len(edits))
	for i, e := range edits {
		plain[i] = e.edit()
	}
	return textedit.Apply(src, plain)
}

// writeOverlay writes the fixed files and a go build -overlay file
// mapping the originals to them, in a new temporary directory, and
// returns the overlay file.
func writeOverlay(fixed map[string][]byte) (string, error) {
	dir, err := os.MkdirTemp("", "perfvet-overlay")
	if err != nil {
		return "", fmt.Errorf("creating overlay directory: %w", err)
	}
	replace := make(map[string]string, len(fixed))
	for file, content := range fixed {
		copyPath := filepath.Join(dir, fmt.Sprintf("%d_%s", len(replace), filepath.Base(file)))
		if err := os.WriteFile(copyPath, content, 0o644); err != nil {
			return "", fmt.Errorf("writing overlay file: %w", err)
		}
		replace[file] = copyPath
	}
	data, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		return "", fmt.Errorf("encoding overlay: %w", err)
	}
	overlay := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(overlay, data, 0o644); err != nil {
		return "", fmt.Errorf("writing overlay: %w", err)
	}
	return overlay, nil
}
