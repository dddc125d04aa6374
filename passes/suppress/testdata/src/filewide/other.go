/* want `directive names=\[beta\] reason="only beta's findings are meant"` */ //perfvet:file-ignore beta only beta's findings are meant

package filewide

// The directive above names another analyzer, and the one in
// ignored.go covers that file only.
func third() {
	finding() // want `reported`
}
