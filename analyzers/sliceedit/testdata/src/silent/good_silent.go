package silent

import (
	"bytes"
	"slices"
)

// Re-slicing the front away is O(1).
func reslice(queue []int) int {
	sum := 0
	for len(queue) > 0 {
		sum += queue[0]
		queue = queue[1:]
	}
	return sum
}

// A queue with a head index, compacted only once the head has passed
// half the slice: amortised O(1) per element.
type fifo struct {
	items []int
	head  int
}

func (q *fifo) drain(visit func(int)) {
	for q.head < len(q.items) {
		visit(q.items[q.head])
		q.head++
		if q.head > len(q.items)/2 {
			q.items = append(q.items[:0], q.items[q.head:]...)
			q.head = 0
		}
	}
}

func localHead(items []int) int {
	sum, head := 0, 0
	for head < len(items) {
		sum += items[head]
		head++
		if head >= 64 && head > len(items)/2 {
			items = slices.Delete(items, 0, head)
			head = 0
		}
	}
	return sum
}

// The slice is rebuilt on each iteration: the edit moves a slice of
// fixed size.
func rebuilt(xs []int) int {
	n := 0
	for _, x := range xs {
		s := []int{1, 2, 3}
		s = append([]int{x}, s...)
		s = append(s[:0], s[1:]...)
		n += len(s)
	}
	return n
}

// Edits at the end are O(1).
func atTheEnd(xs []int) []int {
	var s []int
	for _, x := range xs {
		s = append(s, x)
		if x < 0 {
			s = s[:len(s)-1]
		}
		if x == 0 && len(s) > 0 {
			s = slices.Delete(s, len(s)-1, len(s))
		}
	}
	return s
}

// Cold loops run a handful of times.
func cold(s []int) []int {
	for i := 0; i < 4; i++ {
		s = append([]int{i}, s...)
		s = append(s[:0], s[1:]...)
	}
	for _, x := range [3]int{1, 2, 3} {
		s = slices.Insert(s, 0, x)
	}
	return s
}

// Edits that run once and leave the loop.
func removeFirst(s []int, v int) []int {
	for i, x := range s {
		if x == v {
			s = append(s[:i], s[i+1:]...)
			break
		}
	}
	return s
}

func removeReturn(s []int, v int) []int {
	for i := range s {
		if s[i] == v {
			return slices.Delete(s, i, i+1)
		}
	}
	return s
}

func prependOnce(s []int, xs []int) []int {
	for _, x := range xs {
		if x > 100 {
			s = append([]int{x}, s...)
			break
		}
	}
	return s
}

// Cloning is a copy, not an edit that moves the elements of s.
func clones(xs []int) [][]int {
	var all [][]int
	var s []int
	for _, x := range xs {
		s = append(s, x)
		all = append(all, append([]int(nil), s...))
	}
	return all
}

// A list of the most recent entries, cut to a fixed length: each edit
// moves at most ten elements.
func recent(events []string) []string {
	var last []string
	for _, e := range events {
		last = append([]string{e}, last...)
		if len(last) > 10 {
			last = last[:10]
		}
	}
	return last
}

func recentMin(events []string, keep int) []string {
	var last []string
	for _, e := range events {
		last = append([]string{e}, last...)
		last = last[:min(len(last), keep)]
	}
	return last
}

// A window of fixed size slid along the input.
func window(xs []int) int {
	buf := make([]int, 8)
	best := 0
	for _, x := range xs {
		copy(buf, buf[1:])
		buf[len(buf)-1] = x
		best = max(best, buf[0])
	}
	return best
}

// Consuming a prefix of a buffer whose length each iteration decides:
// what moves is the unconsumed remainder, not the whole input.
func consume(buf []byte, parse func([]byte) int) {
	for len(buf) > 0 {
		n := parse(buf)
		if n <= 0 {
			return
		}
		buf = append(buf[:0], buf[n:]...)
	}
}

// Deleting at an index found afresh by a search each time.
func removeAll(s []string, gone []string) []string {
	for _, g := range gone {
		if i := slices.Index(s, g); i >= 0 {
			s = slices.Delete(s, i, i+1)
		}
	}
	return s
}

// Each iteration edits a different slice.
type tree struct{ children []*tree }

func adopt(parents []*tree, c *tree) {
	for _, p := range parents {
		p.children = append([]*tree{c}, p.children...)
		p.children = slices.Delete(p.children, 0, 1)
	}
}

// Inserting nothing moves nothing.
func insertNothing(s []int, xs []int) []int {
	for range xs {
		s = slices.Insert(s, 0)
	}
	return s
}

// A reset to a fresh slice on some iterations bounds what moves.
func resets(xs []int) int {
	var s []int
	n := 0
	for _, x := range xs {
		s = append([]int{x}, s...)
		if len(s) > 16 {
			n += len(s)
			s = nil
		}
	}
	return n
}

// bytes.Buffer and friends consume from the front in O(1).
func buffered(b *bytes.Buffer) int {
	n := 0
	for b.Len() > 0 {
		c, _ := b.ReadByte()
		n += int(c)
	}
	return n
}

// Prepending another slice, which may be empty, is left alone: only a
// literal of at least one element surely grows the slice each time.
func prependSlice(parts [][]int) []int {
	var s []int
	for _, p := range parts {
		s = append(p, s...)
	}
	return s
}

// Inserting at an index found afresh each time (a sorted insert) moves
// a share of the slice that the analysis cannot bound.
func sortedInsert(xs []int) []int {
	var s []int
	for _, x := range xs {
		i, _ := slices.BinarySearch(s, x)
		s = slices.Insert(s, i, x)
	}
	return s
}
