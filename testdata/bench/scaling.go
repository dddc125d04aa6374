package main

import (
	"fmt"
	"log"
	"slices"
)

// scalingSubtrees are the standard-library subtrees measured for scaling,
// in the order they are added: the first 1, 2, 4 and 8 of them, from 7,000
// to 413,000 lines of Go (tests included), a sixty-fold range.
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

// fit is the least-squares line y = Intercept + Slope·x through some
// points, with the fraction of the variance of y it explains.
type fit struct {
	Intercept, Slope, R2 float64
}

// fitLine fits a line through the points (xs[i], ys[i]).
func fitLine(xs, ys []float64) fit {
	n := float64(len(xs))
	var sx, sy, sxx, sxy float64
	for i := range xs {
		sx += xs[i]
		sy += ys[i]
		sxx += xs[i] * xs[i]
		sxy += xs[i] * ys[i]
	}
	den := n*sxx - sx*sx
	if n < 2 || den == 0 {
		return fit{}
	}
	slope := (n*sxy - sx*sy) / den
	intercept := (sy - slope*sx) / n
	var ssRes, ssTot float64
	for i := range xs {
		pred := intercept + slope*xs[i]
		ssRes += (ys[i] - pred) * (ys[i] - pred)
		ssTot += (ys[i] - sy/n) * (ys[i] - sy/n)
	}
	r2 := 1.0
	if ssTot > 0 {
		r2 = 1 - ssRes/ssTot
	}
	return fit{Intercept: intercept, Slope: slope, R2: r2}
}
