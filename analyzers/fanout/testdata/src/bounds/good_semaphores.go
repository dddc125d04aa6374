package bounds

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"

	"limits"
)

func fetch(string) {}

func channelSemaphore(urls []string) {
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for _, u := range urls {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			fetch(u)
		}()
	}
	wg.Wait()
}

func semaphoreParameter(sem chan bool, urls []string) {
	for _, u := range urls {
		sem <- true
		go func() {
			defer func() { <-sem }()
			fetch(u)
		}()
	}
}

func selectSemaphore(ctx context.Context, sem chan struct{}, urls []string) {
	for _, u := range urls {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return
		}
		go func() {
			defer func() { <-sem }()
			fetch(u)
		}()
	}
}

func weighted(ctx context.Context, urls []string) error {
	sem := semaphore.NewWeighted(8)
	for _, u := range urls {
		if err := sem.Acquire(ctx, 1); err != nil {
			return err
		}
		go func() {
			defer sem.Release(1)
			fetch(u)
		}()
	}
	return nil
}

func weightedParameter(ctx context.Context, sem *semaphore.Weighted, urls []string) {
	for _, u := range urls {
		_ = sem.Acquire(ctx, 1)
		go func() {
			defer sem.Release(1)
			fetch(u)
		}()
	}
}

func tryAcquire(sem *semaphore.Weighted, urls []string) {
	for _, u := range urls {
		if !sem.TryAcquire(1) {
			fetch(u)
			continue
		}
		go func() {
			defer sem.Release(1)
			fetch(u)
		}()
	}
}

// limiter holds its semaphores in fields.
type limiter struct {
	slots chan struct{}
	sem   *semaphore.Weighted
}

func (l *limiter) fieldChannel(urls []string) {
	for _, u := range urls {
		l.slots <- struct{}{}
		go func() {
			defer func() { <-l.slots }()
			fetch(u)
		}()
	}
}

func (l *limiter) fieldWeighted(ctx context.Context, urls []string) {
	for _, u := range urls {
		if l.sem.Acquire(ctx, 1) != nil {
			return
		}
		go func() {
			defer l.sem.Release(1)
			fetch(u)
		}()
	}
}

func (l *limiter) acquire() { l.slots <- struct{}{} }

func (l *limiter) release() { <-l.slots }

func (l *limiter) throughHelper(urls []string) {
	for _, u := range urls {
		l.acquire()
		go func() {
			defer l.release()
			fetch(u)
		}()
	}
}

func acquireInClosure(urls []string) {
	sem := make(chan struct{}, 4)
	start := func(u string) {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			fetch(u)
		}()
	}
	for _, u := range urls {
		start(u)
	}
}

// The goroutines below acquire a semaphore as their first action: the
// work is bounded, the goroutines waiting for a slot are not.

func acquireFirst(urls []string) {
	sem := make(chan struct{}, 8)
	for _, u := range urls {
		go func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			fetch(u)
		}()
	}
}

func acquireFirstTokens(urls []string, tokens chan int) {
	for _, u := range urls {
		go func() {
			tokens <- 1
			fetch(u)
			<-tokens
		}()
	}
}

func weightedFirst(ctx context.Context, sem *semaphore.Weighted, urls []string) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := sem.Acquire(ctx, 1); err != nil {
				return
			}
			defer sem.Release(1)
			fetch(u)
		}()
	}
	wg.Wait()
}

func (l *limiter) work(u string) {
	l.acquire()
	defer l.release()
	fetch(u)
}

func acquireFirstInMethod(l *limiter, urls []string) {
	for _, u := range urls {
		go l.work(u)
	}
}

// The goroutines below hold a shared semaphore around their work, though
// not as their first action: what they do before acquiring it, and on
// paths that skip it, is cheap.

// ioSlots bounds the reads of every goroutine of the package.
var ioSlots = make(chan bool, 16)

func readDir(dir string) []string { return []string{dir} }

func isDir(name string) bool { return name != "" }

func walkTree(root string) {
	var wg sync.WaitGroup
	var walk func(dir string)
	walk = func(dir string) {
		if dir == "" || dir[0] == '.' {
			return
		}
		ioSlots <- true
		entries := readDir(dir)
		<-ioSlots
		for _, e := range entries {
			if isDir(e) {
				wg.Go(func() {
					walk(dir + "/" + e)
				})
			}
		}
	}
	walk(root)
	wg.Wait()
}

type parser struct {
	mu    sync.Mutex
	cache map[string]*parsed
}

type parsed struct {
	ready chan struct{}
	tree  string
}

var cpuSlots = make(chan struct{}, 4)

func (p *parser) parse(name string) string {
	p.mu.Lock()
	v, ok := p.cache[name]
	if ok {
		p.mu.Unlock()
		<-v.ready
		return v.tree
	}
	v = &parsed{ready: make(chan struct{})}
	p.cache[name] = v
	p.mu.Unlock()
	cpuSlots <- struct{}{}
	v.tree = name
	<-cpuSlots
	close(v.ready)
	return v.tree
}

func (p *parser) parseAll(names []string) []string {
	trees := make([]string, len(names))
	var g errgroup.Group
	for i, name := range names {
		g.Go(func() error {
			trees[i] = p.parse(name)
			return nil
		})
	}
	_ = g.Wait()
	return trees
}

func weightedAfterCheck(ctx context.Context, sem *semaphore.Weighted, urls []string) {
	for _, u := range urls {
		go func() {
			if u == "" {
				return
			}
			if sem.Acquire(ctx, 1) != nil {
				return
			}
			fetch(u)
			sem.Release(1)
		}()
	}
}

// A loader that visits each node of a graph once, through sync.Once, and
// loads it under a semaphore after its dependencies.
type node struct {
	once sync.Once
	deps []*node
}

func (n *node) visit(slots chan struct{}) {
	n.once.Do(func() {
		var wg sync.WaitGroup
		for _, d := range n.deps {
			wg.Go(func() {
				d.visit(slots)
			})
		}
		wg.Wait()
		n.load(slots)
	})
}

func (n *node) load(slots chan struct{}) {
	slots <- struct{}{}
	defer func() { <-slots }()
	fetch("node")
}

func visitAll(roots []*node, slots chan struct{}) {
	var wg sync.WaitGroup
	for _, r := range roots {
		wg.Go(func() {
			r.visit(slots)
		})
	}
	wg.Wait()
}

// Semaphores of other packages, or behind an interface: a type with
// Acquire... and Release methods.

func otherSemaphore(sem limits.Semaphore, urls []string) {
	for _, u := range urls {
		sem.Acquire()
		go func() {
			defer sem.Release()
			fetch(u)
		}()
	}
}

func acquireMaybe(sem limits.Semaphore, urls []string) {
	for _, u := range urls {
		if sem.AcquireMaybe() {
			go func() {
				defer sem.Release()
				fetch(u)
			}()
		} else {
			fetch(u)
		}
	}
}

func limiterInterface(lim limits.Limiter, urls []string) {
	for _, u := range urls {
		go func() {
			if u == "" {
				return
			}
			if lim.Acquire() != nil {
				return
			}
			defer lim.Release()
			fetch(u)
		}()
	}
}
