package analyzers_test

import (
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/perfvet/perfvet"

// layer names the part of the module a package belongs to, for the
// layering rules: "passes", "internal", "cmd", "registry" (the package
// analyzers itself), "analyzers/internal" (helpers only analyzers use) and
// "analyzer" (one analyzer's package).
func layer(pkg string) string {
	rel := strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/")
	switch {
	case rel == "analyzers":
		return "registry"
	case strings.HasPrefix(rel, "analyzers/internal/"):
		return "analyzers/internal"
	case strings.HasPrefix(rel, "analyzers/"):
		return "analyzer"
	default:
		top, _, _ := strings.Cut(rel, "/")
		return top
	}
}

// mayImport says which layers a layer may import from this module. Shared
// passes compute without knowing who reads them; analyzers never depend on
// each other, so each is a one-folder change; only the test harnesses of
// analyzers/internal see the whole registry, to run every analyzer.
var mayImport = map[string][]string{
	"internal":           {"internal"},
	"passes":             {"passes", "internal"},
	"analyzers/internal": {"analyzers/internal", "passes", "internal", "registry"},
	"analyzer":           {"analyzers/internal", "passes", "internal"},
	"registry":           {"analyzer", "analyzers/internal", "passes", "internal"},
	"cmd":                {"registry", "analyzers/internal", "passes", "internal"},
}

// registryUsers are the packages of analyzers/internal allowed to import
// the registry: harnesses that run every analyzer. Code that analyzers
// link (report, meta, source) must not, or it would import them back.
var registryUsers = []string{"analyzers/internal/analyzertest", "analyzers/internal/fuzz"}

// TestLayering enforces the module's import layering with go list, so a
// shortcut from a pass to an analyzer, or between two analyzers, fails
// here rather than in review.
func TestLayering(t *testing.T) {
	for _, p := range listPackages(t) {
		from := layer(p.ImportPath)
		for _, imp := range p.Imports {
			if !strings.HasPrefix(imp, module+"/") && imp != module {
				continue
			}
			to := layer(imp)
			if !allowed(from, to) {
				t.Errorf("%s (%s) imports %s (%s): not allowed by the layering", p.ImportPath, from, imp, to)
			}
			if to == "registry" && from == "analyzers/internal" && !isRegistryUser(p.ImportPath) {
				t.Errorf("%s imports the registry: only the harnesses %v may", p.ImportPath, registryUsers)
			}
		}
	}
}

// TestAnalyzersDeclaredWithLint checks with go list that every analyzer
// package imports the lint API, through which it declares itself and
// reads the shared results (the meta-tests check it reads them no other
// way).
func TestAnalyzersDeclaredWithLint(t *testing.T) {
	n := 0
	for _, p := range listPackages(t) {
		if layer(p.ImportPath) != "analyzer" {
			continue
		}
		n++
		if !slices.Contains(p.Imports, module+"/analyzers/internal/lint") {
			t.Errorf("%s does not import analyzers/internal/lint: declare the analyzer with lint.Define", p.ImportPath)
		}
	}
	if n == 0 {
		t.Fatal("go list found no analyzer package")
	}
}

func allowed(from, to string) bool { return slices.Contains(mayImport[from], to) }

func isRegistryUser(pkg string) bool {
	return slices.Contains(registryUsers, strings.TrimPrefix(pkg, module+"/"))
}

// listedPackage is the part of go list -json output the layering reads.
type listedPackage struct {
	ImportPath string
	Imports    []string
}

// listPackages returns the module's packages with their non-test imports.
func listPackages(t *testing.T) []listedPackage {
	t.Helper()
	cmd := exec.Command("go", "list", "-json=ImportPath,Imports", module+"/...")
	out, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			t.Fatalf("go list: %v\n%s", err, exit.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	var pkgs []listedPackage
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p listedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("decoding go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 10 {
		t.Fatalf("go list found %d packages of %s; want the whole module", len(pkgs), module)
	}
	return pkgs
}
