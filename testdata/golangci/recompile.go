package fixture

import "regexp"

// countNumbers compiles the same pattern for every line; recompile offers
// a package-level variable as the fix.
func countNumbers(lines []string) int {
	n := 0
	for _, line := range lines {
		if regexp.MustCompile(`^\d+$`).MatchString(line) { // want recompile
			n++
		}
	}
	return n
}
