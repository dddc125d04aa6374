package exits

type line struct{ name string }
type location struct{ lines []line }
type sample struct{ locations []*location }
type profile struct{ samples []*sample }

// Nested loops over fields: each loop is matched to its own statement,
// though the inner loops' own blocks carry few positions of their own.
func fieldOperands(p *profile) (names [][]string) {
	for _, s := range p.samples { // want `len\(p.samples\) expr p.samples early 0 exit header depth 1`
		var stack []string
		for _, l := range s.locations { // want `len\(s.locations\) expr s.locations early 0 exit header depth 2`
			for _, ln := range l.lines { // want `len\(l.lines\) expr l.lines early 0 exit header depth 3`
				stack = append(stack, ln.name)
			}
		}
		names = append(names, stack)
	}
	return names
}
