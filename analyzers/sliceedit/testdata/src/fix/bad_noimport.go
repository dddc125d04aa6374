package fix

type point struct{ x, y int }

// The fix imports slices.
func offGrid(ps []point) []point {
	for i := 0; i < len(ps); i++ {
		if ps[i].x < 0 || ps[i].y < 0 {
			ps = append(ps[:i], ps[i+1:]...) // want `deleting from ps inside the for loop`
			i--
		}
	}
	return ps
}
