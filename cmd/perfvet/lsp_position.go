package main

import (
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"unicode/utf16"
	"unicode/utf8"
)

// lineIndex converts between byte offsets into one version of a file's
// content, which go/token and the analyzers use, and LSP positions,
// whose characters are UTF-16 code units.
type lineIndex struct {
	content []byte
	starts  []int // byte offset of the start of each line
}

// newLineIndex indexes the lines of content.
func newLineIndex(content []byte) *lineIndex {
	starts := []int{0}
	for i, b := range content {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{content: content, starts: starts}
}

// position returns the LSP position of the byte offset, clamped to the
// content.
func (x *lineIndex) position(offset int) lspPosition {
	offset = min(max(offset, 0), len(x.content))
	// The line is the last one starting at or before offset.
	line, found := slices.BinarySearch(x.starts, offset)
	if !found {
		line--
	}
	return lspPosition{Line: line, Character: utf16Len(x.content[x.starts[line]:offset])}
}

// offset returns the byte offset of an LSP position. A character beyond
// the end of its line means the end of the line, as the protocol says;
// a position inside a surrogate pair or a line beyond the end is an
// error.
func (x *lineIndex) offset(p lspPosition) (int, error) {
	switch {
	case p.Line < 0 || p.Character < 0:
		return 0, fmt.Errorf("negative position %d:%d", p.Line, p.Character)
	case p.Line == len(x.starts) && p.Character == 0:
		return len(x.content), nil
	case p.Line >= len(x.starts):
		return 0, fmt.Errorf("line %d beyond the last line, %d", p.Line, len(x.starts)-1)
	}
	start := x.starts[p.Line]
	end := len(x.content)
	if p.Line+1 < len(x.starts) {
		end = x.starts[p.Line+1] - 1 // the newline
	}
	units := 0
	for i := start; i < end; {
		if units >= p.Character {
			if units > p.Character {
				return 0, fmt.Errorf("position %d:%d splits a UTF-16 surrogate pair", p.Line, p.Character)
			}
			return i, nil
		}
		r, size := utf8.DecodeRune(x.content[i:end])
		units += utf16.RuneLen(r)
		i += size
	}
	if units > p.Character {
		return 0, fmt.Errorf("position %d:%d splits a UTF-16 surrogate pair", p.Line, p.Character)
	}
	return end, nil
}

// utf16Len is the length of b in UTF-16 code units. An invalid byte
// counts as one unit, as U+FFFD, the way editors decode it.
func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		n += utf16.RuneLen(r)
		b = b[size:]
	}
	return n
}

// uriPath returns the file path of a file: URI.
func uriPath(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return "", fmt.Errorf("parsing document URI %q: %w", uri, err)
	}
	if u.Scheme != "file" {
		return "", fmt.Errorf("document URI %q is not a file: URI", uri)
	}
	p := u.Path
	// file:///C:/src is the Windows path C:/src.
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' {
		p = p[1:]
	}
	return filepath.Clean(filepath.FromSlash(p)), nil
}
