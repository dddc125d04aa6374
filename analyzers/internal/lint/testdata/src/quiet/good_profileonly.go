package quiet

// hoistfield reports only with a profile, so without one (and without
// -hoistfield.static) it does not look for findings, and its directives
// are neither used nor unused.

type config struct{ scale int }

//perfvet:ignore hoistfield c.scale is read once per call
func scale(c *config, x int) int { return c.scale * x }
