package fix

// Paths reported without a fix: the copy could panic where the loop
// would not, or code runs between the copy and the loop, or there is no
// statement to put the copy before.

type Node struct {
	cfg  *Settings
	vals []int
	k    int
}

type Settings struct {
	scale int
	inner *Inner
}

type Inner struct{ k int }

// The one fixable case of this file, so that its golden file proves the
// others get no fix.
func (n *Node) Len() (c int) {
	for i := 0; i < len(n.vals); i++ { // want `n.vals is reloaded`
		c += n.vals[i]
	}
	return c
}

// n.cfg may be nil and xs empty: copying n.cfg.scale before the loop
// could panic where the loop does not.
func (n *Node) Scale(xs []int) (t int) {
	for _, x := range xs {
		t += x * n.cfg.scale // want `n.cfg.scale is reloaded through memory on every iteration of the loop over xs \(2 loads per iteration\)`
	}
	return t
}

// The same with a single pointer that nothing dereferences before.
func (n *Node) Affine(out []int) {
	for i := range out {
		out[i] = i*n.k + n.k // want `n.k is reloaded`
	}
}

// Three dependent loads.
func (n *Node) Deep(xs []int) (t int) {
	for _, x := range xs {
		t += x * n.cfg.inner.k // want `n.cfg.inner.k is reloaded through memory on every iteration of the loop over xs \(3 loads per iteration\)`
	}
	return t
}

// Loaded on every iteration, and again on some.
func (n *Node) Some(xs []int) (t int) {
	for _, x := range xs {
		t += x * n.cfg.scale // want `n.cfg.scale is reloaded through memory on every iteration of the loop over xs \(2 to 4 loads per iteration\)`
		if x > 0 {
			t -= n.cfg.scale
		}
	}
	return t
}

func clamp(x int) int { return min(max(x, 0), 255) }

// A call to an unrelated function does not make the path variant.
func (n *Node) Clamped(xs []int) (t int) {
	for _, x := range xs {
		t += clamp(x) * n.cfg.scale // want `n.cfg.scale is reloaded`
	}
	return t
}

func reset(s *Settings) { s.scale = 0 }

// reset may write n.cfg.scale, not n.cfg: the pointer is still reloaded
// twice per iteration for nothing.
func (n *Node) Reset(xs []int) (t int) {
	for _, x := range xs {
		t += x * n.cfg.scale // want `n.cfg is reloaded through memory on every iteration of the loop over xs \(2 loads per iteration\)`
		reset(n.cfg)
	}
	return t
}

func start(n *Node) int { return n.k }

// The init statement runs a call between the copy and the loop.
func (n *Node) From() (t int) {
	for i := start(n); i < len(n.vals); i++ { // want `n.vals is reloaded`
		t += n.vals[i]
	}
	return t
}

func next(xs []int) []int { return xs[1:] }

// So does the range operand.
func (n *Node) Rest(xs []int) (t int) {
	if n.k == 0 {
		return 0
	}
	for _, x := range next(xs) {
		t += x*n.k - n.k // want `n.k is reloaded`
	}
	return t
}

// The loop declares its own n, so n before the loop names another
// variable.
func shadowed(n *Node) (t int) {
	for n, i := n, 0; i < len(n.vals); i++ { // want `n.vals is reloaded`
		t += n.vals[i]
	}
	return t
}

// A loop built with goto has no statement to put the copy before.
func (n *Node) Goto() (t int) {
	i := 0
loop:
	if i < len(n.vals) { // want `n.vals is reloaded`
		t += n.vals[i]
		i++
		goto loop
	}
	return t
}

type Grid struct {
	rows, cols int
	cells      []int
}

// Reported at the outer loop, where the path is invariant; the copy
// cannot go there (g may be nil and the outer loop run zero times), but
// the inner loop's condition reads it on entry: the copy goes there.
func (g *Grid) Sum() (t int) {
	for i := 0; i < g.rows; i++ {
		for j := 0; j < g.cols; j++ { // want `g.cols is reloaded through memory on every iteration of the inner for loop \(2 loads per iteration\) because the compiler does not hoist loads through pointers, which may cost from nothing to 4x in a hot loop \(measured range\); copy it to a local before the outer for loop`
			t += g.cells[i*g.cols+j]
		}
	}
	return t
}

// A goto before the loop jumps to its label: a declaration before the
// loop would come into scope by the jump.
func (n *Node) Retry(again bool) (t int) {
	if again {
		goto scan
	}
	t = -1
scan:
	for i := 0; i < len(n.vals); i++ { // want `n.vals is reloaded`
		t += n.vals[i]
	}
	return t
}
