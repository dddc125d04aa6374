package hoistcall_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Each entry of the analyzer's table, called with loop-invariant
// arguments on every iteration of a 100-iteration loop, against the
// same loop with the call hoisted before it. The arguments are package
// variables, so the compiler cannot fold the call; each loop uses the
// result cheaply (its length), so the call is most of the work.

var (
	header   = "Content-Type"
	lower    = "content-type"
	spaced   = "  hello, world  "
	csv      = "alpha,beta,gamma,delta,epsilon"
	words    = "alpha beta gamma delta epsilon"
	dash     = "-"
	width    = 40
	parts    = []string{"alpha", "beta", "gamma", "delta"}
	sep      = ","
	dashed   = "2024-01-02-03-04"
	text64   = "the quick brown fox jumps over the lazy dog, again and again!!"
	number   = 123456
	small    = 42
	float    = 3.14159
	flag     = true
	zone     = "America/New_York"
	dirty    = "/usr/local/../lib/./go/src"
	clean    = "/usr/local/lib/go/src"
	dir      = "/usr/local"
	relative = "src/net/http"
	rawURL   = "https://example.com/a/b?q=1&r=2#frag"
	record   = struct {
		Name string
		Port int
	}{"api", 8080}
)

func toLowerIn(n int) (t int) {
	for i := range n {
		t += len(strings.ToLower(header)) + i
	}
	return t
}

func toLowerOut(n int) (t int) {
	v := strings.ToLower(header)
	for i := range n {
		t += len(v) + i
	}
	return t
}

func toLowerCleanIn(n int) (t int) {
	for i := range n {
		t += len(strings.ToLower(lower)) + i
	}
	return t
}

func toLowerCleanOut(n int) (t int) {
	v := strings.ToLower(lower)
	for i := range n {
		t += len(v) + i
	}
	return t
}

func toUpperIn(n int) (t int) {
	for i := range n {
		t += len(strings.ToUpper(header)) + i
	}
	return t
}

func toUpperOut(n int) (t int) {
	v := strings.ToUpper(header)
	for i := range n {
		t += len(v) + i
	}
	return t
}

func trimSpaceIn(n int) (t int) {
	for i := range n {
		t += len(strings.TrimSpace(spaced)) + i
	}
	return t
}

func trimSpaceOut(n int) (t int) {
	v := strings.TrimSpace(spaced)
	for i := range n {
		t += len(v) + i
	}
	return t
}

func splitIn(n int) (t int) {
	for i := range n {
		t += len(strings.Split(csv, sep)) + i
	}
	return t
}

func splitOut(n int) (t int) {
	v := strings.Split(csv, sep)
	for i := range n {
		t += len(v) + i
	}
	return t
}

func fieldsIn(n int) (t int) {
	for i := range n {
		t += len(strings.Fields(words)) + i
	}
	return t
}

func fieldsOut(n int) (t int) {
	v := strings.Fields(words)
	for i := range n {
		t += len(v) + i
	}
	return t
}

func repeatIn(n int) (t int) {
	for i := range n {
		t += len(strings.Repeat(dash, width)) + i
	}
	return t
}

func repeatOut(n int) (t int) {
	v := strings.Repeat(dash, width)
	for i := range n {
		t += len(v) + i
	}
	return t
}

func joinIn(n int) (t int) {
	for i := range n {
		t += len(strings.Join(parts, sep)) + i
	}
	return t
}

func joinOut(n int) (t int) {
	v := strings.Join(parts, sep)
	for i := range n {
		t += len(v) + i
	}
	return t
}

func replaceAllIn(n int) (t int) {
	for i := range n {
		t += len(strings.ReplaceAll(dashed, dash, sep)) + i
	}
	return t
}

func replaceAllOut(n int) (t int) {
	v := strings.ReplaceAll(dashed, dash, sep)
	for i := range n {
		t += len(v) + i
	}
	return t
}

func newReplacerIn(n int) (t int) {
	for i := range n {
		t += len(strings.NewReplacer(dash, sep).Replace(dashed)) + i
	}
	return t
}

func newReplacerOut(n int) (t int) {
	r := strings.NewReplacer(dash, sep)
	for i := range n {
		t += len(r.Replace(dashed)) + i
	}
	return t
}

func bytesIn(n int) (t int) {
	for i := range n {
		t += count(dash[0], []byte(text64)) + i
	}
	return t
}

func bytesOut(n int) (t int) {
	v := []byte(text64)
	for i := range n {
		t += count(dash[0], v) + i
	}
	return t
}

// count is kept out of line so that the conversion's result escapes
// into a call, as it does in real code.
//
//go:noinline
func count(c byte, b []byte) int {
	if len(b) > 0 && b[0] == c {
		return 1
	}
	return len(b)
}

func runesIn(n int) (t int) {
	for i := range n {
		t += len([]rune(text64)) + i
	}
	return t
}

func runesOut(n int) (t int) {
	v := []rune(text64)
	for i := range n {
		t += len(v) + i
	}
	return t
}

func itoaIn(n int) (t int) {
	for i := range n {
		t += len(strconv.Itoa(number)) + i
	}
	return t
}

func itoaOut(n int) (t int) {
	v := strconv.Itoa(number)
	for i := range n {
		t += len(v) + i
	}
	return t
}

func itoaSmallIn(n int) (t int) {
	for i := range n {
		t += len(strconv.Itoa(small)) + i
	}
	return t
}

func itoaSmallOut(n int) (t int) {
	v := strconv.Itoa(small)
	for i := range n {
		t += len(v) + i
	}
	return t
}

func formatFloatIn(n int) (t int) {
	for i := range n {
		t += len(strconv.FormatFloat(float, 'f', 3, 64)) + i
	}
	return t
}

func formatFloatOut(n int) (t int) {
	v := strconv.FormatFloat(float, 'f', 3, 64)
	for i := range n {
		t += len(v) + i
	}
	return t
}

func formatBoolIn(n int) (t int) {
	for i := range n {
		t += len(strconv.FormatBool(flag)) + i
	}
	return t
}

func formatBoolOut(n int) (t int) {
	v := strconv.FormatBool(flag)
	for i := range n {
		t += len(v) + i
	}
	return t
}

func sprintfIn(n int) (t int) {
	for i := range n {
		t += len(fmt.Sprintf("%s:%d", header, number)) + i
	}
	return t
}

func sprintfOut(n int) (t int) {
	v := fmt.Sprintf("%s:%d", header, number)
	for i := range n {
		t += len(v) + i
	}
	return t
}

func sprintIn(n int) (t int) {
	for i := range n {
		t += len(fmt.Sprint(number)) + i
	}
	return t
}

func sprintOut(n int) (t int) {
	v := fmt.Sprint(number)
	for i := range n {
		t += len(v) + i
	}
	return t
}

func loadLocationIn(n int) (t int) {
	for i := range n {
		loc, _ := time.LoadLocation(zone)
		t += len(loc.String()) + i
	}
	return t
}

func loadLocationOut(n int) (t int) {
	loc, _ := time.LoadLocation(zone)
	for i := range n {
		t += len(loc.String()) + i
	}
	return t
}

func cleanIn(n int) (t int) {
	for i := range n {
		t += len(filepath.Clean(dirty)) + i
	}
	return t
}

func cleanOut(n int) (t int) {
	v := filepath.Clean(dirty)
	for i := range n {
		t += len(v) + i
	}
	return t
}

func cleanCleanIn(n int) (t int) {
	for i := range n {
		t += len(filepath.Clean(clean)) + i
	}
	return t
}

func cleanCleanOut(n int) (t int) {
	v := filepath.Clean(clean)
	for i := range n {
		t += len(v) + i
	}
	return t
}

func filepathJoinIn(n int) (t int) {
	for i := range n {
		t += len(filepath.Join(dir, relative)) + i
	}
	return t
}

func filepathJoinOut(n int) (t int) {
	v := filepath.Join(dir, relative)
	for i := range n {
		t += len(v) + i
	}
	return t
}

func absIn(n int) (t int) {
	for i := range n {
		v, _ := filepath.Abs(relative)
		t += len(v) + i
	}
	return t
}

func absOut(n int) (t int) {
	v, _ := filepath.Abs(relative)
	for i := range n {
		t += len(v) + i
	}
	return t
}

func pathJoinIn(n int) (t int) {
	for i := range n {
		t += len(path.Join(dir, relative)) + i
	}
	return t
}

func pathJoinOut(n int) (t int) {
	v := path.Join(dir, relative)
	for i := range n {
		t += len(v) + i
	}
	return t
}

func urlParseIn(n int) (t int) {
	for i := range n {
		u, _ := url.Parse(rawURL)
		t += len(u.Host) + i
	}
	return t
}

func urlParseOut(n int) (t int) {
	u, _ := url.Parse(rawURL)
	for i := range n {
		t += len(u.Host) + i
	}
	return t
}

func marshalIn(n int) (t int) {
	for i := range n {
		b, _ := json.Marshal(record)
		t += len(b) + i
	}
	return t
}

func marshalOut(n int) (t int) {
	b, _ := json.Marshal(record)
	for i := range n {
		t += len(b) + i
	}
	return t
}

// constLowerIn calls strings.ToLower with a constant argument: the
// compiler does not fold or hoist it either (see doc.go), but the
// analyzer leaves all-constant calls alone by the spec.
func constLowerIn(n int) (t int) {
	for i := range n {
		t += len(strings.ToLower("Content-Type")) + i
	}
	return t
}

func constLowerOut(n int) (t int) {
	v := strings.ToLower("Content-Type")
	for i := range n {
		t += len(v) + i
	}
	return t
}

// constBytesIn converts a constant string whose result does not escape:
// the compiler builds it in a stack buffer.
func constBytesIn(n int) (t int) {
	for i := range n {
		t += int([]byte("Content-Type")[i%12]) + i
	}
	return t
}

func constBytesOut(n int) (t int) {
	v := []byte("Content-Type")
	for i := range n {
		t += int(v[i%12]) + i
	}
	return t
}

type costCase struct {
	name            string
	inLoop, hoisted func(n int) int
}

var costCases = []costCase{
	{"strings.ToLower", toLowerIn, toLowerOut},
	{"strings.ToLower/already-lower", toLowerCleanIn, toLowerCleanOut},
	{"strings.ToUpper", toUpperIn, toUpperOut},
	{"strings.TrimSpace", trimSpaceIn, trimSpaceOut},
	{"strings.Split", splitIn, splitOut},
	{"strings.Fields", fieldsIn, fieldsOut},
	{"strings.Repeat", repeatIn, repeatOut},
	{"strings.Join", joinIn, joinOut},
	{"strings.ReplaceAll", replaceAllIn, replaceAllOut},
	{"strings.NewReplacer", newReplacerIn, newReplacerOut},
	{"[]byte(s)", bytesIn, bytesOut},
	{"[]rune(s)", runesIn, runesOut},
	{"strconv.Itoa", itoaIn, itoaOut},
	{"strconv.Itoa/small", itoaSmallIn, itoaSmallOut},
	{"strconv.FormatFloat", formatFloatIn, formatFloatOut},
	{"strconv.FormatBool", formatBoolIn, formatBoolOut},
	{"fmt.Sprintf", sprintfIn, sprintfOut},
	{"fmt.Sprint", sprintIn, sprintOut},
	{"time.LoadLocation", loadLocationIn, loadLocationOut},
	{"filepath.Clean", cleanIn, cleanOut},
	{"filepath.Clean/already-clean", cleanCleanIn, cleanCleanOut},
	{"filepath.Join", filepathJoinIn, filepathJoinOut},
	{"filepath.Abs", absIn, absOut},
	{"path.Join", pathJoinIn, pathJoinOut},
	{"url.Parse", urlParseIn, urlParseOut},
	{"json.Marshal", marshalIn, marshalOut},
	{"const/strings.ToLower", constLowerIn, constLowerOut},
	{"const/[]byte", constBytesIn, constBytesOut},
}

// BenchmarkHoist measures, for each entry, a 100-iteration loop calling
// it with invariant arguments against the loop with the call hoisted.
func BenchmarkHoist(b *testing.B) {
	const n = 100
	for _, c := range costCases {
		b.Run(c.name+"/loop", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink += c.inLoop(n)
			}
		})
		b.Run(c.name+"/hoisted", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink += c.hoisted(n)
			}
		})
	}
}

var sink int

// TestCostVariantsAgree keeps the benchmark honest: each pair computes
// the same result.
func TestCostVariantsAgree(t *testing.T) {
	for _, c := range costCases {
		for _, n := range []int{0, 1, 12, 100} {
			if got, want := c.inLoop(n), c.hoisted(n); got != want {
				t.Errorf("%s, n=%d: in the loop %d, hoisted %d", c.name, n, got, want)
			}
		}
	}
}
