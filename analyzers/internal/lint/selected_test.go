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
		if got := SelectedBy(c.name, c.values); got != c.want {
			t.Errorf("SelectedBy(%s, %v) = %v, want %v", c.name, c.values, got, c.want)
		}
	}
}

// TestSelect checks that a front end's own choice overrides the flags.
func TestSelect(t *testing.T) {
	t.Cleanup(func() { chosen.Store(nil) })
	Select([]string{"concatloop", DirectivesName})
	for name, want := range map[string]bool{"concatloop": true, "sortloop": false, DirectivesName: true} {
		if got := selected(name); got != want {
			t.Errorf("after Select, selected(%s) = %v, want %v", name, got, want)
		}
	}
}
