/* want `unused perfvet:file-ignore directive: no finding in this file; remove it` */ //perfvet:file-ignore nothing in this file is slow

package unnamed

// Double doubles x.
func Double(x int) int { return 2 * x }
