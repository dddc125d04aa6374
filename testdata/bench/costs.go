package main

import (
	"bufio"
	"bytes"
	"fmt"
	"log"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// analyzerCost is the time the framework attributes to one analyzer,
// summed over the packages.
type analyzerCost struct {
	Name    string
	Total   time.Duration
	Actions int
}

// costs is what perfvet -debug=tp printed on one corpus.
type costs struct {
	Analyzers []analyzerCost
	// Others is the time of the actions the framework did not list one
	// by one (it lists the largest ones, up to 90% of the total).
	Others time.Duration
}

// Total is the time of all actions.
func (c costs) Total() time.Duration {
	total := c.Others
	for _, a := range c.Analyzers {
		total += a.Total
	}
	return total
}

// analyzerCosts runs perfvet once more on c with the framework's timing
// (-debug=t) and no parallelism (p: otherwise the times are mostly
// scheduler and GC noise, as the framework warns), and sums the listed
// actions per analyzer.
func analyzerCosts(tools []*tool, c corpus) (costs, error) {
	i := slices.IndexFunc(tools, func(t *tool) bool { return t.Role == subject })
	if i < 0 {
		return costs{}, fmt.Errorf("no perfvet among the tools")
	}
	perfvet := tools[i]
	log.Printf("perfvet -debug=tp on %s", c.Name)
	cmd := exec.Command(perfvet.Binary, append([]string{"-debug=tp"}, c.Patterns...)...)
	cmd.Dir = c.Dir
	cmd.Env = baseEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if status := exitStatus(cmd.Run()); !perfvet.ranToEnd(status) {
		return costs{}, fmt.Errorf("perfvet -debug=tp on %s exited with status %d:\n%s", c.Name, status, lastLines(stderr.String(), 20))
	}
	return parseCosts(stderr.Bytes())
}

// parseCosts sums the "<duration>\t<analyzer>@<package>" lines of the
// framework's timing output per analyzer, largest first.
func parseCosts(out []byte) (costs, error) {
	byName := make(map[string]*analyzerCost)
	var c costs
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		field, action, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			continue // a diagnostic or a warning
		}
		d, err := time.ParseDuration(field)
		if err != nil {
			continue
		}
		if action == "all others" {
			c.Others += d
			continue
		}
		name, _, ok := strings.Cut(action, "@")
		if !ok {
			continue
		}
		a := byName[name]
		if a == nil {
			a = &analyzerCost{Name: name}
			byName[name] = a
		}
		a.Total += d
		a.Actions++
	}
	if len(byName) == 0 {
		return costs{}, fmt.Errorf("perfvet -debug=tp printed no timing lines")
	}
	for _, a := range byName {
		c.Analyzers = append(c.Analyzers, *a)
	}
	slices.SortFunc(c.Analyzers, func(a, b analyzerCost) int { return int(b.Total - a.Total) })
	return c, nil
}
