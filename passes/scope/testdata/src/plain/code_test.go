package plain

import "testing"

// Test files are not reported unless -testfiles.
func TestCode(t *testing.T) { code() } // want `variant: not reported`
