package ignored

import "testing"

// The test variant of the package, which perfvet also analyses, must not
// call the directive in ignored.go unused: it reports no code of that
// file, the package itself does.
func TestLoop(t *testing.T) {
	for i := range 3 {
		if i < 0 {
			t.Fatal(i)
		}
	}
}
