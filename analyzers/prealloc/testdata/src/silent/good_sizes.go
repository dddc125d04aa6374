package silent

// A loop over part of a list cut with constant bounds runs at most
// twice: cold.
var keep = []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"}

func firstTwo() []string {
	var out []string
	for _, k := range keep[:2] {
		out = append(out, k)
	}
	return out
}
