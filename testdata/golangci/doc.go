// Package fixture holds one case per perfvet analyzer for the
// golangci-lint end-to-end test. A line ending in "// want NAME" must be
// reported by analyzer NAME, and no other line may be reported.
package fixture
