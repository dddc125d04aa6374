package silent

import (
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The argument changes on every iteration.
func perElement(xs []string) (n int) {
	for _, x := range xs {
		n += len(strings.ToLower(x))
	}
	return n
}

type rec struct{ name string }

// The argument is read through memory the loop writes.
func writtenField(r *rec, xs []string) (n int) {
	for _, x := range xs {
		r.name = x
		n += len(strings.ToUpper(r.name))
	}
	return n
}

var current = "a"

func advance() { current += "a" }

// A package-level variable, with a call to this package's code, which
// may assign it, in the loop.
func writtenGlobal(xs []string) (n int) {
	for range xs {
		n += len(strings.ToUpper(current))
		advance()
	}
	return n
}

// The elements of the joined slice change in the loop.
func joinWritten(parts []string, xs []string) (out []string) {
	for _, x := range xs {
		parts[0] = x
		out = append(out, strings.Join(parts, ","))
	}
	return out
}

// The result is mutated: each iteration needs its own.
func mutatedRunes(xs []int, s string) (out []string) {
	for _, x := range xs {
		r := []rune(s)
		r[0] = rune(x)
		out = append(out, string(r))
	}
	return out
}

// The result is kept past the iteration.
func storedFields(xs []string, s string) (out [][]string) {
	for range xs {
		out = append(out, strings.Fields(s))
	}
	return out
}

// The result is appended to, which may write into its spare capacity.
func appended(xs []string, s string) (n int) {
	for _, x := range xs {
		parts := strings.Split(s, ",")
		parts = append(parts, x)
		n += len(parts)
	}
	return n
}

// The result is passed to code that may keep or modify it.
func passedOn(xs []string, s string, sink func([]string)) {
	for range xs {
		sink(strings.Split(s, ","))
	}
}

// The parsed URL is modified in the loop.
func mutatedURL(xs []string, raw string) (out []string) {
	for _, x := range xs {
		u, err := url.Parse(raw)
		if err != nil {
			return nil
		}
		u.Path = x
		out = append(out, u.String())
	}
	return out
}

// The encoding is written to an io.Writer, which may keep it.
func written(w io.Writer, xs []string, v struct{ A int }) {
	for range xs {
		b, _ := json.Marshal(v)
		w.Write(b)
	}
}

// A cold loop: a constant trip count below the threshold.
func cold(s string) (n int) {
	for i := 0; i < 4; i++ {
		n += len(strings.ToLower(s)) + i
	}
	return n
}

// The call runs only in a branch that not every iteration takes.
func branch(xs []string, s string) (n int) {
	for _, x := range xs {
		if x == "" {
			n += len(strings.ToLower(s))
		}
	}
	return n
}

// Every argument is a constant.
func constant(xs []string) (n int) {
	for _, x := range xs {
		if x == strings.ToLower("Content-Type") {
			n++
		}
	}
	return n
}

type named struct{ v int }

func (n named) String() string { return strconv.Itoa(n.v) }

// fmt calls the operands' String methods, which may do anything.
func stringer(xs []string, d time.Duration, v named) (out []string) {
	for _, x := range xs {
		out = append(out, x+fmt.Sprint(d)+fmt.Sprintf("%v", v))
	}
	return out
}

// An operand of interface type may hold anything.
func anyOperand(xs []string, v any) (out []string) {
	for _, x := range xs {
		out = append(out, x+fmt.Sprint(v))
	}
	return out
}

type withPointer struct{ P *int }

// json.Marshal follows the pointer, whose target the loop may change.
func encodedPointer(xs []int, v withPointer) (n int) {
	for _, x := range xs {
		*v.P = x
		b, _ := json.Marshal(v)
		n += len(b)
	}
	return n
}

// The loop synchronises with other goroutines, which may write c.sep
// between iterations.
func synchronised(jobs <-chan string, c *config) (n int) {
	for j := range jobs {
		n += len(strings.Split(j, c.sep)) + len(strings.ToLower(c.sep))
	}
	return n
}

type config struct{ sep string }

// Measured as free: a read-only []byte conversion costs nothing (the
// compiler reuses the string's bytes) and FormatBool returns a constant.
func free(xs []byte, s string, b bool) (n int) {
	for _, x := range xs {
		if []byte(s)[0] == x {
			n++
		}
		n += len(strconv.FormatBool(b))
	}
	return n
}

// The body of a range-over-func statement: the iterator runs arbitrary
// code between yields.
func rangeFunc(seq iter.Seq[string], c *config) (n int) {
	for x := range seq {
		n += len(x) + len(strings.ToLower(c.sep))
	}
	return n
}

// Strings ranged once are the stringsseq modernizer's business, not this
// analyzer's: the range operand is evaluated once.
func rangedOnce(s string) (n int) {
	for _, f := range strings.Fields(s) {
		n += len(f)
	}
	return n
}

// A benchmark's timing loop repeats the call on purpose.
func benchLower(b *testing.B, s string) {
	for i := 0; i < b.N; i++ {
		_ = strings.ToLower(s)
	}
	for b.Loop() {
		_ = strings.ToUpper(s)
	}
}
