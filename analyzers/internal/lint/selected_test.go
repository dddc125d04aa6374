package lint

import "testing"

// TestSelectedBy checks the drivers' rule for their -NAME flags.
func TestSelectedBy(t *testing.T) {
	for _, c := range []struct {
		values map[string]bool
		name   string
		want   bool
	}{
		{nil, "sortloop", true},
		{map[string]bool{"sortloop": false}, "sortloop", false},
		{map[string]bool{"sortloop": false}, "concatloop", true},
		{map[string]bool{"concatloop": true}, "concatloop", true},
		{map[string]bool{"concatloop": true}, "sortloop", false},
		{map[string]bool{"concatloop": true, "sortloop": false}, "prealloc", false},
		{map[string]bool{"concatloop": true, "sortloop": true}, "sortloop", true},
	} {
		if got := selectedBy(c.name, c.values); got != c.want {
			t.Errorf("selectedBy(%s, %v) = %v, want %v", c.name, c.values, got, c.want)
		}
	}
}
