package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The GitHub Action at the repository root (action.yml) is a composite
// action of shell steps. These tests run its steps' scripts as the
// runner would, with the expressions in their environments evaluated,
// on the fixture module: what GitHub alone can run (setup-go, the SARIF
// upload) is left out.

const actionFile = "../../action.yml"

// action is the part of action.yml the tests read.
type action struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionStep struct {
	ID               string            `yaml:"id"`
	Name             string            `yaml:"name"`
	Uses             string            `yaml:"uses"`
	Shell            string            `yaml:"shell"`
	Run              string            `yaml:"run"`
	Env              map[string]string `yaml:"env"`
	With             map[string]string `yaml:"with"`
	If               string            `yaml:"if"`
	WorkingDirectory string            `yaml:"working-directory"`
}

func readAction(t *testing.T) action {
	t.Helper()
	data, err := os.ReadFile(actionFile)
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("parsing %s: %v", actionFile, err)
	}
	if a.Runs.Using != "composite" {
		t.Fatalf("%s: runs.using is %q, want composite", actionFile, a.Runs.Using)
	}
	return a
}

// step returns the step of a with id.
func (a action) step(t *testing.T, id string) actionStep {
	t.Helper()
	for _, s := range a.Runs.Steps {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("%s has no step with id %s", actionFile, id)
	return actionStep{}
}

// expression matches a ${{ ... }} expression.
var expression = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// TestActionExpressions checks that scripts take inputs only through
// their environment, never as ${{ }} text pasted into the script (where
// a package pattern or flag would be run as shell code), and that every
// input an expression names is declared.
func TestActionExpressions(t *testing.T) {
	a := readAction(t)
	inputRef := regexp.MustCompile(`inputs\.([a-z-]+)`)
	for _, s := range a.Runs.Steps {
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %q pastes an expression into its script; pass it in env", s.Name)
		}
		if s.Run != "" && s.Shell != "bash" {
			t.Errorf("step %q: a composite action's run step needs shell: bash, has %q", s.Name, s.Shell)
		}
		var texts []string
		texts = append(texts, s.If, s.WorkingDirectory)
		for _, v := range s.Env {
			texts = append(texts, v)
		}
		for _, v := range s.With {
			texts = append(texts, v)
		}
		for _, text := range texts {
			for _, m := range inputRef.FindAllStringSubmatch(text, -1) {
				if _, ok := a.Inputs[m[1]]; !ok {
					t.Errorf("step %q uses undeclared input %s", s.Name, m[1])
				}
			}
		}
	}
	for _, want := range []string{"github/codeql-action/upload-sarif@", "actions/setup-go@"} {
		found := false
		for _, s := range a.Runs.Steps {
			found = found || strings.HasPrefix(s.Uses, want)
		}
		if !found {
			t.Errorf("%s does not use %s", actionFile, want)
		}
	}
}

// runStep runs s's script with bash in dir, with its environment's
// expressions evaluated from inputs (the declared defaults, overridden
// by set) and outputs (steps.<id>.outputs.<name>), and returns what it
// printed, its exit status and the outputs it wrote.
func runStep(t *testing.T, a action, s actionStep, dir string, set, outputs map[string]string) (result, map[string]string) {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	value := func(expr string) string {
		switch {
		case strings.HasPrefix(expr, "inputs."):
			name := strings.TrimPrefix(expr, "inputs.")
			if v, ok := set[name]; ok {
				return v
			}
			in, ok := a.Inputs[name]
			if !ok {
				t.Fatalf("step %q: no input %s", s.Name, name)
			}
			return in.Default
		case strings.HasPrefix(expr, "steps."):
			v, ok := outputs[strings.TrimPrefix(expr, "steps.")]
			if !ok {
				t.Fatalf("step %q needs %s, which no earlier step wrote", s.Name, expr)
			}
			return v
		case expr == "github.action_path":
			return root
		}
		t.Fatalf("step %q: cannot evaluate ${{ %s }}", s.Name, expr)
		return ""
	}
	outFile := filepath.Join(t.TempDir(), "output")
	// No VCS stamping, as for the test binary: GitHub unpacks an action
	// without its .git, and a clone owned by another user would make
	// git refuse to report a revision.
	env := []string{"GOWORK=off", "GOFLAGS=-buildvcs=false", "GITHUB_OUTPUT=" + outFile, "RUNNER_TEMP=" + t.TempDir()}
	for k, v := range s.Env {
		env = append(env, k+"="+expression.ReplaceAllStringFunc(v, func(m string) string {
			return value(expression.FindStringSubmatch(m)[1])
		}))
	}
	r := runEnv(t, dir, env, "bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", s.Run)
	written := make(map[string]string)
	data, _ := os.ReadFile(outFile)
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			written[s.ID+".outputs."+k] = v
		}
	}
	return r, written
}

// TestActionInstallsAndRuns runs the action's install step (building
// perfvet from the action's checkout, as for version: "") and its run
// step on the fixture module, and checks the SARIF file it writes and
// the status it records.
func TestActionInstallsAndRuns(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	a := readAction(t)
	r, outputs := runStep(t, a, a.step(t, "install"), t.TempDir(), nil, nil)
	wantCode(t, r, exitClean)
	bin := outputs["install.outputs.perfvet"]
	if bin == "" || !strings.HasPrefix(r.stdout, "perfvet ") {
		t.Fatalf("the install step printed no version or recorded no binary (outputs %v): %s", outputs, r)
	}

	dir := copyModule(t, lintModule)
	set := map[string]string{"packages": "./concat ./clean", "flags": "-tripcount.cold=4 -fanout=false"}
	r, written := runStep(t, a, a.step(t, "run"), dir, set, outputs)
	wantCode(t, r, exitClean)
	if written["run.outputs.status"] != "3" {
		t.Fatalf("want status 3 (findings) recorded, got %v: %s", written, r)
	}
	doc, err := os.ReadFile(filepath.Join(dir, a.Inputs["sarif-file"].Default))
	if err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, string(doc))
	var out sarifOutput
	if err := json.Unmarshal(doc, &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Runs) != 1 || len(out.Runs[0].Results) != 1 || out.Runs[0].Results[0].RuleID != "concatloop" {
		t.Errorf("want the one concatloop finding of ./concat, got %s", doc)
	}

	// A flag perfvet refuses is a failure the step records, not findings.
	r, written = runStep(t, a, a.step(t, "run"), dir, map[string]string{"flags": "-tripcount.cold=-1"}, outputs)
	if written["run.outputs.status"] != "2" || !strings.Contains(r.stdout, "::error::") {
		t.Errorf("want status 2 recorded and an error annotation, got %v: %s", written, r)
	}
}

// TestActionResult checks the last step's verdict on each status.
func TestActionResult(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	a := readAction(t)
	var check actionStep
	for _, s := range a.Runs.Steps {
		if strings.Contains(s.Run, "FAIL_ON_FINDINGS") {
			check = s
		}
	}
	for _, c := range []struct {
		status, failOnFindings string
		code                   int
	}{{"0", "true", 0}, {"3", "true", 1}, {"3", "false", 0}, {"1", "false", 1}, {"2", "true", 1}} {
		r, _ := runStep(t, a, check, t.TempDir(), map[string]string{"fail-on-findings": c.failOnFindings},
			map[string]string{"run.outputs.status": c.status})
		if r.code != c.code {
			t.Errorf("status %s, fail-on-findings %s: want exit %d, got %s", c.status, c.failOnFindings, c.code, r)
		}
	}
}
