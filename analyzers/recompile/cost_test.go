package recompile_test

import (
	"fmt"
	"io"
	"regexp"
	"testing"
	"text/template"
)

// pattern is a typical validation regexp: an e-mail address, loosely.
const pattern = `^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$`

// BenchmarkRecompile compares compiling a regexp for every input (what
// the analyzer reports: MustCompile or MatchString in a loop or handler)
// with compiling it once (its remedy), per matched input.
func BenchmarkRecompile(b *testing.B) {
	inputs := addresses(1_000)
	b.Run("regexp/per-input", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, s := range inputs {
				//perfvet:ignore recompile the benchmark measures compiling once per input against once per run
				sinkBool = regexp.MustCompile(pattern).MatchString(s)
			}
		}
	})
	b.Run("regexp/MatchString", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, s := range inputs {
				//lint:ignore SA6000 the benchmark measures compiling once per input
				//perfvet:ignore recompile the benchmark measures compiling once per input against once per run
				sinkBool, _ = regexp.MatchString(pattern, s)
			}
		}
	})
	b.Run("regexp/once", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			//perfvet:ignore recompile the benchmark measures compiling once per input against once per run
			re := regexp.MustCompile(pattern)
			for _, s := range inputs {
				sinkBool = re.MatchString(s)
			}
		}
	})
	rows := addresses(100)
	b.Run("template/per-input", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, row := range rows {
				//perfvet:ignore recompile the benchmark measures compiling once per input against once per run
				t := template.Must(template.New("row").Parse(rowText))
				_ = t.Execute(io.Discard, row)
			}
		}
	})
	b.Run("template/once", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			//perfvet:ignore recompile the benchmark measures compiling once per input against once per run
			t := template.Must(template.New("row").Parse(rowText))
			for _, row := range rows {
				_ = t.Execute(io.Discard, row)
			}
		}
	})
}

const rowText = `<tr><td>{{.}}</td><td>{{len .}}</td>{{if gt (len .) 10}}<td>long</td>{{end}}</tr>`

var sinkBool bool

// addresses returns n inputs, every other one a valid address.
func addresses(n int) []string {
	out := make([]string, n)
	for i := range out {
		if i%2 == 0 {
			out[i] = fmt.Sprintf("user%d@example.com", i)
		} else {
			out[i] = fmt.Sprintf("not an address %d", i)
		}
	}
	return out
}
