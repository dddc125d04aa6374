package static

// With -hoistfield.static, hoistfield looks for findings without a
// profile, so its stale directive is reported, even in a package
// without loops.

type config struct{ scale int }

//perfvet:ignore hoistfield c.scale is read once per call // want `unused perfvet:ignore directive: no hoistfield finding on this line or the next; remove it`
func scale(c *config, x int) int { return c.scale * x }
