package waitgroups

import (
	"runtime"
	"sync"
)

func withSemaphore(urls []string) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for _, u := range urls {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			fetch(u)
		})
	}
	wg.Wait()
}

func workers(jobs <-chan string) {
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Go(func() {
			for u := range jobs {
				fetch(u)
			}
		})
	}
	wg.Wait()
}
