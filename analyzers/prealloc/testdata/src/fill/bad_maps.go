package fill

import (
	"sort"
	str "strings"
)

type Item struct {
	Key   string
	Alias string
	Value int
}

func literalMap(items []Item) map[string]int {
	m := map[string]int{}
	for _, it := range items {
		m[it.Key] = it.Value // want `m is filled in the loop over items without a size hint, rehashing its entries O\(log n\) times as it grows; create it with make\(map\[string\]int, len\(items\)\)`
	}
	return m
}

func madeMap(items []Item) map[string]*Item {
	byKey := make(map[string]*Item)
	for i := range items {
		byKey[items[i].Key] = &items[i] // want `byKey is filled in the loop over items.*make\(map\[string\]\*Item, len\(items\)\)`
	}
	return byKey
}

func twoEntries(items []Item) map[string]int {
	m := make(map[string]int)
	for _, it := range items {
		m[it.Key] = it.Value // want `make\(map\[string\]int, 2\*len\(items\)\)`
		m[it.Alias] = it.Value
	}
	return m
}

func countedMap(n int) map[int]bool {
	seen := map[int]bool{}
	for i := 0; i < n; i++ {
		seen[i*i] = true // want `make\(map\[int\]bool, max\(n, 0\)\)`
	}
	return seen
}

func capturedMap(items []Item) []string {
	m := map[string]int{}
	for _, it := range items {
		m[it.Key] = it.Value // want `make\(map\[string\]int, len\(items\)\)`
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return m[keys[i]] < m[keys[j]] })
	return keys
}

func GenericIndex[K comparable, V any](vs []V, key func(V) K) map[K]V {
	idx := map[K]V{}
	for _, v := range vs {
		idx[key(v)] = v // want `idx is filled in the loop over vs.*make\(map\[K\]V, len\(vs\)\)`
	}
	return idx
}

// Types from other packages are named as the file imports them.
func builders(items []Item) map[string]*str.Builder {
	bs := map[string]*str.Builder{}
	for _, it := range items {
		bs[it.Key] = new(str.Builder) // want `create it with make\(map\[string\]\*str.Builder, len\(items\)\)`
	}
	return bs
}
