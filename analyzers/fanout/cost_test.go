package fanout_test

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkFanout processes N items with one goroutine each (what the
// analyzer reports) and with a fixed pool of GOMAXPROCS workers fed by a
// channel (its remedy). Besides time and heap bytes per run it reports
// the peak number of live goroutines and the peak stack memory, measured
// in one extra, instrumented run after the timed ones.
func BenchmarkFanout(b *testing.B) {
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		items := makeItems(n)
		out := make([]uint64, n)
		for _, v := range []variant{{"per-item", perItem}, {"pool", pool}} {
			b.Run(fmt.Sprintf("%s/n=%d", v.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					v.run(items, out, nil)
				}
				peak, stacks := measurePeak(func(p *peakCounter) { v.run(items, out, p) })
				b.ReportMetric(float64(peak), "peak-goroutines")
				b.ReportMetric(float64(stacks), "peak-stack-B")
			})
		}
	}
}

type variant struct {
	name string
	run  func(items, out []uint64, p *peakCounter)
}

// process is the work done per item: a few hundred nanoseconds of
// arithmetic, the size of a small decode or hash.
func process(x uint64) uint64 {
	for range 128 {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return x
}

// perItem starts one goroutine per item: the pattern fanout reports.
func perItem(items, out []uint64, p *peakCounter) {
	var wg sync.WaitGroup
	for i, it := range items {
		wg.Add(1)
		p.start()
		//perfvet:ignore fanout the pattern under measurement
		go func() {
			defer wg.Done()
			defer p.end()
			out[i] = process(it)
		}()
	}
	wg.Wait()
}

// pool runs GOMAXPROCS workers that share a channel of item indexes.
func pool(items, out []uint64, p *peakCounter) {
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan int, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		p.start()
		go func() {
			defer wg.Done()
			defer p.end()
			for i := range jobs {
				out[i] = process(items[i])
			}
		}()
	}
	for i := range items {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}

func makeItems(n int) []uint64 {
	items := make([]uint64, n)
	for i := range items {
		items[i] = uint64(i)*0x9e3779b97f4a7c15 + 1
	}
	return items
}

// peakCounter tracks the largest number of goroutines that exist at
// once, from the go statement to their return. A nil *peakCounter counts
// nothing, so the timed runs pay nothing for it.
type peakCounter struct {
	live, peak atomic.Int64
}

// start records a goroutine about to be started.
func (p *peakCounter) start() {
	if p == nil {
		return
	}
	n := p.live.Add(1)
	for old := p.peak.Load(); n > old && !p.peak.CompareAndSwap(old, n); old = p.peak.Load() {
	}
}

// end records a goroutine returning.
func (p *peakCounter) end() {
	if p != nil {
		p.live.Add(-1)
	}
}

// measurePeak runs f once, counting its live goroutines, and samples the
// memory held by goroutine stacks every 100µs meanwhile.
func measurePeak(f func(*peakCounter)) (goroutines, stackBytes int64) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/stacks:bytes"}}
	metrics.Read(sample)
	base := int64(sample[0].Value.Uint64())
	stop := make(chan struct{})
	var peakStack atomic.Int64
	var sampler sync.WaitGroup
	sampler.Go(func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/stacks:bytes"}}
		tick := time.NewTicker(100 * time.Microsecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			peakStack.Store(max(peakStack.Load(), int64(s[0].Value.Uint64())-base))
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	})
	var p peakCounter
	f(&p)
	close(stop)
	sampler.Wait()
	return p.peak.Load(), peakStack.Load()
}

// TestCostVariantsAgree keeps the benchmark honest: both variants
// compute the same results.
func TestCostVariantsAgree(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		items := makeItems(n)
		want := make([]uint64, n)
		for i, it := range items {
			want[i] = process(it)
		}
		for _, v := range []variant{{"per-item", perItem}, {"pool", pool}} {
			got := make([]uint64, n)
			v.run(items, got, nil)
			if !slices.Equal(got, want) {
				t.Errorf("%s, n=%d: results differ from a sequential run", v.name, n)
			}
		}
	}
}
