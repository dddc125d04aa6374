package silent

// A loop over a three-element list is cold, declared at package level
// or locally alike.
var separators = []string{",", ";", "|"}

func joinPackageLevel() string {
	s := ""
	for _, sep := range separators {
		s += sep
	}
	return s
}

func joinLocal() string {
	local := []string{",", ";", "|"}
	s := ""
	for _, sep := range local {
		s += sep
	}
	return s
}
