package imports // want `without imports: error` `with referenced imports: built`

import (
	"fmt"
	"strings"
)

func join(xs []string) string {
	var parts []string
	for _, x := range xs {
		parts = append(parts, strings.ToUpper(x))
		fmt.Println(x)
	}
	return strings.Join(parts, ",")
}
