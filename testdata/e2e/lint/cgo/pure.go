package cgo

// Words is Go only, beside a file that uses C.
func Words(xs []string) string {
	out := ""
	for _, x := range xs {
		out += x + " "
	}
	return out
}
