package silent

import (
	"bytes"
	"fmt"
	"strings"
)

func perIteration(prefix string, names []string) {
	for _, name := range names {
		line := prefix + name
		fmt.Println(line)
	}
}

func resetAtTop(names []string) {
	var s string
	for _, name := range names {
		s = ""
		s += name
		s += "!"
		fmt.Println(s)
	}
}

func breaksRightAfter(names []string) (s string) {
	for _, name := range names {
		s += name
		break
	}
	return
}

func returnsRightAfter(names []string) string {
	s := "x"
	for _, name := range names {
		if name != "" {
			s += name
			return s
		}
	}
	return s
}

func coldLoop(parts [4]string) (s string) {
	for _, p := range parts {
		s += p
	}
	for i := 0; i < 3; i++ {
		s += "."
	}
	return
}

func byteSlice(names []string) []byte {
	var b []byte
	for _, name := range names {
		b = append(b, name...)
	}
	return b
}

func builder(names []string) string {
	var sb strings.Builder
	for _, name := range names {
		sb.WriteString(name)
	}
	return sb.String()
}

func buffer(names []string) string {
	var buf bytes.Buffer
	for _, name := range names {
		buf.WriteString(name)
	}
	return buf.String()
}

func discarded(prefix string, names []string) {
	s := prefix
	for _, name := range names {
		t := s + name
		_ = t
	}
	_ = s
}

func fieldRebuilt(b *struct{ out string }, names []string) {
	for _, name := range names {
		b.out = name + "!"
	}
}

func differentObjects(bs []*struct{ out string }) {
	for _, b := range bs {
		b.out += "!"
	}
}

func suppressed(names []string) (s string) {
	for _, name := range names {
		//perfvet:ignore concatloop at most three names, bounded by the caller
		s += name
	}
	return
}

func suppressedSameLine(names []string) (s string) {
	for _, name := range names {
		s += name //perfvet:ignore concatloop small input
	}
	return
}

func suppressedAll(names []string) (s string) {
	for _, name := range names {
		s += name //perfvet:ignore names come from flags, a handful at most
	}
	return
}
