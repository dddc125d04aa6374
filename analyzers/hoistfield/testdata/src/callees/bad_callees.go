package callees

// The loop calls sq2, which calls sq: both are cheap and write nothing,
// so p.Cfg.Scale stays invariant. The answer does not depend on whether
// another loop of the package calls sq itself.

type Config struct{ Scale int }

type Params struct{ Cfg *Config }

func sq(x int) int { return x * x }

func sq2(x int) int { return sq(x) + 1 }

func (p *Params) Apply(xs []int) {
	for i, x := range xs {
		xs[i] = sq2(x) * p.Cfg.Scale // want `p.Cfg.Scale is reloaded through memory on every iteration of the loop over xs`
	}
}

// The same shape, with an unrelated loop that calls the innermost
// callee.

func cube(x int) int { return x * x * x }

func cube2(x int) int { return cube(x) + 1 }

func (p *Params) ApplyCube(xs []int) {
	for i, x := range xs {
		xs[i] = cube2(x) * p.Cfg.Scale // want `p.Cfg.Scale is reloaded through memory on every iteration of the loop over xs`
	}
}

func sumCubes(xs []int) (s int) {
	for _, x := range xs {
		s += cube(x)
	}
	return s
}
