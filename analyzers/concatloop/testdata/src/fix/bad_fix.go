package fix

import "fmt"

func simple(names []string) string {
	var out string
	for _, name := range names {
		out += name + "\n" // want `out grows by \+= on every iteration`
	}
	return out
}

func shortDecl(names []string) {
	s := ""
	for _, name := range names {
		s += name // want `s grows by \+= on every iteration`
	}
	fmt.Println(s, len(s))
}

func withPrefix(prefix string, n int) string {
	s := prefix + ":"
	for i := 0; i < n; i++ {
		if i > 0 {
			s += "," // want `s grows by \+= on every iteration`
		}
		s += fmt.Sprint(i)
	}
	s += "."
	return s
}

func readInside(names []string) string {
	s := ""
	for _, name := range names {
		if len(s) > 80 {
			break
		}
		s += name // want `s grows by \+= on every iteration`
	}
	return s
}

func reassigned(names []string) string {
	s := ""
	for _, name := range names {
		s += name // want `s grows by \+= on every iteration`
	}
	s = "[" + s + "]"
	return s
}

// A formatted piece is formatted straight into the builder.
func formatted(names []string) string {
	report := ""
	for i, name := range names {
		report += fmt.Sprintf("%d=%s\n",
			i, name)
		report += fmt.Sprintln(name) // want `report grows by \+= on every iteration`
	}
	return report
}
