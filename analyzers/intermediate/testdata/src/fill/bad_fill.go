package fill

import (
	"fmt"
	"strings"
)

type User struct {
	Name   string
	Active bool
}

func printNames(users []User) {
	var names []string
	for _, u := range users {
		if !u.Active {
			continue
		}
		names = append(names, strings.ToUpper(u.Name)) // want `names is filled by the loop over users only to be ranged over once by the loop over names: the whole slice is allocated and read back in a second pass; do the second loop's work in the first, or make the first an iter.Seq`
	}
	for _, n := range names {
		fmt.Println(n)
	}
}

// make with length zero and a capacity, a counted producer, and pure
// statements between the loops.
func squares(n int) (total int) {
	sq := make([]int, 0, n)
	for i := 0; i < n; i++ {
		sq = append(sq, i*i) // want `sq is filled by the for loop only to be ranged over once by the loop over sq`
	}
	limit := max(n, 10)
	for _, s := range sq {
		if s < limit {
			total += s
		}
	}
	return total
}

// Nested producer loops and a consumer that calls code not reaching
// the producer's inputs.
func pairs(xs, ys []string, emit func(string)) {
	out := []string{}
	for _, x := range xs {
		for _, y := range ys {
			out = append(out, x+"="+y) // want `out is filled by the loop over xs only to be ranged over once by the loop over out`
		}
	}
	for _, p := range out {
		emit(p)
	}
}
