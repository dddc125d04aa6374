package main

import (
	"testing"
)

// lspPositionText has a line of one-byte, two-byte, three-byte and
// four-byte characters (the last one two UTF-16 code units), an empty
// line and no final newline.
const lspPositionText = "aé→😀b\n\nend"

func TestLspLineIndexRoundTrip(t *testing.T) {
	x := newLineIndex([]byte(lspPositionText))
	for _, tc := range []struct {
		offset int
		pos    lspPosition
	}{
		{0, lspPosition{0, 0}},  // a
		{1, lspPosition{0, 1}},  // é: 2 bytes, 1 unit
		{3, lspPosition{0, 2}},  // →: 3 bytes, 1 unit
		{6, lspPosition{0, 3}},  // 😀: 4 bytes, 2 units
		{10, lspPosition{0, 5}}, // b
		{11, lspPosition{0, 6}}, // the newline
		{12, lspPosition{1, 0}}, // the empty line
		{13, lspPosition{2, 0}},
		{16, lspPosition{2, 3}}, // the end of the text
	} {
		if got := x.position(tc.offset); got != tc.pos {
			t.Errorf("position(%d) = %+v, want %+v", tc.offset, got, tc.pos)
		}
		if got, err := x.offset(tc.pos); err != nil || got != tc.offset {
			t.Errorf("offset(%+v) = %d, %v, want %d", tc.pos, got, err, tc.offset)
		}
	}
}

func TestLspLineIndexInvalidPositions(t *testing.T) {
	x := newLineIndex([]byte(lspPositionText))
	if _, err := x.offset(lspPosition{0, 4}); err == nil {
		t.Error("a position inside the emoji's surrogate pair is accepted")
	}
	if _, err := x.offset(lspPosition{5, 0}); err == nil {
		t.Error("a line beyond the end is accepted")
	}
	// A character beyond the end of its line means the end of the line.
	if got, err := x.offset(lspPosition{1, 7}); err != nil || got != 12 {
		t.Errorf("offset past the end of the empty line = %d, %v, want 12", got, err)
	}
}

// TestLspApplyChanges applies an incremental change after the emoji,
// whose range the client counts in UTF-16 code units, then a full one.
func TestLspApplyChanges(t *testing.T) {
	text := []byte(lspPositionText)
	r := &lspRange{Start: lspPosition{0, 5}, End: lspPosition{2, 1}}
	got, err := applyChanges(text, []contentChange{{Range: r, Text: "X"}})
	if err != nil || string(got) != "aé→😀Xnd" {
		t.Fatalf("incremental change gives %q, %v, want %q", got, err, "aé→😀Xnd")
	}
	got, err = applyChanges(got, []contentChange{{Text: "whole"}, {Range: &lspRange{lspPosition{0, 5}, lspPosition{0, 5}}, Text: "!"}})
	if err != nil || string(got) != "whole!" {
		t.Fatalf("full then incremental change gives %q, %v, want %q", got, err, "whole!")
	}
}

func TestLspURIPath(t *testing.T) {
	for uri, want := range map[string]string{
		"file:///tmp/a%20b/x.go": "/tmp/a b/x.go",
		"file:///tmp/%C3%A9.go":  "/tmp/é.go",
	} {
		if got, err := uriPath(uri); err != nil || got != want {
			t.Errorf("uriPath(%q) = %q, %v, want %q", uri, got, err, want)
		}
		if back := fileURI(want); back != uri {
			t.Errorf("fileURI(%q) = %q, want %q", want, back, uri)
		}
	}
	if _, err := uriPath("untitled:Untitled-1"); err == nil {
		t.Error("a non-file URI is accepted")
	}
}
