//go:build special

package tagged

// JoinAll concatenates xs.
func JoinAll(xs []string) string {
	out := ""
	for _, x := range xs {
		out += x
	}
	return out
}
