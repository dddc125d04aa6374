package main

import (
	"errors"
	"testing"
)

func TestGoCommandMessage(t *testing.T) {
	tests := []struct{ err, want string }{
		{"err: exit status 1: stderr: go: parsing $GOFLAGS: unknown flag -bogus\n",
			"go: parsing $GOFLAGS: unknown flag -bogus"},
		{`err: go command required, not found: exec: "go": executable file not found in $PATH: stderr: `,
			`go command required, not found: exec: "go": executable file not found in $PATH`},
		{"something else\nand more", "something else"},
	}
	for _, test := range tests {
		if got := goCommandMessage(errors.New(test.err)); got != test.want {
			t.Errorf("goCommandMessage(%q) = %q, want %q", test.err, got, test.want)
		}
	}
}
