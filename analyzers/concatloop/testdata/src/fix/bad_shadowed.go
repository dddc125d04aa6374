package fix

import "fmt"

func shadowed(strings []string) {
	s := ""
	for _, x := range strings {
		s += x // want `s grows by \+= on every iteration`
	}
	fmt.Println(s)
}
