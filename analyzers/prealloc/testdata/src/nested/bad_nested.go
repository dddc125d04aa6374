package nested

type Cell struct{ Row, Col int }

func grid(rows, cols []int) []Cell {
	var cells []Cell
	for _, r := range rows {
		for _, c := range cols {
			cells = append(cells, Cell{r, c}) // want `cells grows by append in the loop over rows without capacity.*cells = slices.Grow\(cells, len\(rows\)\*len\(cols\)\)`
		}
	}
	return cells
}

func headerAndCells(rows, cols []int) []int {
	out := []int{}
	for _, r := range rows {
		out = append(out, -r) // want `make\(\[\]int, 0, len\(rows\)\*\(1 \+ len\(cols\)\)\)`
		for _, c := range cols {
			out = append(out, r*c)
		}
	}
	return out
}

func countedInner(rows [][]float64, width int) []float64 {
	var flat []float64
	for i := range rows {
		for j := 0; j < width; j++ {
			flat = append(flat, rows[i][j]) // want `flat = slices.Grow\(flat, len\(rows\)\*max\(width, 0\)\)`
		}
	}
	return flat
}

func coldInner(points [][3]float64) []float64 {
	var coords []float64
	for _, p := range points {
		for k := 0; k < 3; k++ {
			coords = append(coords, p[k]) // want `coords = slices.Grow\(coords, 3\*len\(points\)\)`
		}
	}
	return coords
}

func rangeIntInner(rows []string, n int) []string {
	var out []string
	for _, r := range rows {
		for range n {
			out = append(out, r) // want `out = slices.Grow\(out, len\(rows\)\*max\(n, 0\)\)`
		}
	}
	return out
}

func threeDeep(xs, ys, zs []int) map[[3]int]bool {
	seen := map[[3]int]bool{}
	for _, x := range xs {
		for _, y := range ys {
			for _, z := range zs {
				seen[[3]int{x, y, z}] = true // want `seen is filled in the loop over xs.*make\(map\[\[3\]int\]bool, len\(xs\)\*len\(ys\)\*len\(zs\)\)`
			}
		}
	}
	return seen
}

func mapProduct(rows, cols []string) map[string]int {
	m := make(map[string]int)
	for i, r := range rows {
		for j, c := range cols {
			m[r+c] = i * j // want `make\(map\[string\]int, len\(rows\)\*len\(cols\)\)`
		}
	}
	return m
}

func labelledInner(rows, cols []int) []int {
	var out []int
rowLoop:
	for _, r := range rows {
	colLoop:
		for _, c := range cols {
			out = append(out, r+c) // want `out = slices.Grow\(out, len\(rows\)\*len\(cols\)\)`
			continue colLoop
		}
		continue rowLoop
	}
	return out
}

type frame struct{ fn string }
type location struct{ frames []frame }
type sample struct{ locations []*location }

// Loops over fields, the stack filled in the inner loops (whose count
// varies with the sample) and the result once per sample.
func stacks(samples []*sample) (res [][]string) {
	for _, s := range samples {
		var stk []string
		for _, l := range s.locations {
			for _, f := range l.frames {
				stk = append(stk, f.fn)
			}
		}
		res = append(res, stk) // want `res grows by append in the loop over samples .*res = slices.Grow\(res, len\(samples\)\)`
	}
	return res
}
