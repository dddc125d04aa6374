package invariant_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

func TestFreshMemory(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), reporter, "fresh")
}
