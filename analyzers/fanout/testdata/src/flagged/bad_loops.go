package flagged

import (
	"context"
	"iter"
	"sync"
	"time"
)

func fetch(string) {}

func handle(int) {}

func perElement(urls []string) {
	for _, u := range urls {
		go fetch(u) // want `^a goroutine is started for every element of urls with nothing bounding concurrency; use errgroup with SetLimit, a semaphore, or a fixed worker pool$`
	}
}

func countedByLen(urls []string) {
	for i := 0; i < len(urls); i++ {
		go fetch(urls[i]) // want `a goroutine is started for every element of urls with nothing bounding concurrency`
	}
}

func overMap(m map[string]int) {
	for k := range m {
		go fetch(k) // want `for every element of m`
	}
}

func perMessage(ch chan int) {
	for msg := range ch {
		go handle(msg) // want `a goroutine is started for every value received from ch with nothing bounding concurrency`
	}
}

func receiveLoop(ch <-chan int, quit <-chan struct{}) {
	for {
		select {
		case msg := <-ch:
			go handle(msg) // want `a goroutine is started on every iteration of the for loop with nothing bounding concurrency`
		case <-quit:
			return
		}
	}
}

func conditional(urls []string) {
	for _, u := range urls {
		if u != "" {
			go fetch(u) // want `for every element of urls`
		}
	}
}

func waitAfterTheLoop(urls []string) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() { // want `for every element of urls`
			defer wg.Done()
			fetch(u)
		}()
	}
	wg.Wait()
}

func nestedConstant(urls []string) {
	for _, u := range urls {
		for i := 0; i < 3; i++ {
			go fetch(u + string(rune('a'+i))) // want `for every element of urls`
		}
	}
}

func innermost(groups [][]string) {
outer:
	for _, g := range groups {
		for _, u := range g {
			if u == "" {
				continue outer
			}
			go fetch(u) // want `for every element of g`
		}
	}
}

func closureCalled(urls []string) {
	start := func(u string) {
		go fetch(u) // want `for every element of urls`
	}
	for _, u := range urls {
		start(u)
	}
}

func rangeOverFunc(seq iter.Seq[string]) {
	for u := range seq {
		go fetch(u) // want `a goroutine is started for every element yielded by seq`
	}
}

func gotoLoop(urls []string) {
	i := 0
retry:
	if i < len(urls) {
		go fetch(urls[i]) // want `a goroutine is started`
		i++
		goto retry
	}
}

func generic[S ~[]E, E any](xs S, f func(E)) {
	for _, x := range xs {
		go f(x) // want `for every element of xs`
	}
}

func methodValue(urls []string, c *client) {
	for _, u := range urls {
		go c.get(u) // want `for every element of urls`
	}
}

type client struct{}

func (c *client) get(string) {}

func pacedBySleep(urls []string) {
	for _, u := range urls {
		go fetch(u) // want `for every element of urls`
		time.Sleep(time.Millisecond)
	}
}

func cancellable(ctx context.Context, urls []string, out chan<- string) {
	for _, u := range urls {
		go fetch(u) // want `for every element of urls`
		select {
		case out <- u:
		case <-ctx.Done():
			return
		}
	}
}
