package clientreuse_test

import (
	"testing"

	"github.com/perfvet/perfvet/analyzers/clientreuse"
	"github.com/perfvet/perfvet/analyzers/internal/analyzertest"
)

func TestClientreuse(t *testing.T) {
	analyzertest.Run(t, clientreuse.Analyzer)
}
