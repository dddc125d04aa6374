// Code generated for a test of irbuild. DO NOT EDIT.

package funcs

// generatedLoop is not built: no analyzer reports on generated files.
func generatedLoop(xs []int) (n int) { // want `bodiless`
	for range xs {
		n++
	}
	return n
}
