package intermediate_test

import (
	"testing"

	"github.com/perfvet/perfvet/analyzers/intermediate"
	"github.com/perfvet/perfvet/analyzers/internal/analyzertest"
)

func TestIntermediate(t *testing.T) {
	analyzertest.Run(t, intermediate.Analyzer)
}
