package waitgroups

import "sync"

func fetch(string) {}

func perElement(urls []string) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Go(func() { fetch(u) }) // want `^wg.Go starts a goroutine for every element of urls with nothing bounding concurrency; use errgroup with SetLimit, a semaphore, or a fixed worker pool$`
	}
	wg.Wait()
}

type server struct {
	wg sync.WaitGroup
}

func (s *server) notifyAll(ch <-chan string) {
	for u := range ch {
		s.wg.Go(func() { fetch(u) }) // want `s.wg.Go starts a goroutine for every value received from ch`
	}
}
