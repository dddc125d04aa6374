// Package errgroup is a stub of golang.org/x/sync/errgroup with the API
// the fanout analyzer recognises.
package errgroup

import "context"

// A Group is a collection of goroutines working on subtasks.
type Group struct{ limit int }

// WithContext returns a new Group and a derived Context.
func WithContext(ctx context.Context) (*Group, context.Context) { return &Group{}, ctx }

// Wait blocks until all function calls from Go have returned.
func (g *Group) Wait() error { return nil }

// Go calls f in a new goroutine.
func (g *Group) Go(f func() error) { go f() }

// TryGo calls f in a new goroutine only if the group is below its limit.
func (g *Group) TryGo(f func() error) bool { go f(); return true }

// SetLimit limits the number of active goroutines in this group to at
// most n. A negative value indicates no limit.
func (g *Group) SetLimit(n int) { g.limit = n }
