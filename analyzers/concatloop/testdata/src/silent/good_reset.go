package silent

// A string in memory that a call in the loop may reset does not grow
// without bound: the memory model decides what the call may write.

type log struct{ text string }

func (l *log) clear() { l.text = "" }

func (l *log) clearedByMethod(xs []string) {
	for _, x := range xs {
		l.text += x
		if len(l.text) > 80 {
			l.clear()
		}
	}
}

func (l *log) clearedByFuncValue(xs []string, flush func()) {
	for _, x := range xs {
		l.text += x
		flush()
	}
}
