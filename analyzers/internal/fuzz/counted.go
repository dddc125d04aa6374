package fuzz

import (
	"fmt"
	"go/format"
	"strings"
)

// This file generates programs for the trip-count oracle: a main
// package whose functions loop0, loop1, ... each run one loop, count
// its iterations, and return the count with the value of the bound the
// loop is written against. Running the program gives the real counts,
// to compare with what tripcount says of each loop.

// CountedLoop is what the generator knows of one loop of a counted
// program.
type CountedLoop struct {
	// Func is the name of the function that holds the loop.
	Func string
	// Bound is the source of the loop's bound as tripcount should name
	// it (len(xs), int(n)), or "" when the bound is a constant or the
	// generator makes no claim about it.
	Bound string
}

// Maximum number of loops in one counted program.
const maxCountedLoops = 12

// GenerateCounted returns a main program of counted loops built from
// data, and what it knows of each loop. The same data always yields the
// same program, and every program terminates.
func GenerateCounted(data []byte) ([]byte, []CountedLoop) {
	g := &countGen{gen: gen{in: data}}
	g.line("package main")
	g.line("")
	g.line(`import "fmt"`)
	g.line("")
	g.line(`var keep = []int{4, 5, 6}`)
	g.line(`var long = []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}`)
	g.line("var sink int")
	g.line("")
	for i := range 2 + g.choose(maxCountedLoops-1) {
		g.loopFunc(fmt.Sprintf("loop%d", i))
	}
	g.mainFunc()
	out := []byte(g.out.String())
	if formatted, err := format.Source(out); err == nil {
		out = formatted
	}
	return out, g.loops
}

type countGen struct {
	gen
	loops []CountedLoop
	calls []string // the calls main makes, one per loop function
}

// shape is one way to write a loop: its header, the counter name the
// body may read (or ""), the bound tripcount should name, and the
// statement that closes it.
type shape struct {
	header, index, bound, closing string
	// pre declares what the header needs; step ends a goto or while
	// loop's iteration; exit leaves the loop early.
	pre, step, exit string
}

func (g *countGen) loopFunc(name string) {
	g.open("func %s(n int, xs []int, s string, m map[int]int) (count, bound int) {", name)
	sh := g.shape(name)
	if sh.pre != "" {
		g.line("%s", sh.pre)
	}
	bound := "0"
	if sh.bound != "" {
		bound = boundValue(sh.bound)
	}
	g.line("bound = %s", bound)
	if sh.exit == "" {
		sh.exit = "break"
	}
	label := ""
	if sh.step == "" && g.choose(4) == 0 {
		label = "outer" + name
		g.indent--
		g.line("%s:", label)
		g.indent++
	}
	g.open("%s", sh.header)
	g.line("count++")
	if sh.index != "" {
		g.line("sink += %s", sh.index)
	}
	if label != "" {
		g.line("for _, y := range xs {\n\tif y == %d {\n\t\tcontinue %s\n\t}\n}", g.choose(5), label)
	}
	g.extras(sh.index, sh.step, sh.exit)
	if sh.step != "" {
		g.line("%s", sh.step)
	}
	g.close(sh.closing)
	g.line("return count, bound")
	g.close("}")
	g.line("")
	g.loops = append(g.loops, CountedLoop{Func: name, Bound: sh.bound})
	g.calls = append(g.calls, name+g.arguments())
}

// boundValue turns the name tripcount gives a bound into the Go
// expression of its value.
func boundValue(bound string) string {
	if strings.HasPrefix(bound, "int(") {
		return strings.TrimSuffix(strings.TrimPrefix(bound, "int("), ")")
	}
	return bound
}

func (g *countGen) shape(name string) shape {
	start := g.pick([]string{"0", "1", "2", "-1"})
	switch g.choose(9) {
	case 0: // three clauses, counting up
		op, bound := g.pick([]string{"<", "<="}), g.pick([]string{"n", "len(xs)", "5", "12"})
		step := g.pick([]string{"i++", "i += 2", "i += 3"})
		return shape{header: fmt.Sprintf("for i := %s; i %s %s; %s {", start, op, bound, step), index: "i", bound: named(bound), closing: "}"}
	case 1: // three clauses, != on a length
		return shape{header: "for i := 0; i != len(xs); i++ {", index: "i", bound: "len(xs)", closing: "}"}
	case 2: // three clauses, counting down
		from := g.pick([]string{"n", "n - 1", "len(xs) - 1", "10"})
		op, stop := g.pick([]string{">", ">="}), g.pick([]string{"0", "-1", "2"})
		return shape{header: fmt.Sprintf("for i := %s; i %s %s; i-- {", from, op, stop), index: "i", bound: downBound(from), closing: "}"}
	case 3: // range over an integer
		bound := g.pick([]string{"n", "5", "12", "len(xs)", "min(n, 4)"})
		return shape{header: fmt.Sprintf("for i := range %s {", bound), index: "i", bound: named(bound), closing: "}"}
	case 4: // range over a slice
		coll := g.pick([]string{"xs", "keep", "long", "keep[:2]", "long[:9]", "xs[:min(2, len(xs))]", "[]int{1, 2, 3}"})
		bound := ""
		if coll == "xs" {
			bound = "len(xs)"
		}
		return shape{header: fmt.Sprintf("for i := range %s {", coll), index: "i", bound: bound, closing: "}"}
	case 5: // range over a string or a map
		coll := g.pick([]string{"s", "m"})
		return shape{header: fmt.Sprintf("for range %s {", coll), bound: "len(" + coll + ")", closing: "}"}
	case 6: // goto
		bound := g.pick([]string{"n", "len(xs)", "6"})
		return shape{
			pre:     "i := " + start,
			header:  fmt.Sprintf("%s:\n\tif i >= %s {\n\t\tgoto done%s\n\t}\n\t{", name, bound, name),
			index:   "i",
			bound:   named(bound),
			step:    "i++",
			exit:    "goto done" + name,
			closing: fmt.Sprintf("}\n\tgoto %s\ndone%s:", name, name),
		}
	case 7: // condition only
		bound := g.pick([]string{"n", "len(xs)", "9"})
		return shape{pre: "i := " + start, header: fmt.Sprintf("for i < %s {", bound), index: "i", bound: named(bound), step: "i++", closing: "}"}
	}
	// A loop variable that a closure captures: a fresh copy per
	// iteration.
	bound := g.pick([]string{"n", "len(xs)", "10"})
	return shape{
		header:  fmt.Sprintf("for i := %s; i < %s; i++ {\n\tf := func() int { return i }\n\tsink += f()", start, bound),
		index:   "i",
		bound:   named(bound),
		closing: "}",
	}
}

// named returns the name tripcount gives a bound expression, "" for a
// constant.
func named(bound string) string {
	switch {
	case bound == "" || bound[0] >= '0' && bound[0] <= '9':
		return ""
	case strings.HasPrefix(bound, "len("):
		return bound
	}
	return "int(" + bound + ")"
}

// downBound names the bound of a loop counting down from from.
func downBound(from string) string {
	switch from {
	case "n", "n - 1":
		return "int(n)"
	case "len(xs) - 1":
		return "len(xs)"
	}
	return ""
}

// extras writes up to two statements into a loop body: branches that
// stay in the loop, an early exit. A loop whose step ends its body
// (goto, condition only) gets no continue, which would skip the step.
func (g *countGen) extras(index, step, exit string) {
	for range g.choose(3) {
		switch g.choose(4) {
		case 0:
			if index != "" && step == "" {
				g.line("if %s%%2 == 0 {\n\tcontinue\n}", index)
			}
		case 1:
			g.line("if count == %d {\n\t%s\n}", 1+g.choose(4), exit)
		case 2:
			if index != "" {
				g.line("if %s < 4 {\n\tsink++\n}", index)
			}
		case 3:
			g.line("sink += count")
		}
	}
}

// arguments returns the arguments of one call of a loop function.
func (g *countGen) arguments() string {
	n := g.pick([]string{"-1", "0", "1", "3", "7", "20"})
	xs := make([]string, g.choose(10))
	for i := range xs {
		xs[i] = fmt.Sprint(g.choose(6))
	}
	s := g.pick([]string{`""`, `"ab"`, `"héllo"`, `"go, perfvet"`})
	m := make([]string, g.choose(5))
	for i := range m {
		m[i] = fmt.Sprintf("%d: %d", i, i)
	}
	return fmt.Sprintf("(%s, []int{%s}, %s, map[int]int{%s})", n, strings.Join(xs, ", "), s, strings.Join(m, ", "))
}

func (g *countGen) mainFunc() {
	g.open("func main() {")
	for _, call := range g.calls {
		g.line("fmt.Println(%s)", call)
	}
	g.close("}")
}
