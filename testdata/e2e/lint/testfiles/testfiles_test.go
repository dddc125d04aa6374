package testfiles

import "testing"

// joinAll concatenates xs.
func joinAll(xs []string) string {
	out := ""
	for _, x := range xs {
		out += x
	}
	return out
}

func TestDouble(t *testing.T) {
	if got := Double(joinAll([]string{"a", "b"})); got != "abab" {
		t.Errorf("Double = %q, want %q", got, "abab")
	}
}
