package hoistfield_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/hoistfield"
	"github.com/perfvet/perfvet/analyzers/internal/analyzertest"
)

func TestHoistfield(t *testing.T) {
	withStatic(t, true)
	analyzertest.Run(t, hoistfield.Analyzer)
}

// TestNeedsProfile checks the evidence rule: without a profile and
// without -hoistfield.static, even a textbook case is not reported.
func TestNeedsProfile(t *testing.T) {
	withStatic(t, false)
	for _, r := range analysistest.Run(&discard{t}, analysistest.TestData(), hoistfield.Analyzer, "related") {
		if len(r.Diagnostics) > 0 {
			t.Errorf("without a profile, hoistfield reported %q", r.Diagnostics[0].Message)
		}
	}
}

// withStatic sets hoistfield.Static for the test.
func withStatic(t *testing.T, on bool) {
	old := hoistfield.Static
	hoistfield.Static = on
	t.Cleanup(func() { hoistfield.Static = old })
}

// discard is a testing.T that ignores the // want expectations the
// golden files hold for the reporting mode.
type discard struct{ *testing.T }

func (d *discard) Errorf(format string, args ...any) {}

// TestRelatedUses checks what golden files cannot: a path is reported
// once, with the loop and every other use as related information.
func TestRelatedUses(t *testing.T) {
	withStatic(t, true)
	results := analysistest.Run(t, analysistest.TestData(), hoistfield.Analyzer, "related")
	var found int
	for _, r := range results {
		for _, d := range r.Diagnostics {
			found++
			messages := make([]string, 0, len(d.Related))
			for _, rel := range d.Related {
				messages = append(messages, rel.Message)
			}
			want := []string{"the loop over xs", "also loaded here", "also loaded here"}
			if len(messages) != len(want) {
				t.Fatalf("related information %q, want %q", messages, want)
			}
			for i := range want {
				if messages[i] != want[i] {
					t.Errorf("related[%d] = %q, want %q", i, messages[i], want[i])
				}
			}
		}
	}
	if found != 1 {
		t.Errorf("%d diagnostics, want 1", found)
	}
}
