package errgroups

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

func fetch(string) error { return nil }

func localGroup(urls []string) error {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error { return fetch(u) }) // want `^g.Go starts a goroutine for every element of urls and g has no SetLimit, so nothing bounds concurrency; call g.SetLimit before the loop$`
	}
	return g.Wait()
}

func withContext(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { // want `g.Go starts a goroutine for every element of urls and g has no SetLimit`
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fetch(u)
		})
	}
	return g.Wait()
}

func allocated(urls []string) error {
	g := new(errgroup.Group)
	h := &errgroup.Group{}
	for _, u := range urls {
		g.Go(func() error { return fetch(u) }) // want `g.Go starts`
		h.Go(func() error { return fetch(u) }) // want `h.Go starts`
	}
	return errors(g.Wait(), h.Wait())
}

func errors(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

func negativeLimit(urls []string) error {
	var g errgroup.Group
	g.SetLimit(-1) // a negative limit means no limit
	for _, u := range urls {
		g.Go(func() error { return fetch(u) }) // want `g.Go starts`
	}
	return g.Wait()
}

// crawler holds its group by value and never limits it.
type crawler struct {
	group errgroup.Group
}

func (c *crawler) crawl(urls []string) error {
	for _, u := range urls {
		c.group.Go(func() error { return fetch(u) }) // want `c.group.Go starts a goroutine for every element of urls and c.group has no SetLimit, so nothing bounds concurrency; call c.group.SetLimit before the loop`
	}
	return c.group.Wait()
}

// fetcher holds a pointer to a group it creates without a limit.
type fetcher struct {
	group *errgroup.Group
}

func newFetcher() *fetcher {
	return &fetcher{group: new(errgroup.Group)}
}

func (f *fetcher) fetchAll(urls []string) error {
	for _, u := range urls {
		f.group.Go(func() error { return fetch(u) }) // want `f.group.Go starts`
	}
	return f.group.Wait()
}

// batch embeds its group.
type batch struct {
	errgroup.Group
	name string
}

func (b *batch) run(urls []string) error {
	for _, u := range urls {
		b.Go(func() error { return fetch(b.name + u) }) // want `b.Go starts a goroutine for every element of urls and b has no SetLimit`
	}
	return b.Wait()
}

var shared errgroup.Group

func global(urls []string) {
	for _, u := range urls {
		shared.Go(func() error { return fetch(u) }) // want `shared.Go starts`
	}
}

func inClosure(urls []string) error {
	var g errgroup.Group
	submit := func(u string) {
		g.Go(func() error { return fetch(u) }) // want `g.Go starts a goroutine for every element of urls`
	}
	for _, u := range urls {
		submit(u)
	}
	return g.Wait()
}

func passedToHelperWithoutLimit(urls []string) error {
	var g errgroup.Group
	describe(&g)
	for _, u := range urls {
		g.Go(func() error { return fetch(u) }) // want `g.Go starts`
	}
	return g.Wait()
}

func describe(g *errgroup.Group) { _ = g }

func declaredInBlock(files map[string]string) (map[string]int, error) {
	var (
		mu      sync.Mutex
		entries = make(map[string]int, len(files))
		g       errgroup.Group
	)
	for name, file := range files {
		g.Go(func() error { // want `g.Go starts a goroutine for every element of files`
			mu.Lock()
			entries[name] = len(file)
			mu.Unlock()
			return nil
		})
	}
	err := g.Wait()
	return entries, err
}

type searcher struct{ dir string }

func (s searcher) search(ctx context.Context, name string) error { return ctx.Err() }

func contextAndMap(ctx context.Context, refs map[string][]string) error {
	g, ctx := errgroup.WithContext(ctx)
	s := searcher{dir: "."}
	var mu sync.Mutex
	results := make(map[string]int, len(refs))
	for name, symbols := range refs {
		g.Go(func() error { // want `g.Go starts a goroutine for every element of refs`
			if err := s.search(ctx, name); err != nil {
				return err
			}
			mu.Lock()
			results[name] = len(symbols)
			mu.Unlock()
			return nil
		})
	}
	return g.Wait()
}

// lazy is a package variable pointing to a group made without a limit
// where it is declared.
var lazy = &errgroup.Group{}

func globalPointer(urls []string) error {
	for _, u := range urls {
		lazy.Go(func() error { return fetch(u) }) // want `lazy.Go starts a goroutine for every element of urls and lazy has no SetLimit`
	}
	return lazy.Wait()
}

// relay's group is made without a limit by a constructor no loop
// calls, stored through a local first.
type relay struct {
	group *errgroup.Group
}

func newRelay() *relay {
	g := new(errgroup.Group)
	r := &relay{}
	r.group = g
	return r
}

func (r *relay) forward(urls []string) {
	for _, u := range urls {
		r.group.Go(func() error { return fetch(u) }) // want `r.group.Go starts`
	}
}
