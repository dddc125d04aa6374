package fixture

type limits struct{ max int }

type server struct{ cfg *limits }

// over reloads s.cfg.max through two pointers on every iteration.
func (s *server) over(xs []int) int {
	n := 0
	for _, x := range xs {
		if x > s.cfg.max { // want hoistfield
			n++
		}
	}
	return n
}
