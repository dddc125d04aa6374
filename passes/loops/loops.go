// Package loops defines an Analyzer that finds the natural loops of every
// function built by irbuild and relates each to the source statement it
// came from.
//
// A natural loop is a header block together with every block that can
// reach one of the header's back edges (an edge whose target dominates its
// source) without passing through the header. This covers for and range
// statements as well as loops built from goto. The body of a
// range-over-func statement, which the SSA builder turns into a yield
// function called once per element, is modelled as a loop whose blocks are
// all the blocks of that function.
package loops

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irbuild"
	"github.com/perfvet/perfvet/passes/irutil"
)

// Analyzer computes the loop forest of every function in irbuild's result.
var Analyzer = &analysis.Analyzer{
	Name:       "loops",
	Doc:        "find the natural loops of every SSA function",
	Run:        run,
	Requires:   []*analysis.Analyzer{irbuild.Analyzer},
	ResultType: reflect.TypeFor[*Forest](),
}

// Kind says which source construct a loop came from.
type Kind int

const (
	// Goto is a loop built from labels and goto statements.
	Goto Kind = iota
	// For is a for statement: three-clause, condition-only or infinite.
	For
	// Range is a range statement over a slice, array, string, map,
	// channel or integer.
	Range
	// RangeFunc is the body of a range-over-func statement.
	RangeFunc
)

func (k Kind) String() string {
	return [...]string{"goto", "for", "range", "range-over-func"}[k]
}

// Loop is one natural loop.
type Loop struct {
	Fn     *ssa.Function
	Header *ssa.BasicBlock
	// Latches are the sources of the back edges to Header.
	Latches []*ssa.BasicBlock
	// Exits are the edges that leave the loop, as (inside, outside) pairs.
	Exits []Edge
	// Parent is the innermost enclosing loop, possibly in an enclosing
	// function when this loop is the body of a range-over-func statement.
	Parent   *Loop
	Children []*Loop
	// Depth is 1 for an outermost loop, 2 for a loop inside it, ...
	Depth int
	Kind  Kind
	// Stmt is the *ast.ForStmt or *ast.RangeStmt the loop came from, the
	// *ast.LabeledStmt heading a goto loop, or nil if it is not known.
	Stmt ast.Stmt

	blocks []bool // indexed by BasicBlock.Index
}

// Edge is a control-flow edge.
type Edge struct{ From, To *ssa.BasicBlock }

// Contains reports whether b is one of the loop's blocks.
func (l *Loop) Contains(b *ssa.BasicBlock) bool {
	return b != nil && b.Parent() == l.Fn && b.Index < len(l.blocks) && l.blocks[b.Index]
}

// ContainsInstr reports whether instr executes as part of the loop,
// including in loops nested in it and in the bodies of range-over-func
// statements nested in it.
func (l *Loop) ContainsInstr(instr ssa.Instruction) bool {
	b := instr.Block()
	if l.Contains(b) {
		return true
	}
	for fn := b.Parent(); fn != nil; fn = fn.Parent() {
		if fn == l.Fn {
			break
		}
		if fn.Synthetic == "range-over-func yield" && fn.Parent() == l.Fn {
			return l.containsPos(fn.Syntax())
		}
	}
	return false
}

// containsPos reports whether the source of n lies inside the loop statement.
func (l *Loop) containsPos(n ast.Node) bool {
	return l.Stmt != nil && n != nil && l.Stmt.Pos() <= n.Pos() && n.End() <= l.Stmt.End()
}

// Blocks returns the loop's blocks in index order.
func (l *Loop) Blocks() []*ssa.BasicBlock {
	var bs []*ssa.BasicBlock
	for i, in := range l.blocks {
		if in {
			bs = append(bs, l.Fn.Blocks[i])
		}
	}
	return bs
}

// InIteration returns the blocks of l that can run after starts in the
// same iteration: the starts and what follows them inside l, up to the
// header, which begins the next iteration and is never included.
func (l *Loop) InIteration(starts ...*ssa.BasicBlock) map[*ssa.BasicBlock]bool {
	return irutil.Reachable(starts, func(b *ssa.BasicBlock) bool { return b != l.Header && l.Contains(b) })
}

// NextValues calls visit with each value that phi, a phi at l's header,
// takes back from an iteration of l, with the block the value comes
// from. Where other phis of l merge the value, visit sees the values
// they merge instead (through eight merges at most). NextValues stops
// and returns false as soon as visit does.
func (l *Loop) NextValues(phi *ssa.Phi, visit func(v ssa.Value, from *ssa.BasicBlock) bool) bool {
	var walk func(v ssa.Value, from *ssa.BasicBlock, depth int) bool
	walk = func(v ssa.Value, from *ssa.BasicBlock, depth int) bool {
		merge, ok := v.(*ssa.Phi)
		if !ok || merge.Block() == l.Header || !l.Contains(merge.Block()) || depth >= 8 {
			return visit(v, from)
		}
		for i, pred := range merge.Block().Preds {
			if !walk(merge.Edges[i], pred, depth+1) {
				return false
			}
		}
		return true
	}
	for i, pred := range phi.Block().Preds {
		if l.Contains(pred) && !walk(phi.Edges[i], pred, 0) {
			return false
		}
	}
	return true
}

// Instrs returns the instructions of the loop's own blocks and of its
// nested loops, in block order.
func (l *Loop) Instrs() []ssa.Instruction {
	var out []ssa.Instruction
	for _, b := range l.Blocks() {
		out = append(out, b.Instrs...)
	}
	return out
}

// Pos returns the position of the loop's keyword (for, or the label of a
// goto loop), for diagnostics' related information.
func (l *Loop) Pos() token.Pos {
	switch s := l.Stmt.(type) {
	case *ast.ForStmt:
		return s.For
	case *ast.RangeStmt:
		return s.For
	case *ast.LabeledStmt:
		return s.Pos()
	}
	for _, instr := range l.Header.Instrs {
		if instr.Pos().IsValid() {
			return instr.Pos()
		}
	}
	return l.Fn.Pos()
}

// Describe names the loop for messages: "the loop over users", "the for
// loop", "the goto loop at label retry".
func (l *Loop) Describe() string {
	switch s := l.Stmt.(type) {
	case *ast.RangeStmt:
		return "the loop over " + types.ExprString(s.X)
	case *ast.LabeledStmt:
		return "the goto loop at label " + s.Label.Name
	}
	return "the " + l.Kind.String() + " loop"
}

// DominatesLatches reports whether b runs on every iteration that goes
// on to the next one: it dominates every latch.
func (l *Loop) DominatesLatches(b *ssa.BasicBlock) bool {
	if !l.Contains(b) || len(l.Latches) == 0 {
		return false
	}
	for _, latch := range l.Latches {
		if !b.Dominates(latch) {
			return false
		}
	}
	return true
}

// Forest holds the loops of every function of a package.
type Forest struct {
	// All lists every loop, outer loops before the loops nested in them.
	All   []*Loop
	byFn  map[*ssa.Function][]*Loop
	yield map[*ssa.Function]*Loop
}

// Of returns the loops of fn, outer before inner.
func (f *Forest) Of(fn *ssa.Function) []*Loop { return f.byFn[fn] }

// Innermost returns the innermost loop that instr executes in, looking
// through range-over-func bodies and function literals into enclosing
// functions only for yield functions, or nil.
func (f *Forest) Innermost(instr ssa.Instruction) *Loop {
	b := instr.Block()
	if b == nil {
		return nil
	}
	var best *Loop
	for _, l := range f.byFn[b.Parent()] {
		if l.Contains(b) && (best == nil || l.Depth > best.Depth) {
			best = l
		}
	}
	return best
}

// Enclosing returns the loops instr executes in, innermost first.
func (f *Forest) Enclosing(instr ssa.Instruction) []*Loop {
	var ls []*Loop
	for l := f.Innermost(instr); l != nil; l = l.Parent {
		ls = append(ls, l)
	}
	return ls
}

func run(pass *analysis.Pass) (any, error) {
	ir := pass.ResultOf[irbuild.Analyzer].(*irbuild.IR)
	f := &Forest{byFn: make(map[*ssa.Function][]*Loop), yield: make(map[*ssa.Function]*Loop)}
	for _, fn := range ir.Funcs {
		ls := naturalLoops(fn)
		if fn.Synthetic == "range-over-func yield" {
			ls = append([]*Loop{yieldLoop(fn)}, ls...)
		}
		nest(ls)
		attachStatements(fn, ls)
		f.byFn[fn] = ls
	}
	// Nest yield loops under the loop of their parent function that
	// encloses the range statement. ir.Funcs lists parents first.
	for _, fn := range ir.Funcs {
		for _, l := range f.byFn[fn] {
			if l.Kind == RangeFunc && l.Parent == nil {
				l.Parent = enclosingByPos(f.byFn[fn.Parent()], l.Stmt)
				if l.Parent != nil {
					l.Parent.Children = append(l.Parent.Children, l)
				}
			}
		}
	}
	for _, fn := range ir.Funcs {
		for _, l := range f.byFn[fn] {
			l.Depth = depth(l)
			f.All = append(f.All, l)
		}
	}
	return f, nil
}

func depth(l *Loop) int {
	d := 0
	for ; l != nil; l = l.Parent {
		d++
	}
	return d
}

// enclosingByPos returns the innermost loop among ls whose statement
// encloses n.
func enclosingByPos(ls []*Loop, n ast.Node) *Loop {
	var best *Loop
	for _, l := range ls {
		if l.containsPos(n) && (best == nil || l.Depth > best.Depth || best.containsPos(l.Stmt)) {
			best = l
		}
	}
	return best
}

// naturalLoops finds the loops of fn, ordered outer before inner and then
// by header index.
func naturalLoops(fn *ssa.Function) []*Loop {
	byHeader := make(map[*ssa.BasicBlock]*Loop)
	var ls []*Loop
	for _, b := range fn.Blocks {
		for _, h := range b.Succs {
			if !h.Dominates(b) {
				continue
			}
			l := byHeader[h]
			if l == nil {
				l = &Loop{Fn: fn, Header: h, blocks: make([]bool, len(fn.Blocks))}
				l.blocks[h.Index] = true
				byHeader[h] = l
				ls = append(ls, l)
			}
			l.Latches = append(l.Latches, b)
			addBackwards(l, b)
		}
	}
	for _, l := range ls {
		for _, b := range l.Blocks() {
			for _, s := range b.Succs {
				if !l.Contains(s) {
					l.Exits = append(l.Exits, Edge{b, s})
				}
			}
		}
	}
	slices.SortStableFunc(ls, func(a, b *Loop) int { return b.size() - a.size() })
	return ls
}

// addBackwards adds to l every block that reaches b without passing
// through the header.
func addBackwards(l *Loop, b *ssa.BasicBlock) {
	stack := []*ssa.BasicBlock{b}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if l.blocks[b.Index] {
			continue
		}
		l.blocks[b.Index] = true
		stack = append(stack, b.Preds...)
	}
}

func (l *Loop) size() int {
	n := 0
	for _, in := range l.blocks {
		if in {
			n++
		}
	}
	return n
}

// yieldLoop models the body of a range-over-func statement.
func yieldLoop(fn *ssa.Function) *Loop {
	l := &Loop{Fn: fn, Header: fn.Blocks[0], Kind: RangeFunc, blocks: make([]bool, len(fn.Blocks))}
	for i := range l.blocks {
		l.blocks[i] = true
	}
	l.Stmt, _ = fn.Syntax().(*ast.RangeStmt)
	return l
}

// nest links each loop to the smallest loop of ls that strictly contains
// its header. ls is ordered from larger to smaller loops.
func nest(ls []*Loop) {
	for i, l := range ls {
		for j := i - 1; j >= 0; j-- {
			if outer := ls[j]; outer != l && outer.Contains(l.Header) {
				l.Parent = outer
				outer.Children = append(outer.Children, l)
				break
			}
		}
	}
	for _, l := range ls {
		l.Depth = depth(l)
	}
}

// attachStatements relates each loop of fn to its source statement and
// sets its kind.
func attachStatements(fn *ssa.Function, ls []*Loop) {
	stmts := loopStmts(fn)
	taken := make(map[ast.Stmt]bool)
	var unmatched []*Loop
	// Inner loops first: an outer loop's statement must enclose theirs.
	for i := len(ls) - 1; i >= 0; i-- {
		l := ls[i]
		if l.Kind == RangeFunc {
			continue
		}
		if s := votedStmt(l, stmts); s != nil && !taken[s] {
			l.Stmt = s
			taken[s] = true
		} else {
			unmatched = append(unmatched, l)
		}
	}
	// Loops whose own blocks carry no positions (an empty body, say)
	// are matched to the remaining statements in order: the builder
	// creates loop headers in source order.
	slices.SortFunc(unmatched, func(a, b *Loop) int { return a.Header.Index - b.Header.Index })
	for _, l := range unmatched {
		for _, s := range stmts {
			if !taken[s] && compatible(l, s) {
				l.Stmt = s
				taken[s] = true
				break
			}
		}
	}
	for _, l := range ls {
		if l.Kind != RangeFunc {
			l.Kind = kindOf(l)
		}
	}
}

// kindOf classifies l by its statement. A loop whose statement is not
// known can only have been built with goto: every for and range
// statement has a test or a body the builder positions.
func kindOf(l *Loop) Kind {
	switch l.Stmt.(type) {
	case *ast.ForStmt:
		return For
	case *ast.RangeStmt:
		return Range
	}
	return Goto
}

// compatible reports whether l, a loop none of whose own instructions
// lies in a loop statement's text, can come from s, by the shape of its
// tests (see layout.go): a range statement is tested by the builder, a
// for statement by its condition (or not at all), a goto loop starts
// at its label.
func compatible(l *Loop, s ast.Stmt) bool {
	tests := l.rawTests()
	switch s := s.(type) {
	case *ast.ForStmt:
		if s.Cond == nil {
			return !slices.ContainsFunc(tests, builderTest)
		}
		return slices.ContainsFunc(tests, func(t Test) bool { return within(condPos(t.Cond), s.Cond) })
	case *ast.RangeStmt:
		return slices.ContainsFunc(tests, builderTest)
	case *ast.LabeledStmt:
		return labelStarts(s, l.Header)
	}
	return false
}

// within reports whether pos lies in n's text.
func within(pos token.Pos, n ast.Node) bool {
	return pos.IsValid() && n.Pos() <= pos && pos < n.End()
}

// labelStarts reports whether b begins the labelled statement s: b's
// first positioned instruction other than a phi (which has the position
// of the variable it merges, declared elsewhere) lies in s's text. The
// builder starts a new block at every label.
func labelStarts(s *ast.LabeledStmt, b *ssa.BasicBlock) bool {
	for _, instr := range b.Instrs {
		if _, isPhi := instr.(*ssa.Phi); isPhi {
			continue
		}
		if pos := instr.Pos(); pos.IsValid() {
			return within(pos, s.Stmt)
		}
	}
	return false
}

// loopStmts returns the for, range and labelled statements of fn's own
// body (not of nested function literals) in source order. Range-over-func
// statements are left out: their bodies are separate functions.
func loopStmts(fn *ssa.Function) []ast.Stmt {
	var body ast.Node
	switch syn := fn.Syntax().(type) {
	case *ast.FuncDecl:
		body = syn.Body
	case *ast.FuncLit:
		body = syn.Body
	case *ast.RangeStmt:
		body = syn.Body
	}
	if body == nil || reflect.ValueOf(body).IsNil() {
		return nil
	}
	var stmts []ast.Stmt
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt:
			stmts = append(stmts, n)
		case *ast.RangeStmt:
			if !isRangeOverFunc(fn, n) {
				stmts = append(stmts, n)
			}
		case *ast.LabeledStmt:
			switch n.Stmt.(type) {
			case *ast.ForStmt, *ast.RangeStmt:
			default:
				stmts = append(stmts, n)
			}
		}
		return true
	})
	return stmts
}

func isRangeOverFunc(fn *ssa.Function, s *ast.RangeStmt) bool {
	for _, anon := range fn.AnonFuncs {
		if anon.Syntax() == s {
			return true
		}
	}
	return false
}

// votedStmt returns the loop statement that most of the positioned
// instructions of l's own blocks (those not in nested loops) fall into.
func votedStmt(l *Loop, stmts []ast.Stmt) ast.Stmt {
	votes := make(map[ast.Stmt]int)
	for _, b := range l.Blocks() {
		if inChild(l, b) {
			continue
		}
		for _, instr := range b.Instrs {
			if s := rangeElement(stmts, instr); s != nil {
				votes[s] += 10 // the element access of a range loop is decisive
			} else if s := innermostRegion(stmts, instr.Pos()); s != nil {
				votes[s]++
			}
		}
	}
	var best ast.Stmt
	for _, s := range stmts {
		if votes[s] > votes[best] && enclosesChildren(s, l) {
			best = s
		}
	}
	// A goto loop inside a for loop votes for the for loop: its header
	// begins the label.
	if lab := labelAt(stmts, l.Header); lab != nil && (best == nil || encloses(best, lab)) {
		return lab
	}
	return best
}

// encloses reports whether outer's text contains inner's.
func encloses(outer, inner ast.Node) bool {
	return outer.Pos() <= inner.Pos() && inner.End() <= outer.End()
}

// labelAt returns the labelled statement of stmts that header begins.
func labelAt(stmts []ast.Stmt, header *ssa.BasicBlock) ast.Stmt {
	for _, s := range stmts {
		if ls, ok := s.(*ast.LabeledStmt); ok && labelStarts(ls, header) {
			return ls
		}
	}
	return nil
}

// enclosesChildren reports whether s strictly encloses the statements of
// l's nested loops in the same function. The code that runs when an inner
// loop breaks out lies inside the inner statement's text but belongs to
// the outer loop, so its votes alone could give the outer loop the inner
// statement.
func enclosesChildren(s ast.Stmt, l *Loop) bool {
	for _, c := range l.Children {
		if c.Fn != l.Fn || c.Stmt == nil {
			continue
		}
		if s == c.Stmt || c.Stmt.Pos() < s.Pos() || s.End() < c.Stmt.End() {
			return false
		}
	}
	return true
}

func inChild(l *Loop, b *ssa.BasicBlock) bool {
	for _, c := range l.Children {
		if c.Contains(b) {
			return true
		}
	}
	return false
}

// rangeElement returns the range statement whose element access instr
// is: the builder gives x[i] in the body the position of the operand x,
// which for an operand like s.items is that of its selector, inside the
// operand's text rather than at its start.
func rangeElement(stmts []ast.Stmt, instr ssa.Instruction) ast.Stmt {
	switch instr.(type) {
	case *ssa.IndexAddr, *ssa.Index:
	default:
		return nil
	}
	pos := instr.Pos()
	var best *ast.RangeStmt
	for _, s := range stmts {
		rs, ok := s.(*ast.RangeStmt)
		if !ok || pos < rs.X.Pos() || pos >= rs.X.End() {
			continue
		}
		if best == nil || rs.X.End()-rs.X.Pos() < best.X.End()-best.X.Pos() {
			best = rs
		}
	}
	if best == nil {
		return nil
	}
	return best
}

// innermostRegion returns the smallest loop statement whose per-iteration
// region contains pos. A range statement's operand and a for statement's
// init clause run once, before the loop, so they are not in the region.
func innermostRegion(stmts []ast.Stmt, pos token.Pos) ast.Stmt {
	if !pos.IsValid() {
		return nil
	}
	var best ast.Stmt
	for _, s := range stmts {
		if _, isLabel := s.(*ast.LabeledStmt); isLabel {
			continue
		}
		if !inRegion(s, pos) {
			continue
		}
		if best == nil || s.End()-s.Pos() < best.End()-best.Pos() {
			best = s
		}
	}
	return best
}

func inRegion(s ast.Stmt, pos token.Pos) bool {
	if pos < s.Pos() || pos >= s.End() {
		return false
	}
	switch s := s.(type) {
	case *ast.RangeStmt:
		return pos < s.X.Pos() || pos >= s.X.End()
	case *ast.ForStmt:
		return s.Init == nil || pos < s.Init.Pos() || pos >= s.Init.End()
	}
	return true
}
