package dedup

import "testing"

// Reported under -testfiles.
func TestCode(t *testing.T) { code() } // want `variant: reported`
