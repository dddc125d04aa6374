// Bench measures what perfvet costs on real code: wall time, CPU time
// and peak memory, against the floor every go/analysis tool pays (load
// and type-check, measured with an analyzer that does nothing) and
// against the linters users would otherwise run. It writes its tables
// into docs/performance.md between the generated-section markers.
//
// Usage, from the module root (make bench runs exactly this):
//
//	go run ./testdata/bench [-runs 3] [-out docs/performance.md]
//
// Every tool is timed by /usr/bin/time -v, once to warm the build cache
// and then -runs times, the tools interleaved run by run so that the
// noise of a shared machine falls on all of them alike; medians are
// reported. It takes minutes. It lives under testdata so that
// `go test ./...` and `go vet ./...` leave it alone.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("bench: ")
	runs := flag.Int("runs", 3, "measured runs per tool and corpus, after one warm-up run")
	out := flag.String("out", "docs/performance.md", "page whose generated section receives the tables (empty: print only)")
	only := flag.String("corpora", "stdlib,xtools", "comma-separated corpora to measure: stdlib, xtools")
	scaling := flag.Bool("scaling", true, "also measure floor and perfvet on 1, 2, 4 and 8 standard-library subtrees")
	peers := flag.Bool("peers", true, "also measure staticcheck, go-critic, prealloc and the buildssa reference")
	flag.Parse()
	if err := run(*runs, *out, strings.Split(*only, ","), *scaling, *peers); err != nil {
		log.Fatal(err)
	}
}

// run prepares tools and corpora in a temporary directory, measures
// them, and writes the page.
func run(runs int, out string, corpora []string, scaling, withPeers bool) error {
	if runs < 1 {
		return fmt.Errorf("-runs must be at least 1, not %d", runs)
	}
	if _, err := os.Stat(timeBinary); err != nil {
		return fmt.Errorf("%s is needed to measure peak memory (Debian package time): %w", timeBinary, err)
	}
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "perfvet-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	started := time.Now()
	machine := describeMachine()
	xtools, err := dependencyVersion(root, "golang.org/x/tools")
	if err != nil {
		return err
	}
	tools, err := buildTools(root, work, xtools, withPeers)
	if err != nil {
		return err
	}
	results, err := measureCorpora(tools, corpora, runs, work, xtools)
	if err != nil {
		return err
	}
	var scale []scalingPoint
	if scaling {
		if scale, err = measureScaling(tools, runs, work); err != nil {
			return err
		}
	}
	machine.LoadAfter = loadAverage()
	page := renderPage(machine, started, runs, tools, results, scale)
	fmt.Print(page)
	if out == "" {
		return nil
	}
	if !filepath.IsAbs(out) {
		out = filepath.Join(root, out)
	}
	return writeGenerated(out, page)
}

// measureCorpora prepares and measures each named corpus in turn: every
// tool, then perfvet's per-analyzer cost.
func measureCorpora(tools []*tool, names []string, runs int, work, xtoolsVersion string) ([]corpusResult, error) {
	var results []corpusResult
	for _, name := range names {
		if name = strings.TrimSpace(name); name == "" {
			continue // -corpora= measures only the scaling
		}
		c, err := prepareCorpus(name, work, xtoolsVersion)
		if err != nil {
			return nil, err
		}
		log.Printf("corpus %s: %d packages, %d lines of Go", c.Name, c.Size.Packages, c.Size.Lines)
		samples, err := measureInterleaved(tools, []corpus{c}, runs, work)
		if err != nil {
			return nil, err
		}
		costs, err := analyzerCosts(tools, c)
		if err != nil {
			return nil, err
		}
		results = append(results, corpusResult{Corpus: c, Samples: samples[c.Name], Costs: costs})
	}
	return results, nil
}
