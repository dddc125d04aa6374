package silent

import "io"

func suppressed(cs []io.Closer) {
	for _, c := range cs {
		//perfvet:ignore deferloop the closers must all stay open until the function returns
		defer c.Close()
	}
}
