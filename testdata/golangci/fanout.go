package fixture

import "sync"

// fetchAll starts one goroutine per URL with nothing bounding how many
// run at once.
func fetchAll(urls []string, fetch func(string)) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() { // want fanout
			defer wg.Done()
			fetch(u)
		}()
	}
	wg.Wait()
}
