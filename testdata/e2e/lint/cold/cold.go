// Package cold concatenates in a loop with a constant trip count of 5,
// below the default cold threshold of 8.
package cold

// Stars returns five stars.
func Stars() string {
	s := ""
	for i := 0; i < 5; i++ {
		s += "*"
	}
	return s
}
