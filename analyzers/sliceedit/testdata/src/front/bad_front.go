package front

import "slices"

// Removing the first element by copying moves all the others.

func appendShift(queue []int) int {
	sum := 0
	for len(queue) > 0 {
		sum += queue[0]
		queue = append(queue[:0], queue[1:]...) // want `queue loses its first element by copying on every iteration of the for loop, moving every remaining element each time \(O\(n\) per iteration, O\(n²\) in all\); re-slice instead \(queue = queue\[1:\]\), or keep a head index or a queue \(container/list\)`
	}
	return sum
}

func copyShrink(queue []int) int {
	sum := 0
	for len(queue) > 0 {
		sum += queue[0]
		copy(queue, queue[1:]) // want `queue loses its first element by copying`
		queue = queue[:len(queue)-1]
	}
	return sum
}

func copyCount(queue []int) int {
	sum := 0
	for len(queue) > 0 {
		sum += queue[0]
		queue = queue[:copy(queue, queue[1:])] // want `queue loses its first element by copying`
	}
	return sum
}

func deleteFirst(queue []string) []string {
	var out []string
	for len(queue) > 0 {
		out = append(out, queue[0])
		queue = slices.Delete(queue, 0, 1) // want `queue loses its first element by copying`
	}
	return out
}

// batches removes a loop-invariant number of elements at a time.
func batches(queue []int, k int) int {
	sum := 0
	for len(queue) >= k {
		sum += queue[k-1]
		queue = slices.Delete(queue, 0, k) // want `queue loses its first elements by copying on every iteration of the for loop, moving every remaining element each time \(O\(n\) per iteration, O\(n²\) in all\); re-slice instead \(queue = queue\[k:\]\)`
	}
	return sum
}

func pairs(queue []int) int {
	sum := 0
	for len(queue) >= 2 {
		sum += queue[0] * queue[1]
		queue = append(queue[:0], queue[2:]...) // want `queue loses its first elements by copying .* re-slice instead \(queue = queue\[2:\]\)`
	}
	return sum
}

// A queue held in a struct field lives across iterations.
type worklist struct{ items []string }

func (w *worklist) drain(visit func(string) []string) {
	for len(w.items) > 0 {
		item := w.items[0]
		w.items = append(w.items[:0], w.items[1:]...) // want `w.items loses its first element by copying`
		w.items = append(w.items, visit(item)...)
	}
}

func (w *worklist) drainDelete() {
	for len(w.items) > 0 {
		w.items = slices.Delete(w.items, 0, 1) // want `w.items loses its first element by copying`
	}
}

// second removes the element after a fixed first one.
func second(s []int) []int {
	for len(s) > 1 && s[1] != 0 {
		s = append(s[:1], s[2:]...) // want `s has elements removed at a fixed index on every iteration of the for loop, moving every later element each time .* mark what to remove and filter once after the loop with slices.DeleteFunc`
	}
	return s
}

// tokens consumes a stream from the front one token at a time.
func tokens(words []string) int {
	n := 0
	for len(words) > 0 {
		if words[0] == "" {
			n++
		}
		words = slices.Delete(words, 0, 1) // want `words loses its first element`
	}
	return n
}

func constrainedQueue[S ~[]E, E comparable](q S, stop E) S {
	for len(q) > 0 && q[0] != stop {
		q = append(q[:0], q[1:]...) // want `q loses its first element by copying`
	}
	return q
}
