package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/driver"
	"github.com/perfvet/perfvet/passes/hotness"
)

// evidenceFlags are the flags of the hotness pass that perfvet also
// offers without the pass's prefix: the evidence settings of a run.
var evidenceFlags = []string{"profile", "hot", "testfiles"}

// registerEvidenceFlags defines -profile, -hot and -testfiles on fs as
// the hotness pass's flags under their short names.
func registerEvidenceFlags(fs *flag.FlagSet) {
	for _, name := range evidenceFlags {
		f := hotness.Analyzer.Flags.Lookup(name)
		fs.Var(f.Value, name, f.Usage)
	}
}

// optInSelected turns on reports without a profile for the analyzers
// whose evidence rule makes them opt-in where no profile applies (those
// with a -static flag, such as hoistfield) when the command line selects
// them by name (-hoistfield).
func optInSelected(args []string, all []*analysis.Analyzer) {
	fs, values := shadowFlagSet(all)
	if fs.Parse(args) != nil {
		return
	}
	for _, a := range all {
		v := values[a.Name]
		if a.Flags.Lookup("static") == nil || v == nil || !v.set {
			continue
		}
		if on, err := strconv.ParseBool(v.value); err == nil && on {
			if err := a.Flags.Set("static", "true"); err != nil {
				fail(err)
			}
		}
	}
}

// checkProfiles loads the profiles given by -profile once, before the
// analysis, so that a bad file is one line naming it rather than an
// error from every package.
func checkProfiles() error {
	if hotness.Profiles == "" {
		return nil
	}
	_, err := hotness.Load(strings.Split(hotness.Profiles, ","))
	return err
}

// assignDefaultPGO finds, when no -profile is given, the default.pgo
// files that apply to the packages matched by patterns, the way
// go build -pgo=auto does: a default.pgo in a main package's directory
// applies to that package and everything it imports. It writes the
// assignments to a file the analysis reads and returns the flag that
// names it, or nothing when no default.pgo applies.
func assignDefaultPGO(patterns []string, tests bool) ([]string, func(), error) {
	if hotness.Profiles != "" {
		return nil, func() {}, nil
	}
	mains, err := goList(patterns, `{{if eq .Name "main"}}{{.ImportPath}}{{"\t"}}{{.Dir}}{{end}}`, "-find")
	if err != nil {
		// The packages do not load: the analysis will say why.
		return nil, func() {}, nil
	}
	assigned := make(map[string]string)
	var order []string
	for _, line := range mains {
		pkg, dir, _ := strings.Cut(line, "\t")
		pgo := filepath.Join(dir, "default.pgo")
		if _, err := os.Stat(pgo); err != nil {
			continue
		}
		if _, err := hotness.Load([]string{pgo}); err != nil {
			return nil, func() {}, err
		}
		deps, err := goList([]string{pkg}, `{{.ImportPath}}`, "-deps")
		if err != nil {
			return nil, func() {}, nil
		}
		for _, dep := range deps {
			if _, seen := assigned[dep]; !seen {
				assigned[dep] = pgo
				order = append(order, dep)
			}
		}
	}
	if len(assigned) == 0 {
		return nil, func() {}, nil
	}
	f, err := os.CreateTemp("", "perfvet-pgo-")
	if err != nil {
		return nil, func() {}, fmt.Errorf("recording default.pgo assignments: %w", err)
	}
	defer f.Close()
	for _, pkg := range order {
		fmt.Fprintf(f, "%s\t%s\n", pkg, assigned[pkg])
	}
	remove := func() { os.Remove(f.Name()) }
	return []string{"-hotness.pgomap=" + f.Name()}, remove, nil
}

// goList runs go list with the given template and extra flags over
// patterns and returns its non-empty output lines.
func goList(patterns []string, format string, flags ...string) ([]string, error) {
	args := append([]string{"list", "-e", "-f", format}, flags...)
	cmd := exec.Command("go", append(args, patterns...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list %s: %s", strings.Join(patterns, " "), driver.FirstLine(strings.TrimSpace(stderr.String())))
	}
	return slices.DeleteFunc(strings.Split(string(out), "\n"), func(s string) bool { return s == "" }), nil
}

// parseEvidenceFlags sets the hotness pass's settings from args in the
// supervising process, which does not run the driver's flag parsing,
// so that it can check the profiles and find default.pgo files first.
func parseEvidenceFlags(args []string, all []*analysis.Analyzer) error {
	fs, values := shadowFlagSet(all)
	if fs.Parse(args) != nil {
		return nil // the driver reports flag errors
	}
	for _, name := range evidenceFlags {
		for _, spelling := range []string{name, hotness.Analyzer.Name + "." + name} {
			if v := values[spelling]; v != nil && v.set {
				if err := hotness.Analyzer.Flags.Set(name, v.value); err != nil {
					return fmt.Errorf("invalid value %q for flag -%s: %v", v.value, spelling, err)
				}
			}
		}
	}
	return nil
}
