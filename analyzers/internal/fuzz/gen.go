// Package fuzz generates Go packages dense with loops from fuzzer input
// and runs every perfvet analyzer and pass over them in memory. Its test
// file holds the go test -fuzz targets; their seed corpora run with the
// unit tests.
//
// The generator reads its input as a stream of choices (which statement,
// which loop shape, how deep), so that every input yields a package that
// type-checks and small mutations of the input make small changes to the
// program: the fuzzer explores program shapes rather than syntax errors.
package fuzz

import (
	"fmt"
	"go/format"
	"slices"
	"strings"
)

// Limits that keep every generated package small enough to analyse in
// milliseconds.
const (
	maxDepth      = 5  // loops (and function literals) nested in one another
	maxBlock      = 5  // statements in one block
	maxFuncs      = 4  // functions in one package
	minStatements = 20 // statement budget of a package, before the input adds to it
)

// Generate returns the source of a package p built from data. The same
// data always yields the same source; once data is used up every choice
// takes its first option, so generation always ends.
func Generate(data []byte) []byte {
	g := &gen{in: data}
	g.budget = minStatements + g.choose(100)
	g.header()
	for range 1 + g.choose(maxFuncs) {
		g.function()
	}
	out := []byte(g.out.String())
	if formatted, err := format.Source(out); err == nil {
		out = formatted // easier to read when a case fails
	}
	return out
}

// gen is the state of one generation.
type gen struct {
	in      []byte // choices not yet made
	out     strings.Builder
	indent  int
	budget  int  // statements still to generate
	names   int  // suffix of the last fresh identifier
	usedEnd bool // the current function has a goto end
}

// choose consumes one choice among n options.
func (g *gen) choose(n int) int {
	if len(g.in) == 0 || n <= 1 {
		return 0
	}
	b := g.in[0]
	g.in = g.in[1:]
	return int(b) % n
}

// pick returns one of options.
func (g *gen) pick(options []string) string {
	return options[g.choose(len(options))]
}

// fresh returns a new identifier starting with prefix.
func (g *gen) fresh(prefix string) string {
	g.names++
	return fmt.Sprintf("%s%d", prefix, g.names)
}

// line writes one line of code at the current indentation.
func (g *gen) line(format string, args ...any) {
	g.out.WriteString(strings.Repeat("\t", g.indent))
	fmt.Fprintf(&g.out, format, args...)
	g.out.WriteByte('\n')
}

// open writes a line that opens a block and indents what follows.
func (g *gen) open(format string, args ...any) {
	g.line(format, args...)
	g.indent++
}

// close ends a block opened by open, writing the closing line.
func (g *gen) close(closing string) {
	g.indent--
	g.line("%s", closing)
}

// header writes the package clause, imports and the types and helpers
// that every function uses.
func (g *gen) header() {
	g.out.WriteString(`package p

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

type Config struct {
	limit int
	names []string
}

type T struct {
	name  string
	items []int
	cfg   *Config
	next  *T
}

type Box[E comparable] struct {
	items []E
	limit int
}

type Path string

func use(...any) {}

func seq(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

var (
	_ = fmt.Sprint
	_ = maps.Keys[map[string]int]
	_ = slices.Contains[[]int]
	_ = strings.ToUpper
	_ = atomic.AddInt64
	_ sync.Mutex
)

`)
}

// function writes one function: a plain function, a generic one, a
// method, a method of a generic type, or a function literal called to
// initialise a package-level variable.
func (g *gen) function() {
	elem, box, closing := "int", false, "}"
	switch g.choose(5) {
	case 0:
		g.open("func %s(%s) (out string) {", g.fresh("f"), params("int", true))
	case 1:
		elem = "E"
		g.open("func %s[E comparable](%s) (out string) {", g.fresh("g"), params(elem, true))
	case 2:
		g.open("func (p *T) %s(%s) (out string) {", g.fresh("m"), params("int", false))
	case 3:
		elem, box = "E", true
		g.open("func (bx *Box[E]) %s(%s) (out string) {", g.fresh("b"), params(elem, true))
	case 4:
		g.open("var %s = func(%s) (out string) {", g.fresh("v"), params("int", true))
		closing = `}(nil, nil, nil, "", nil, 0, nil, nil, nil, [8]int{}, [3]int{}, 0)`
	}
	g.body(elem, box)
	g.close(closing)
	g.out.WriteByte('\n')
}

// params lists a function's parameters; withP says whether p *T is one
// of them (a method has it as its receiver).
func params(elem string, withP bool) string {
	ps := []string{"xs []" + elem, "ys []string", "m map[string]int", "s string", "ch chan int", "n int"}
	if withP {
		ps = append(ps, "p *T")
	}
	ps = append(ps, "q *int", "ps *string", "arr [8]int", "small [3]int", "v "+elem)
	return strings.Join(ps, ", ")
}

// body writes the locals every statement may use, a block of generated
// statements, and the uses that keep the locals from being unused. box
// says whether the function is a method of Box.
func (g *gen) body(elem string, box bool) {
	g.line("var acc string")
	g.line("var res []%s", elem)
	g.line("var names []string")
	g.line("var bs []byte")
	g.line("var pth Path")
	g.line("set := map[string]int{}")
	g.line("seen := map[%s]bool{}", elem)
	g.line("cnt := 0")
	g.line("var c64 int64")
	g.line("var wg sync.WaitGroup")
	g.line("var mu sync.Mutex")
	g.line("var sb strings.Builder")
	g.line("sem := make(chan struct{}, 4)")
	g.line("var once sync.Once")
	g.line("var running atomic.Int64")
	g.line("lv := T{}")
	g.usedEnd = false
	ints := []string{"n", "cnt", "len(xs)", "len(ys)", "p.cfg.limit", "*q", "arr[1]", "small[2]", "len(s)", "int(c64)", "len(lv.items)"}
	if box {
		ints = append(ints, "len(bx.items)", "bx.limit")
	}
	elems := []string{"v"}
	if elem == "int" {
		elems = append(elems, "n", "cnt")
	}
	c := ctx{
		scope: scope{
			ints:  ints,
			strs:  []string{"s", "p.name", `"k"`, "fmt.Sprint(n)", "strings.ToUpper(s)", "*ps", "lv.name"},
			elems: elems,
		},
		elem: elem,
	}
	g.open("{")
	g.block(c)
	g.close("}")
	if g.usedEnd {
		g.indent--
		g.line("end:")
		g.indent++
	}
	g.line("use(acc, res, names, bs, pth, set, seen, cnt, c64, &wg, &mu, sb.String(), sem, &once, &running, lv)")
	g.line("return acc")
}

// scope lists, by type, the expressions a statement may read.
type scope struct {
	ints  []string // of type int
	strs  []string // of type string
	elems []string // of the element type of xs: int, or E in generic code
}

// ctx is where a statement is generated.
type ctx struct {
	scope
	elem    string   // the element type: "int" or "E"
	depth   int      // loops and function literals around the statement
	inLoop  bool     // break and continue are legal
	labels  []string // labels of the enclosing loops of this function
	index   string   // the induction variable of the innermost counted loop
	closure bool     // in a function literal: no goto end; return takes no value
}

// with returns c with more readable expressions, without sharing the
// backing arrays of c's lists.
func (c ctx) with(ints, strs, elems []string) ctx {
	c.ints = append(slices.Clip(c.ints), ints...)
	c.strs = append(slices.Clip(c.strs), strs...)
	c.elems = append(slices.Clip(c.elems), elems...)
	return c
}

func (g *gen) anInt(c ctx) string  { return g.pick(c.ints) }
func (g *gen) aStr(c ctx) string   { return g.pick(c.strs) }
func (g *gen) anElem(c ctx) string { return g.pick(c.elems) }

// cond returns a boolean expression over the scope.
func (g *gen) cond(c ctx) string {
	return fmt.Sprintf("%s > %d", g.anInt(c), g.choose(10))
}

// block writes 1 to maxBlock statements.
func (g *gen) block(c ctx) {
	for range 1 + g.choose(maxBlock) {
		if g.budget <= 0 {
			g.line("cnt++")
			return
		}
		g.stmt(c)
	}
}

// stmt writes one statement of a kind chosen by the input.
func (g *gen) stmt(c ctx) {
	g.budget--
	kinds := []func(ctx){
		g.loop, g.concat, g.appendStmt, g.mapStmt, g.fieldStmt, g.membership,
		g.goStmt, g.closure, g.control, g.ifStmt, g.switchStmt, g.chanStmt,
		g.syncStmt, g.loop,
	}
	kinds[g.choose(len(kinds))](c)
}

// nested returns the context of a loop body nested in c.
func nested(c ctx) ctx {
	c.depth++
	c.inLoop = true
	c.index = ""
	return c
}

// loop writes a loop of a shape chosen by the input, possibly labelled,
// whose body is a generated block.
func (g *gen) loop(c ctx) {
	if c.depth >= maxDepth || g.budget <= 0 {
		g.concat(c)
		return
	}
	shape := g.choose(20)
	if shape == 19 {
		g.gotoLoop(c)
		return
	}
	label := ""
	if g.choose(4) == 0 {
		label = g.fresh("L")
		g.indent--
		g.line("%s:", label)
		g.indent++
	}
	inner, header, vars := g.loopHeader(nested(c), shape)
	if label != "" {
		inner.labels = append(slices.Clip(inner.labels), label)
	}
	g.open("%s {", header)
	if len(vars) > 0 {
		// Every loop variable is used at once, so that none is unused.
		g.line("%s = %s", strings.Repeat("_, ", len(vars)-1)+"_", strings.Join(vars, ", "))
	}
	if label != "" && g.choose(2) == 0 {
		g.line("if %s { continue %s }", g.cond(inner), label)
	}
	g.block(inner)
	switch {
	case label != "":
		g.line("if %s { break %s }", g.cond(inner), label)
	case shape == 14:
		g.line("if %s { break }", g.cond(inner)) // for {} needs a way out
	}
	g.close("}")
}

// loopHeader returns the header of a loop of the given shape, the
// context of its body, in which the loop's variables are readable, and
// those variables.
func (g *gen) loopHeader(c ctx, shape int) (body ctx, header string, vars []string) {
	i, x := g.fresh("i"), g.fresh("x")
	bounds := []string{"n", "len(xs)", "3", "100", "p.cfg.limit", "len(p.items)", "cnt", "len(s)"}
	switch shape {
	case 0, 1, 2:
		c.index = i
		forms := []string{"for %[1]s := 0; %[1]s < %[2]s; %[1]s++", "for %[1]s := %[2]s - 1; %[1]s >= 0; %[1]s--", "for %[1]s := 0; %[1]s < %[2]s; %[1]s += 2"}
		return c.with([]string{i}, nil, nil), fmt.Sprintf(forms[shape], i, g.pick(bounds)), []string{i}
	case 4:
		return c.with([]string{i, x}, nil, nil), fmt.Sprintf("for %s, %s := range %s", i, x, g.pick([]string{"arr", "&arr", "small", "[]int{1, 2}"})), []string{i, x}
	case 5:
		return c.with([]string{x}, []string{i}, nil), fmt.Sprintf("for %s, %s := range m", i, x), []string{i, x}
	case 6:
		return c.with([]string{i, "int(" + x + ")"}, []string{"string(" + x + ")"}, nil), fmt.Sprintf("for %s, %s := range %s", i, x, g.pick([]string{"s", `"héllo"`, "p.name"})), []string{i, x}
	case 7:
		return c.with([]string{x}, nil, nil), fmt.Sprintf("for %s := range ch", x), []string{x}
	case 8:
		return c.with([]string{i}, nil, nil), fmt.Sprintf("for %s := range %s", i, g.pick([]string{"n", "10", "3", "len(xs)", "cnt"})), []string{i}
	case 9:
		return c.with([]string{x}, nil, nil), fmt.Sprintf("for %s := range seq(%s)", x, g.anInt(c)), []string{x}
	case 10:
		return c.with([]string{i}, []string{x}, nil), fmt.Sprintf("for %s, %s := range slices.All(ys)", i, x), []string{i, x}
	case 11:
		return c.with(nil, []string{x}, nil), fmt.Sprintf("for %s := range maps.Keys(m)", x), []string{x}
	case 12:
		return c, fmt.Sprintf("for cnt < %s", g.pick(bounds)), nil
	case 13:
		return c, fmt.Sprintf("for range %s", g.pick([]string{"xs", "n", "ys", "m", "seq(n)"})), nil
	case 14:
		return c, "for", nil
	case 15:
		return c.with(nil, []string{x}, nil), fmt.Sprintf("for _, %s := range ys", x), []string{x}
	case 16:
		return c.with([]string{i, "p.items[" + i + "]"}, nil, nil), fmt.Sprintf("for %s := range p.items", i), []string{i}
	case 17:
		return c.with(nil, []string{x}, nil), fmt.Sprintf("for _, %s := range p.cfg.names", x), []string{x}
	}
	return g.rangeElems(c, i, x)
}

// rangeElems ranges over xs, whose elements have the element type.
func (g *gen) rangeElems(c ctx, i, x string) (ctx, string, []string) {
	strs := []string{"fmt.Sprint(" + x + ")"}
	ints := []string{i}
	if c.elem == "int" {
		ints = append(ints, x)
	}
	return c.with(ints, strs, []string{x}), fmt.Sprintf("for %s, %s := range xs", i, x), []string{i, x}
}

// gotoLoop writes a loop built from a label and a backward goto.
func (g *gen) gotoLoop(c ctx) {
	label, k := g.fresh("G"), g.fresh("k")
	g.open("{")
	g.line("%s := 0", k)
	g.indent--
	g.line("%s:", label)
	g.indent++
	inner := c.with([]string{k}, nil, nil)
	inner.depth++
	g.block(inner)
	g.line("%s++", k)
	g.line("if %s < %s { goto %s }", k, g.anInt(c), label)
	g.close("}")
}

// concat writes a string concatenation, or a use of a builder.
func (g *gen) concat(c ctx) {
	switch g.choose(16) {
	case 0:
		g.line("acc += %s", g.aStr(c))
	case 1:
		g.line("acc = acc + %s", g.aStr(c))
	case 2:
		g.line("acc = %s + acc", g.aStr(c))
	case 3:
		g.line("acc += %s + %q", g.aStr(c), ",")
	case 4:
		g.line(`acc = fmt.Sprintf("%%s,%%d", acc, %s)`, g.anInt(c))
	case 5:
		g.line("acc = fmt.Sprint(acc, %s)", g.aStr(c))
	case 6:
		g.line("out += %s", g.aStr(c))
	case 7:
		g.line("p.name += %s", g.aStr(c))
	case 8:
		g.line("*ps += %s", g.aStr(c))
	case 9:
		line := g.fresh("line")
		g.line("%s := %s + %q", line, g.aStr(c), "!")
		g.line("names = append(names, %s)", line)
	case 10:
		g.line(`acc = ""`)
	case 11:
		g.line("sb.WriteString(%s)", g.aStr(c))
	case 12:
		g.line("bs = append(bs, %s...)", g.aStr(c))
	case 13:
		g.line("pth += Path(%s)", g.aStr(c))
	case 14:
		g.line("lv.name += %s", g.aStr(c))
	case 15:
		g.line("set[%s] += len(acc + %s)", g.aStr(c), g.aStr(c))
	}
}

// appendStmt writes an append or a change to a slice.
func (g *gen) appendStmt(c ctx) {
	switch g.choose(9) {
	case 0:
		g.line("res = append(res, %s)", g.anElem(c))
	case 1:
		g.line("if %s%%2 == 0 { res = append(res, %s) }", g.anInt(c), g.anElem(c))
	case 2:
		g.line("res = append(res, %s, %s)", g.anElem(c), g.anElem(c))
	case 3:
		g.line("names = append(names, %s)", g.aStr(c))
	case 4:
		g.line("res = res[:0]")
	case 5:
		g.line("res = nil")
	case 6:
		g.line("res = append(res, xs...)")
	case 7:
		g.line("res = slices.Grow(res, %s)", g.anInt(c))
	case 8:
		g.line("use(res)")
	}
}

// mapStmt writes a map store, delete or read.
func (g *gen) mapStmt(c ctx) {
	switch g.choose(7) {
	case 0:
		g.line("set[%s] = %s", g.aStr(c), g.anInt(c))
	case 1:
		g.line("set[%s]++", g.aStr(c))
	case 2:
		g.line("seen[%s] = true", g.anElem(c))
	case 3:
		g.line("delete(set, %s)", g.aStr(c))
	case 4:
		g.line("if _, ok := set[%s]; ok { cnt++ }", g.aStr(c))
	case 5:
		g.line("clear(set)")
	case 6:
		g.line("set = map[string]int{}")
	}
}

// fieldStmt writes a load or store through a pointer.
func (g *gen) fieldStmt(c ctx) {
	switch g.choose(12) {
	case 0:
		g.line("cnt += p.cfg.limit")
	case 1:
		g.line("cnt += len(p.items)")
	case 2:
		g.line("if len(p.items) > %d { cnt += p.items[%d] }", 3, 3)
	case 3:
		g.line("p.cfg.limit = %s", g.anInt(c))
	case 4:
		g.line("p.items = append(p.items, %s)", g.anInt(c))
	case 5:
		g.line("p = p.next")
	case 6:
		g.line("cnt += *q")
	case 7:
		g.line("*q = %s", g.anInt(c))
	case 8:
		g.line("cnt += p.next.cfg.limit")
	case 9:
		g.line("names = append(names, p.cfg.names...)")
	case 10:
		g.line("cnt += len(lv.items) + len(lv.name)")
	case 11:
		g.line("*p = T{}")
	}
}

// membership writes a linear search: a call, or a hand-written loop.
func (g *gen) membership(c ctx) {
	switch g.choose(8) {
	case 0:
		g.line("if slices.Contains(ys, %s) { cnt++ }", g.aStr(c))
	case 1:
		g.line("if slices.Index(xs, %s) >= 0 { cnt++ }", g.anElem(c))
	case 2:
		e := g.anElem(c)
		g.line("if !slices.Contains(res, %s) { res = append(res, %s) }", e, e)
	case 3:
		g.line("if slices.ContainsFunc(ys, func(y string) bool { return y == %s }) { cnt++ }", g.aStr(c))
	case 4:
		g.line("if slices.Contains(small[:], %s) { cnt++ }", g.anInt(c))
	case 5:
		g.line("if _, ok := slices.BinarySearch(ys, %s); ok { cnt++ }", g.aStr(c))
	case 6:
		g.searchLoop(c)
	case 7:
		g.line("if slices.Contains([]string{%q, %q}, %s) { cnt++ }", "a", "b", g.aStr(c))
	}
}

// searchLoop writes a hand-written linear search setting a found flag.
func (g *gen) searchLoop(c ctx) {
	found, y := g.fresh("found"), g.fresh("y")
	g.line("%s := false", found)
	g.open("for _, %s := range ys {", y)
	g.line("if %s == %s { %s = true; break }", y, g.aStr(c), found)
	g.close("}")
	g.line("if %s { cnt++ }", found)
}

// goStmt writes a go statement, bounded or not.
func (g *gen) goStmt(c ctx) {
	switch g.choose(11) {
	case 0:
		g.line("go use(%s)", g.anInt(c))
	case 1:
		g.line("wg.Add(1)")
		g.line("go func() { defer wg.Done(); use(%s) }()", g.anElem(c))
	case 2:
		g.line("wg.Go(func() { use(%s) })", g.anInt(c))
	case 3:
		g.line("sem <- struct{}{}")
		g.line("go func() { defer func() { <-sem }(); use(%s) }()", g.anInt(c))
	case 4:
		g.line("go func() { for x := range ch { use(x) } }()")
	case 5:
		g.line("go func() { sem <- struct{}{}; defer func() { <-sem }(); use(%s) }()", g.aStr(c))
	case 6:
		g.open("go func() {")
		g.block(closureCtx(c))
		g.close("}()")
	case 7:
		g.line("if cnt >= %s { <-sem; cnt-- }", g.anInt(c))
		g.line("cnt++")
		g.line("go func() { defer func() { sem <- struct{}{} }(); use(%s) }()", g.anElem(c))
	case 8:
		ret := "return acc"
		if c.closure {
			ret = "return"
		}
		g.line("if running.Load() >= int64(%s) { %s }", g.anInt(c), ret)
		g.line("running.Add(1)")
		g.line("go func() { defer running.Add(-1); use(%s) }()", g.anInt(c))
	case 9:
		tick := g.fresh("tick")
		g.line("%s := ch", tick)
		g.open("select {")
		g.line("case <-%s: %s = nil; go func() { ch <- %s }()", tick, tick, g.anInt(c))
		g.line("case r := <-ch: %s = ch; use(r)", tick)
		g.line("default:")
		g.close("}")
		g.line("use(%s)", tick)
	case 10:
		g.open("once.Do(func() {")
		g.line("sem <- struct{}{}; defer func() { <-sem }()")
		g.line("go use(%s)", g.anInt(c))
		g.close("})")
	}
}

// closureCtx is the context of a function literal's body: no loop of
// the enclosing function can be broken or continued from it.
func closureCtx(c ctx) ctx {
	c.depth++
	c.inLoop = false
	c.labels = nil
	c.index = ""
	c.closure = true
	return c
}

// closure writes a function literal and a call, defer or use of it.
func (g *gen) closure(c ctx) {
	if c.depth >= maxDepth {
		g.line("defer use(%s)", g.anInt(c))
		return
	}
	fn := g.fresh("fn")
	g.open("%s := func() {", fn)
	g.block(closureCtx(c))
	g.close("}")
	g.line("%s", g.pick([]string{fn + "()", "defer " + fn + "()", "use(" + fn + ")", "go " + fn + "()"}))
}

// control writes a jump: break, continue, return, goto out, panic, or a
// change of the induction variable.
func (g *gen) control(c ctx) {
	var options []string
	cond := g.cond(c)
	if c.inLoop {
		options = append(options, "if "+cond+" { break }", "if "+cond+" { continue }", "break")
	}
	for _, l := range c.labels {
		options = append(options, "if "+cond+" { continue "+l+" }", "if "+cond+" { break "+l+" }")
	}
	if c.closure {
		options = append(options, "if "+cond+" { return }")
	} else {
		options = append(options, "if "+cond+" { return acc }", "return acc", "if "+cond+" { goto end }")
	}
	if c.index != "" {
		options = append(options, c.index+" += 2")
	}
	options = append(options, `if `+cond+` { panic("boom") }`)
	stmt := g.pick(options)
	if strings.Contains(stmt, "goto end") {
		g.usedEnd = true
	}
	g.line("%s", stmt)
}

// ifStmt writes an if statement with generated branches.
func (g *gen) ifStmt(c ctx) {
	g.open("if %s {", g.cond(c))
	g.block(c)
	if g.choose(2) == 0 {
		g.close("} else {")
		g.indent++
		g.block(c)
	}
	g.close("}")
}

// switchStmt writes an expression or type switch with generated cases.
func (g *gen) switchStmt(c ctx) {
	if g.choose(3) == 0 {
		x := g.fresh("t")
		g.open("switch %s := any(%s).(type) {", x, g.anElem(c))
		g.line("case int: cnt += %s", x)
		g.line("case string: acc += %s", x)
		g.line("default: use(%s)", x)
		g.close("}")
		return
	}
	g.open("switch %s %% 3 {", g.anInt(c))
	g.line("case 0:")
	g.block(c)
	if g.choose(2) == 0 {
		g.line("fallthrough")
	}
	g.line("case 1:")
	g.block(c)
	g.line("default:")
	g.close("}")
}

// chanStmt writes a channel operation or a select.
func (g *gen) chanStmt(c ctx) {
	switch g.choose(4) {
	case 0:
		g.line("ch <- %s", g.anInt(c))
	case 1:
		g.line("cnt += <-ch")
	case 2:
		x := g.fresh("r")
		g.line("select { case ch <- %s: case %s := <-ch: use(%s); default: }", g.anInt(c), x, x)
	case 3:
		x := g.fresh("r")
		g.line("if %s, ok := <-ch; ok { cnt += %s }", x, x)
	}
}

// syncStmt writes a mutex, wait group or atomic operation.
func (g *gen) syncStmt(c ctx) {
	switch g.choose(4) {
	case 0:
		g.line("mu.Lock(); cnt += %s; mu.Unlock()", g.anInt(c))
	case 1:
		g.line("wg.Wait()")
	case 2:
		g.line("atomic.AddInt64(&c64, 1)")
	case 3:
		g.line("cnt += int(atomic.LoadInt64(&c64))")
	}
}
