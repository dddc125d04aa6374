package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// timeBinary is GNU time, whose -v output includes the peak resident
// set size of the command (the largest of it and its children, such as
// the go list that loads the packages).
const timeBinary = "/usr/bin/time"

// sample is one measured run.
type sample struct {
	Wall time.Duration
	// CPU is user plus system time, of the tool and its children.
	CPU time.Duration
	// RSS is the peak resident set size in bytes.
	RSS int64
}

// samples maps a corpus name, then a tool name, to its measured runs in
// run order: the i-th sample of every tool on a corpus comes from the
// same round of the interleaving.
type samples map[string]map[string][]sample

// measureInterleaved runs every tool on every corpus once to warm the
// caches (the go command's build cache, the file cache), then runs more
// times, one round at a time: each round runs every tool once, starting
// with a different tool each round, so that a burst of load on the
// shared machine hits the tools alike. A tool that runs with an empty
// cache by design has nothing to warm and skips the warm-up.
func measureInterleaved(tools []*tool, corpora []corpus, runs int, work string) (samples, error) {
	got := make(samples, len(corpora))
	for _, c := range corpora {
		got[c.Name] = make(map[string][]sample)
	}
	for round := 0; round <= runs; round++ {
		for _, c := range corpora {
			for i := range tools {
				t := tools[(i+round)%len(tools)]
				if round == 0 && t.freshCache {
					continue // nothing to warm: every run starts from an empty cache
				}
				s, err := measureOnce(t, c, work)
				if err != nil {
					return nil, err
				}
				log.Printf("round %d/%d %s on %s: wall %.2fs cpu %.2fs rss %d MiB", round, runs, t.Name, c.Name,
					s.Wall.Seconds(), s.CPU.Seconds(), s.RSS>>20)
				if round > 0 { // round 0 is the warm-up
					got[c.Name][t.Name] = append(got[c.Name][t.Name], s)
				}
			}
		}
	}
	return got, nil
}

// measureOnce runs t on c under /usr/bin/time -v and returns what it
// measured. A tool that fails (an exit status other than its "found
// something" and "found nothing") is an error: its figures would
// describe a run that did not do the work.
func measureOnce(t *tool, c corpus, work string) (sample, error) {
	logs := filepath.Join(work, "logs")
	if err := os.MkdirAll(logs, 0o755); err != nil {
		return sample{}, err
	}
	base := filepath.Join(logs, t.Name+"-"+c.Name)
	timeFile := base + ".time"
	args := append([]string{"-v", "-o", timeFile, t.Binary}, t.Args...)
	cmd := exec.Command(timeBinary, append(args, c.Patterns...)...)
	cmd.Dir = c.Dir
	cmd.Env = append(baseEnv(), t.Env...)
	if t.freshCache {
		cache, err := os.MkdirTemp(work, "cache-")
		if err != nil {
			return sample{}, err
		}
		defer os.RemoveAll(cache)
		cmd.Env = append(cmd.Env, "XDG_CACHE_HOME="+cache, "STATICCHECK_CACHE="+cache, "PERFVET_CACHE="+cache)
	}
	var stderr bytes.Buffer
	cmd.Stdout = nil // findings are not what is measured
	cmd.Stderr = &stderr
	status := exitStatus(cmd.Run())
	if status < 0 || !t.ranToEnd(status) {
		return sample{}, fmt.Errorf("%s on %s exited with status %d:\n%s", t.Name, c.Name, status, lastLines(stderr.String(), 20))
	}
	report, err := os.ReadFile(timeFile)
	if err != nil {
		return sample{}, fmt.Errorf("reading %s's timing: %w", t.Name, err)
	}
	return parseTime(report)
}

// exitStatus returns the exit status of a finished command, or -1 if it
// did not start or was killed.
func exitStatus(err error) int {
	if err == nil {
		return 0
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	return -1
}

// lastLines returns the last n lines of s, for error messages.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// parseTime reads the wall time, CPU time and peak RSS out of the report
// of /usr/bin/time -v.
func parseTime(report []byte) (sample, error) {
	var s sample
	var user, sys float64
	var found int
	sc := bufio.NewScanner(bytes.NewReader(report))
	for sc.Scan() {
		key, value, ok := strings.Cut(strings.TrimSpace(sc.Text()), ": ")
		if !ok {
			continue
		}
		var err error
		switch {
		case key == "User time (seconds)":
			user, err = strconv.ParseFloat(value, 64)
		case key == "System time (seconds)":
			sys, err = strconv.ParseFloat(value, 64)
		case strings.HasPrefix(key, "Elapsed (wall clock) time"):
			s.Wall, err = parseClock(value)
		case key == "Maximum resident set size (kbytes)":
			var kb int64
			kb, err = strconv.ParseInt(value, 10, 64)
			s.RSS = kb << 10
		default:
			continue
		}
		if err != nil {
			return sample{}, fmt.Errorf("reading %q of /usr/bin/time: %w", key, err)
		}
		found++
	}
	if found != 4 {
		return sample{}, fmt.Errorf("/usr/bin/time -v reported %d of the 4 figures needed:\n%s", found, report)
	}
	s.CPU = seconds(user + sys)
	return s, nil
}

// parseClock parses the h:mm:ss or m:ss.ss elapsed time of GNU time.
func parseClock(v string) (time.Duration, error) {
	var total float64
	for _, part := range strings.Split(v, ":") {
		f, err := strconv.ParseFloat(part, 64)
		if err != nil {
			return 0, err
		}
		total = total*60 + f
	}
	return seconds(total), nil
}

// seconds converts a count of seconds to a Duration.
func seconds(f float64) time.Duration { return time.Duration(f * float64(time.Second)) }

// stats are the medians of a tool's runs.
type stats struct {
	Wall, CPU time.Duration
	RSS       int64
}

// median returns the per-figure medians of ss.
func median(ss []sample) stats {
	walls := make([]float64, len(ss))
	cpus := make([]float64, len(ss))
	rsss := make([]float64, len(ss))
	for i, s := range ss {
		walls[i], cpus[i], rsss[i] = float64(s.Wall), float64(s.CPU), float64(s.RSS)
	}
	return stats{Wall: time.Duration(middle(walls)), CPU: time.Duration(middle(cpus)), RSS: int64(middle(rsss))}
}

// ratios are a tool's figures divided by the floor's.
type ratios struct{ Wall, CPU, RSS float64 }

// pairedRatios returns the median over rounds of the tool's figures
// divided by the floor's figures of the same round. Pairing runs that
// ran back to back cancels most of the drift of a shared machine.
func pairedRatios(tool, floor []sample) ratios {
	n := min(len(tool), len(floor))
	walls := make([]float64, n)
	cpus := make([]float64, n)
	rsss := make([]float64, n)
	for i := range n {
		walls[i] = float64(tool[i].Wall) / float64(floor[i].Wall)
		cpus[i] = float64(tool[i].CPU) / float64(floor[i].CPU)
		rsss[i] = float64(tool[i].RSS) / float64(floor[i].RSS)
	}
	return ratios{Wall: middle(walls), CPU: middle(cpus), RSS: middle(rsss)}
}

// middle returns the median of xs (the mean of the middle two for an
// even count), or 0 for none.
func middle(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	sorted := slices.Clone(xs)
	slices.Sort(sorted)
	mid := len(sorted) / 2
	if len(sorted)%2 == 0 {
		return (sorted[mid-1] + sorted[mid]) / 2
	}
	return sorted[mid]
}
