package robust

import "sync"

// A goroutine per element of a goroutine's own input is reported once,
// at the outer loop: the inner go statement runs inside that goroutine.
func perShard(shards [][]int) {
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for _, s := range shards {
				handle(s)
			}
		})
	}
	wg.Wait()
}

// A method value started in a constant loop.
type pinger struct{}

func (pinger) ping() {}

func pings(p pinger) {
	for range 3 {
		go p.ping()
	}
}

// Deferred goroutines are not started per iteration.
func deferred(xs []int) {
	for _, x := range xs {
		defer handle(x)
	}
}

// A huge switch in a loop, with the go statements outside it.
func dispatch(ops []int) (n int) {
	for _, op := range ops {
		switch op {
		case 0, 1, 2, 3, 4, 5, 6, 7, 8, 9:
			n += op
		case 10, 11, 12, 13, 14, 15, 16, 17, 18, 19:
			n -= op
		default:
			n *= 2
		}
	}
	go handle(n)
	return n
}
