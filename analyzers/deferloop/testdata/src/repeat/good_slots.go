package repeat

import "context"

type runner struct {
	inFlight chan struct{}
}

// Taking every slot of a semaphore, to run alone: holding them all until
// the function returns is the point.
func (r *runner) exclusive(ctx context.Context, maxInFlight int, run func()) error {
	for range maxInFlight {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case r.inFlight <- struct{}{}:
			defer func() { <-r.inFlight }()
		}
	}
	run()
	return nil
}

func slots(n int, sem chan int, run func()) {
	for range n {
		sem <- 1
		defer func() { <-sem }()
	}
	run()
}
