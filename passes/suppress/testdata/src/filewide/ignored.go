/* want `directive names=\[alpha\] reason="the tables in this file are a handful long"` */ //perfvet:file-ignore alpha the tables in this file are a handful long

package filewide

func finding() {}

func first() {
	finding() // want `suppressed`
}

func second() {
	finding() // want `suppressed`
}
