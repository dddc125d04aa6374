package errgroups

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func limitedBeforeTheLoop(urls []string) error {
	var g errgroup.Group
	g.SetLimit(8)
	for _, u := range urls {
		g.Go(func() error { return fetch(u) })
	}
	return g.Wait()
}

func limitedWithContext(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(8)
	for _, u := range urls {
		g.Go(func() error { return fetchContext(ctx, u) })
	}
	return g.Wait()
}

func fetchContext(context.Context, string) error { return nil }

// newLimited creates the group and sets its limit in one place.
func newLimited(n int) *errgroup.Group {
	g := new(errgroup.Group)
	g.SetLimit(n)
	return g
}

func limitedByConstructor(urls []string) error {
	g := newLimited(8)
	for _, u := range urls {
		g.Go(func() error { return fetch(u) })
	}
	return g.Wait()
}

func limit(g *errgroup.Group) { g.SetLimit(8) }

func limitedByHelper(urls []string) error {
	var g errgroup.Group
	limit(&g)
	for _, u := range urls {
		g.Go(func() error { return fetch(u) })
	}
	return g.Wait()
}

// The caller owns the group and decides its limit.
func parameter(g *errgroup.Group, urls []string) {
	for _, u := range urls {
		g.Go(func() error { return fetch(u) })
	}
}

// pool limits the group it holds when it is built.
type pool struct {
	group errgroup.Group
}

func newPool() *pool {
	p := &pool{}
	p.group.SetLimit(4)
	return p
}

func (p *pool) runAll(urls []string) error {
	for _, u := range urls {
		p.group.Go(func() error { return fetch(u) })
	}
	return p.group.Wait()
}

// service is given its group.
type service struct {
	group *errgroup.Group
}

func newService(g *errgroup.Group) *service { return &service{group: g} }

func (s *service) submitAll(urls []string) {
	for _, u := range urls {
		s.group.Go(func() error { return fetch(u) })
	}
}

// limitedEmbed embeds a group it limits.
type limitedEmbed struct {
	errgroup.Group
}

func newLimitedEmbed() *limitedEmbed {
	e := new(limitedEmbed)
	e.SetLimit(2)
	return e
}

func (e *limitedEmbed) each(urls []string) error {
	for _, u := range urls {
		e.Go(func() error { return fetch(u) })
	}
	return e.Wait()
}

func capturedByClosure(urls []string) error {
	var g errgroup.Group
	g.SetLimit(16)
	submit := func(u string) {
		g.Go(func() error { return fetch(u) })
	}
	for _, u := range urls {
		submit(u)
	}
	return g.Wait()
}

func tryGo(urls []string) error {
	var g errgroup.Group
	for _, u := range urls {
		g.TryGo(func() error { return fetch(u) })
	}
	return g.Wait()
}

func constantCount() error {
	var g errgroup.Group
	for i := range 16 {
		g.Go(func() error { return fetch(string(rune(i))) })
	}
	return g.Wait()
}

func aliased(urls []string, other *errgroup.Group) error {
	g := other
	for _, u := range urls {
		g.Go(func() error { return fetch(u) })
	}
	return g.Wait()
}

func perCount(n int) error {
	var g errgroup.Group
	for i := range n {
		g.Go(func() error { return fetch(string(rune(i))) })
	}
	return g.Wait()
}

// limitedShared is a package variable limited by an init function.
var limitedShared errgroup.Group

func init() { limitedShared.SetLimit(8) }

func globalLimited(urls []string) error {
	for _, u := range urls {
		limitedShared.Go(func() error { return fetch(u) })
	}
	return limitedShared.Wait()
}

// gate's constructor limits the group before storing it in the field.
type gate struct {
	group *errgroup.Group
}

func newGate() *gate {
	g := new(errgroup.Group)
	g.SetLimit(3)
	return &gate{group: g}
}

func (g *gate) admit(urls []string) {
	for _, u := range urls {
		g.group.Go(func() error { return fetch(u) })
	}
}

// limitedPointer is a package variable pointing to a group that its
// initializer limits.
var limitedPointer = newLimited(4)

func globalPointerLimited(urls []string) {
	for _, u := range urls {
		limitedPointer.Go(func() error { return fetch(u) })
	}
}
