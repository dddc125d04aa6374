package deferloop_test

import (
	"fmt"
	"testing"
)

// resources counts what is held: each iteration acquires one and its
// deferred call releases it, as a file or a lock would be.
type resources struct{ held, peak int }

func (r *resources) acquire() {
	r.held++
	r.peak = max(r.peak, r.held)
}

func (r *resources) release() { r.held-- }

// BenchmarkDefer compares a defer in a loop body (what the analyzer
// reports) with the body moved into a function literal called per
// iteration (its suggested fix) and with an explicit release. The
// peak-held metric is how many resources are held at once.
func BenchmarkDefer(b *testing.B) {
	variants := []struct {
		name string
		run  func(*resources, int)
	}{
		{"inloop", deferInLoop},
		{"closure", deferPerIteration},
		{"explicit", releaseExplicitly},
	}
	for _, n := range []int{10, 100, 1_000, 10_000} {
		for _, v := range variants {
			b.Run(fmt.Sprintf("%s/n=%d", v.name, n), func(b *testing.B) {
				b.ReportAllocs()
				var r resources
				for b.Loop() {
					v.run(&r, n)
				}
				b.ReportMetric(float64(r.peak), "peak-held")
			})
		}
	}
}

func deferInLoop(r *resources, n int) {
	for range n {
		r.acquire()
		defer r.release() //perfvet:ignore deferloop the benchmark measures this defer in a loop
	}
}

func deferPerIteration(r *resources, n int) {
	for range n {
		func() {
			r.acquire()
			defer r.release()
		}()
	}
}

func releaseExplicitly(r *resources, n int) {
	for range n {
		r.acquire()
		r.release()
	}
}

// TestCostVariantsAgree keeps the benchmark honest: every variant
// releases all it acquires, and only the defer in the loop holds more
// than one resource at a time.
func TestCostVariantsAgree(t *testing.T) {
	for _, n := range []int{0, 1, 10, 1000} {
		for name, run := range map[string]func(*resources, int){
			"inloop": deferInLoop, "closure": deferPerIteration, "explicit": releaseExplicitly,
		} {
			var r resources
			run(&r, n)
			wantPeak := min(n, 1)
			if name == "inloop" {
				wantPeak = n
			}
			if r.held != 0 || r.peak != wantPeak {
				t.Errorf("%s, n=%d: held %d, peak %d; want 0 and %d", name, n, r.held, r.peak, wantPeak)
			}
		}
	}
}
