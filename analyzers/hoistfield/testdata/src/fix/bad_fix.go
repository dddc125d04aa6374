package fix

// Paths whose copy before the loop is provably the value every use
// reads, and cannot fail where the loop would not: a suggested fix.

type Stack struct {
	items []int
	cfg   *Config
	n     int
	hits  int
	ID    int
}

type Config struct{ scale int }

// The condition reads the path first thing on entry.
func (s *Stack) Sum() (total int) {
	for i := 0; i < len(s.items); i++ { // want `s.items is reloaded through memory on every iteration of the for loop \(2 loads per iteration\) because the compiler does not hoist loads through pointers, which may cost from nothing to 4x in a hot loop \(measured range\); copy it to a local before the loop`
		total += s.items[i]
	}
	return total
}

// A store to another field of the same struct does not change the path.
func (s *Stack) Count(x int) {
	for i := 0; i < len(s.items); i++ { // want `s.items is reloaded through memory on every iteration of the for loop \(2 loads per iteration\)`
		if s.items[i] == x {
			s.hits++
		}
	}
}

// The range operand is read once, but the store to s.hits makes the
// compiler reload s.items and check the index again.
func (s *Stack) Tally(x int) {
	if s.n < 0 {
		return
	}
	for i := range s.items {
		if s.items[i] == x { // want `s.items is reloaded through memory on every iteration of the loop over s.items \(1 load per iteration, and a bounds check on each index into it that the reload keeps\)`
			s.hits++
		}
	}
}

func tick() { ticks++ }

var ticks int

// A call between the condition and the index does the same.
func (s *Stack) Visit() (t int) {
	for i := 0; i < len(s.items); i++ { // want `s.items is reloaded through memory on every iteration of the for loop \(2 loads per iteration, and a bounds check on each index into it that the reload keeps\)`
		tick()
		t += s.items[i]
	}
	return t
}

// Writing the elements does not change the slice itself.
func (s *Stack) Zero() {
	for i := 0; i < len(s.items); i++ { // want `s.items is reloaded`
		s.items[i] = 0
	}
}

// s is dereferenced before the loop, so it is not nil: copying s.n
// before a loop that may not run is safe.
func (s *Stack) Weights(out []int) {
	if s.n == 0 {
		return
	}
	for i := range out {
		out[i] = i*s.n + s.n // want `s.n is reloaded through memory on every iteration of the loop over out \(2 loads per iteration\)`
	}
}

// A new object is never nil.
func build(xs []int) (t int) {
	st := &Stack{n: 3}
	for _, x := range xs {
		t += x*st.n - st.n // want `st.n is reloaded`
	}
	return t
}

// The obvious name is taken in the block, then declared in the loop.
func (s *Stack) Collide(extra int) (t int) {
	items := extra
	for i := 0; i < len(s.items); i++ { // want `s.items is reloaded`
		t += s.items[i] + items
	}
	for i := 0; i < len(s.items); i++ { // want `s.items is reloaded`
		sItems := s.items[i]
		t += sItems
	}
	return t
}

// Exported initialisms become lower case.
func (s *Stack) Tag(out []int) {
	if s.n < 0 {
		return
	}
	for i := range out {
		out[i] = s.ID<<8 | s.ID // want `s.ID is reloaded`
	}
}

// The copy goes before the label.
func (s *Stack) Index(x int) int {
search:
	for i := 0; i < len(s.items); i++ { // want `s.items is reloaded`
		if s.items[i] == x {
			break search
		}
	}
	return -1
}

type Vec struct{ xs []int }

// Two paths in one loop get two names.
func dot(a, b *Vec) (t int) {
	if len(b.xs) < len(a.xs) {
		return 0
	}
	for i := 0; i < len(a.xs); i++ { // want `a.xs is reloaded`
		t += a.xs[i]*b.xs[i] + b.xs[i] // want `b.xs is reloaded through memory on every iteration of the for loop \(2 loads per iteration\)`
	}
	return t
}

type Matrix struct {
	rows, cols int
	data       []int
}

// The path is invariant in both loops: it is reported, and hoisted,
// once, at the outer loop; m.rows costs one load per row, which is noise
// next to the inner loop.
func (m *Matrix) Total() (t int) {
	if m.rows == 0 {
		return 0
	}
	for i := 0; i < m.rows; i++ {
		for j := 0; j < m.cols; j++ { // want `m.cols is reloaded through memory on every iteration of the inner for loop \(2 loads per iteration\) because the compiler does not hoist loads through pointers, which may cost from nothing to 4x in a hot loop \(measured range\); copy it to a local before the outer for loop`
			t += m.data[i*m.cols+j]
		}
	}
	return t
}

// The base is the outer loop's variable: the path is invariant in the
// inner loop only, and hoisted there.
func totals(ss []*Stack) (t int) {
	for _, s := range ss {
		for i := 0; i < len(s.items); i++ { // want `s.items is reloaded`
			t += s.items[i]
		}
	}
	return t
}

// A captured pointer inside a closure.
func sumLater(s *Stack) func() int {
	return func() (t int) {
		for i := 0; i < len(s.items); i++ { // want `s.items is reloaded`
			t += s.items[i]
		}
		return t
	}
}

type Ring[T any] struct{ buf []T }

// Generic code.
func Sum[T int | float64](r *Ring[T]) (t T) {
	for i := 0; i < len(r.buf); i++ { // want `r.buf is reloaded`
		t += r.buf[i]
	}
	return t
}

var table *Table

type Table struct{ rows []int }

// A package-level pointer costs a load of its own.
func tableSum() (t int) {
	for i := 0; i < len(table.rows); i++ { // want `table.rows is reloaded through memory on every iteration of the for loop \(4 loads per iteration\)`
		t += table.rows[i]
	}
	return t
}

// An explicit dereference.
func derefSum(p *[]int) (t int) {
	for i := 0; i < len(*p); i++ { // want `\*p is reloaded`
		t += (*p)[i]
	}
	return t
}
