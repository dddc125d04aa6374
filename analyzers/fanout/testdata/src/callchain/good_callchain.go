package callchain

// A goroutine holds a slot of a package-level semaphore two calls down
// (limitedFetch, then acquire): the answer is the same whether or not
// some other loop of the package calls acquire itself, which makes it a
// function analyzers look at in its own right.

func fetch(string) {}

var sem = make(chan struct{}, 8)

// acquire takes a slot and returns the function that gives it back.
func acquire() func() {
	sem <- struct{}{}
	return func() { <-sem }
}

func limitedFetch(u string) {
	release := acquire()
	defer release()
	fetch(u)
}

func fetchAll(urls []string) {
	for _, u := range urls {
		go func() { limitedFetch(u) }()
	}
}

// The same shape, with a second semaphore, and an unrelated loop that
// calls its acquire.

var sem2 = make(chan struct{}, 8)

func acquire2() func() {
	sem2 <- struct{}{}
	return func() { <-sem2 }
}

func limitedFetch2(u string) {
	release := acquire2()
	defer release()
	fetch(u)
}

func fetchAll2(urls []string) {
	for _, u := range urls {
		go func() { limitedFetch2(u) }()
	}
}

func warm(n int) {
	for range n {
		acquire2()()
	}
}
