package related

type Filter struct{ cfg *Config }

type Config struct{ lo, hi int }

// Reported once, at the first use; the others are related information.
func (f *Filter) Clamp(xs []int) {
	for i, x := range xs {
		if x < f.cfg.lo { // want `f.cfg.lo is reloaded through memory on every iteration of the loop over xs \(2 to 6 loads per iteration\)`
			xs[i] = f.cfg.lo
		} else if x > f.cfg.hi {
			xs[i] = f.cfg.lo
		}
	}
}
