package bounds

import (
	"sync"

	"golang.org/x/sync/errgroup"
)

// Replicated workers: n identical goroutines, each running its own
// loop, n a configured degree of concurrency rather than one per item.

func readers(mu *sync.RWMutex, numReaders, iterations int, done chan bool) {
	for i := 0; i < numReaders; i++ {
		go reader(mu, iterations, done)
	}
}

func reader(mu *sync.RWMutex, iterations int, done chan bool) {
	for range iterations {
		mu.RLock()
		mu.RUnlock()
	}
	done <- true
}

func spinners(n int, stop *bool) {
	var wg sync.WaitGroup
	for id := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !*stop {
				spin(id)
			}
		}()
	}
	wg.Wait()
}

func spin(int) {}

func groupOfWorkers(workers int, work func(int) error) error {
	var g errgroup.Group
	for w := 0; w < workers; w++ {
		g.Go(func() error {
			for step := 0; step < 1000; step++ {
				if err := work(w); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return g.Wait()
}

// The goroutines capture the bound, so the trip count is not proven, but
// the loop still counts to an integer.
func warmup(threads int) {
	var wg sync.WaitGroup
	var started int32
	var mu sync.Mutex
	for i := 0; i < threads; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			started++
			mu.Unlock()
			for int(started) < threads {
			}
		}()
	}
	wg.Wait()
}
