package flagged

import (
	"context"
	"time"
)

// Shapes that look like a bound but do not bound anything.

func unbufferedSendFirst(xs []int) {
	ready := make(chan int)
	for _, x := range xs {
		ready <- x
		go handle(x) // want `for every element of xs`
	}
}

func sendsItsResult(xs []int, out chan int) {
	for _, x := range xs {
		go func() { // want `for every element of xs`
			out <- x * 2
		}()
	}
}

func pollsWithItsOwnTicker(targets []string) {
	for _, t := range targets {
		go func() { // want `for every element of targets`
			tick := time.NewTicker(time.Second)
			defer tick.Stop()
			for range tick.C {
				fetch(t)
			}
		}()
	}
}

func waitsForCancellation(ctx context.Context, targets []string) {
	for _, t := range targets {
		go func() { // want `for every element of targets`
			for {
				select {
				case <-ctx.Done():
					return
				default:
					fetch(t)
				}
			}
		}()
	}
}

func semaphoreBeforeTheLoop(urls []string) {
	sem := make(chan struct{}, 8)
	sem <- struct{}{}
	for _, u := range urls {
		go fetch(u) // want `for every element of urls`
	}
	<-sem
}
