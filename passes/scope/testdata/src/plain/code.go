package plain

func code() {} // want `(plain|variant): reported`
