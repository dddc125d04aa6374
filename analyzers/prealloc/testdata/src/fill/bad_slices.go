package fill

import (
	"sort"
	"strconv"
)

type User struct {
	ID   int
	Name string
}

func nilSlice(users []User) []string {
	var names []string
	for _, u := range users {
		names = append(names, u.Name) // want `names grows by append in the loop over users without capacity, reallocating and copying its elements O\(log n\) times; reserve the capacity first with names = slices.Grow\(names, len\(users\)\)`
	}
	return names
}

func emptyLiteral(users []User) []string {
	names := []string{}
	for _, u := range users {
		names = append(names, u.Name) // want `names grows by append in the loop over users without capacity, reallocating and copying its elements O\(log n\) times; create it with make\(\[\]string, 0, len\(users\)\)`
	}
	return names
}

func makeWithoutCapacity(users []User) []string {
	names := make([]string, 0)
	for _, u := range users {
		names = append(names, u.Name) // want `create it with make\(\[\]string, 0, len\(users\)\)`
	}
	return names
}

func varWithEmptyValue(users []User) []string {
	var names = []string{}
	for _, u := range users {
		names = append(names, u.Name) // want `create it with make\(\[\]string, 0, len\(users\)\)`
	}
	return names
}

func namedResult(users []User) (ids []int) {
	for i := 0; i < len(users); i++ {
		ids = append(ids, users[i].ID) // want `ids grows by append in the for loop without capacity.*ids = slices.Grow\(ids, len\(users\)\)`
	}
	return
}

func twoPerIteration(users []User) []string {
	var out []string
	for _, u := range users {
		out = append(out, u.Name, strconv.Itoa(u.ID)) // want `out = slices.Grow\(out, 2\*len\(users\)\)`
	}
	return out
}

func twoAppends(users []User) []string {
	var out []string
	for _, u := range users {
		out = append(out, u.Name) // want `out = slices.Grow\(out, 2\*len\(users\)\)`
		out = append(out, strconv.Itoa(u.ID))
	}
	return out
}

func nestedAppend(users []User) []string {
	var out []string
	for _, u := range users {
		out = append(append(out, u.Name), "") // want `out = slices.Grow\(out, 2\*len\(users\)\)`
	}
	return out
}

func bothBranches(xs []int) []int {
	var out []int
	for _, x := range xs {
		if x < 0 {
			out = append(out, -x) // want `out = slices.Grow\(out, len\(xs\)\)`
		} else {
			out = append(out, x)
		}
	}
	return out
}

func continueAfterAppend(xs []int) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x) // want `out = slices.Grow\(out, len\(xs\)\)`
		if x < 0 {
			continue
		}
		out[len(out)-1]++
	}
	return out
}

func panicsAside(xs []int) []int {
	var out []int
	for _, x := range xs {
		if x < 0 {
			panic("negative")
		}
		out = append(out, x) // want `out = slices.Grow\(out, len\(xs\)\)`
	}
	return out
}

func byteString(words []string) []byte {
	b := []byte{}
	for range words {
		b = append(b, "ab"...) // want `b grows by append in the loop over words.*make\(\[\]byte, 0, 2\*len\(words\)\)`
	}
	return b
}

func arrayElements(blocks [][4]int, n int) []int {
	out := []int{}
	for i := range blocks {
		out = append(out, blocks[i][:]...) // want `make\(\[\]int, 0, 4\*len\(blocks\)\)`
	}
	return out
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0)
	for k := range m {
		keys = append(keys, k) // want `keys grows by append in the loop over m.*make\(\[\]string, 0, len\(m\)\)`
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}

func addressTakenAfter(xs []int, fill func(*[]int)) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x) // want `out = slices.Grow\(out, len\(xs\)\)`
	}
	fill(&out)
	return out
}
