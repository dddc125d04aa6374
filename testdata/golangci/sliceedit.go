package fixture

// drain empties a queue by copying the rest down after each element.
func drain(queue []int) int {
	sum := 0
	for len(queue) > 0 {
		sum += queue[0]
		queue = append(queue[:0], queue[1:]...) // want sliceedit
	}
	return sum
}
