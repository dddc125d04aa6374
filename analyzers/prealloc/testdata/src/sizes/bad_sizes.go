package sizes

import "fmt"

type Item struct{ Name string }

type Store struct {
	items []Item
	n     int
}

func (s *Store) Items() []Item { return s.items }

// load returns what the program read: its length is data.
func load() []Item { return loaded }

var loaded []Item

// The size has a call: it gets no fix, which would evaluate it twice.
func callInRange() []string {
	var out []string
	for _, it := range load() {
		out = append(out, it.Name) // want `out grows by append in the loop over load\(\).*slices.Grow\(out, len\(load\(\)\)\), evaluating load\(\) once, before the loop`
	}
	return out
}

func methodInRange(s *Store) []string {
	out := []string{}
	for _, it := range s.Items() {
		out = append(out, it.Name) // want `make\(\[\]string, 0, len\(s.Items\(\)\)\), evaluating s.Items\(\) once, before the loop`
	}
	return out
}

// A field path is free of side effects.
func fieldPath(s *Store) []string {
	out := []string{}
	for i := 0; i < len(s.items); i++ {
		out = append(out, s.items[i].Name) // want `make\(\[\]string, 0, len\(s.items\)\)`
	}
	return out
}

func fieldBound(s *Store) []int {
	var out []int
	for i := 0; i < s.n; i++ {
		out = append(out, i) // want `out = slices.Grow\(out, max\(s.n, 0\)\)`
	}
	return out
}

func boundExpression(xs []int) []int {
	var out []int
	for i := 0; i < len(xs)-1; i++ {
		out = append(out, xs[i+1]-xs[i]) // want `out = slices.Grow\(out, max\(len\(xs\) - 1, 0\)\)`
	}
	return out
}

// The collection is declared after the slice: the capacity goes in
// right before the loop.
func declaredAfter() []string {
	out := []string{}
	items := load()
	for _, it := range items {
		out = append(out, it.Name) // want `make\(\[\]string, 0, len\(items\)\)`
	}
	return out
}

// Quiet declarations between keep the size the same: it goes in the
// declaration.
func quietBetween(items []Item) []string {
	out := []string{}
	var count int
	prefix := "item:"
	for _, it := range items {
		out = append(out, prefix+it.Name) // want `make\(\[\]string, 0, len\(items\)\)`
		count++
	}
	fmt.Println(count)
	return out
}

// The bound changes between the declaration and the loop.
func boundChangesBefore(n int) []int {
	out := []int{}
	n = n * 2
	for i := 0; i < n; i++ {
		out = append(out, i) // want `make\(\[\]int, 0, max\(n, 0\)\)`
	}
	return out
}

func boundRedeclared(n int) []int {
	out := []int{}
	n, m := n+1, 2
	for i := 0; i < n; i++ {
		out = append(out, i*m) // want `make\(\[\]int, 0, max\(n, 0\)\)`
	}
	return out
}

// A map can only get its hint in its declaration.
func mapCallBetween(items []Item) map[string]Item {
	m := map[string]Item{}
	fmt.Println("indexing")
	for _, it := range items {
		m[it.Name] = it // want `m is filled in the loop over items.*make\(map\[string\]Item, len\(items\)\)`
	}
	return m
}

func mapOuterBlock(items []Item, ok bool) map[string]Item {
	m := map[string]Item{}
	if ok {
		for _, it := range items {
			m[it.Name] = it // want `make\(map\[string\]Item, len\(items\)\)`
		}
	}
	return m
}

func sliceOuterBlock(items []Item, ok bool) []string {
	out := []string{}
	if ok {
		for _, it := range items {
			out = append(out, it.Name) // want `make\(\[\]string, 0, len\(items\)\)`
		}
	}
	return out
}

// The names the fix needs are taken.
func slicesShadowed(items []Item) []string {
	slices := 0
	var out []string
	for _, it := range items {
		out = append(out, it.Name) // want `out = slices.Grow\(out, len\(items\)\)`
		slices++
	}
	return out
}

func maxShadowed(n int) map[int]int {
	max := 10
	m := map[int]int{}
	for i := 0; i < n; i++ {
		m[i] = max // want `make\(map\[int\]int, n\)`
	}
	return m
}

// The loop's collection is shadowed where the declaration is.
func shadowedAtDeclaration(items []Item) []string {
	out := []string{}
	{
		items := items[1:]
		for _, it := range items {
			out = append(out, it.Name) // want `make\(\[\]string, 0, len\(items\)\)`
		}
	}
	return out
}

// A long call is elided in the message.
func longCall(s *Store, extra []Item) []string {
	var out []string
	for _, it := range append(s.Items(), append(extra, load()...)...) {
		out = append(out, it.Name) // want `out grows by append in the loop over .* reserve the capacity first with out = slices.Grow\(out, len\(append\(...\)\)\), evaluating append\(...\) once, before the loop$`
	}
	return out
}
