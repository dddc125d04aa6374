package clientreuse_test

import (
	"path/filepath"
	"testing"

	"github.com/perfvet/perfvet/analyzers/clientreuse"
	"github.com/perfvet/perfvet/analyzers/internal/analyzertest"
)

func TestClientreuse(t *testing.T) {
	analyzertest.Run(t, clientreuse.Analyzer)
}

// TestPoolsFlag checks that -clientreuse.pools adds types, functions and
// methods to the table.
func TestPoolsFlag(t *testing.T) {
	if err := clientreuse.Analyzer.Flags.Set("pools", "example.com/pool.Open, example.com/pool.Dialer.Dial,example.com/pool.Conn"); err != nil {
		t.Fatal(err)
	}
	defer clientreuse.Analyzer.Flags.Set("pools", "")
	dir, err := filepath.Abs(filepath.Join("testdata", "pools"))
	if err != nil {
		t.Fatal(err)
	}
	analyzertest.RunDir(t, clientreuse.Analyzer, dir)
}
