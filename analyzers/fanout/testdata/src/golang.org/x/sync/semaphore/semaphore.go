// Package semaphore is a stub of golang.org/x/sync/semaphore with the API
// the fanout analyzer recognises.
package semaphore

import "context"

// Weighted provides a way to bound concurrent access to a resource.
type Weighted struct{ size, cur int64 }

// NewWeighted creates a new weighted semaphore with the given maximum
// combined weight for concurrent access.
func NewWeighted(n int64) *Weighted { return &Weighted{size: n} }

// Acquire acquires the semaphore with a weight of n, blocking until
// resources are available or ctx is done.
func (s *Weighted) Acquire(ctx context.Context, n int64) error { s.cur += n; return nil }

// TryAcquire acquires the semaphore with a weight of n without blocking.
func (s *Weighted) TryAcquire(n int64) bool { s.cur += n; return true }

// Release releases the semaphore with a weight of n.
func (s *Weighted) Release(n int64) { s.cur -= n }
