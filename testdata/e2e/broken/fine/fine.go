// Package fine builds and has a concatloop finding, which perfvet reports
// although other packages of the same run are broken.
package fine

// Join concatenates xs.
func Join(xs []string) string {
	out := ""
	for _, x := range xs {
		out += x
	}
	return out
}
