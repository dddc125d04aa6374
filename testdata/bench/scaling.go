package main

import (
	"fmt"
	"log"
	"slices"
)

// scalingSubtrees are the standard-library subtrees measured for scaling,
// in the order they are added: the first 1, 2, 4 and 8 of them.
var scalingSubtrees = []string{
	"./strings/...", "./bytes/...", "./text/...", "./encoding/...",
	"./go/...", "./net/...", "./crypto/...", "./image/...",
}

// scalingPoint is the floor and perfvet on one corpus size.
type scalingPoint struct {
	Subtrees int
	Size     corpusSize
	Floor    stats
	Perfvet  stats
	Ratios   ratios
}

// measureScaling measures the floor and perfvet on growing prefixes of
// scalingSubtrees, interleaved like the main measurement.
func measureScaling(tools []*tool, runs int, work string) ([]scalingPoint, error) {
	pair := slices.DeleteFunc(slices.Clone(tools), func(t *tool) bool { return t.Role != floor && t.Role != subject })
	if len(pair) != 2 {
		return nil, fmt.Errorf("scaling needs the floor and perfvet")
	}
	var corpora []corpus
	for _, n := range []int{1, 2, 4, 8} {
		c, err := stdlibCorpus(scalingSubtrees[:n])
		if err != nil {
			return nil, err
		}
		c.Name = fmt.Sprintf("stdlib-%d", n)
		if c.Size, err = measureSize(c.Dir, c.Patterns); err != nil {
			return nil, err
		}
		log.Printf("scaling corpus %s: %d packages, %d lines", c.Name, c.Size.Packages, c.Size.Lines)
		corpora = append(corpora, c)
	}
	got, err := measureInterleaved(pair, corpora, runs, work)
	if err != nil {
		return nil, err
	}
	points := make([]scalingPoint, 0, len(corpora))
	for i, c := range corpora {
		floorRuns, perfvetRuns := got[c.Name]["floor"], got[c.Name]["perfvet"]
		points = append(points, scalingPoint{
			Subtrees: []int{1, 2, 4, 8}[i],
			Size:     c.Size,
			Floor:    median(floorRuns),
			Perfvet:  median(perfvetRuns),
			Ratios:   pairedRatios(perfvetRuns, floorRuns),
		})
	}
	return points, nil
}
