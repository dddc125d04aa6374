package fixture

import "strings"

// countTeam lower-cases the same team name on every iteration.
func countTeam(teams []string, team string) int {
	n := 0
	for _, t := range teams {
		if t == strings.ToLower(team) { // want hoistcall
			n++
		}
	}
	return n
}
