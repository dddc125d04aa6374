// Package oldgo is a module whose go version, 1.20, has no slices
// package: the remedies do not name its functions.
package oldgo

func prepended(xs []int) []int {
	var s []int
	for _, x := range xs {
		s = append([]int{x}, s...) // want `s is prepended to on every iteration of the loop over xs, moving every element of s each time \(O\(n\) per iteration, O\(n²\) in all\); append at the end and reverse once after the loop, or keep a deque \(container/list\)$`
	}
	return s
}

func deleting(s []int) []int {
	for i := 0; i < len(s); i++ {
		if s[i] < 0 {
			s = append(s[:i], s[i+1:]...) // want `deleting from s inside the for loop moves every later element of s on each deletion \(O\(n\) per iteration, O\(n²\) in all\); filter in place, copying each element kept to the next free index and truncating once$`
			i--
		}
	}
	return s
}
