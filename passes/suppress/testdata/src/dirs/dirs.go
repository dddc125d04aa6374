package dirs

func finding() {}

func cases() {
	/* want `directive names=\[alpha\] reason="small input"` */ //perfvet:ignore alpha small input
	finding()                                                   // want `suppressed`

	finding() /* want `suppressed` `directive names=\[\] reason="applies to every analyzer"` */ //perfvet:ignore applies to every analyzer

	/* want `directive names=\[beta\] reason="only beta"` */ //perfvet:ignore beta only beta
	finding()                                                // want `reported`

	/* want `directive names=\[alpha beta\] reason="both of them"` */ //perfvet:ignore alpha beta both of them
	finding()                                                         // want `suppressed`

	// An unknown name is part of the reason: the directive applies to all.
	/* want `directive names=\[\] reason="gamma"` */ //perfvet:ignore gamma
	finding()                                        // want `suppressed`

	/* want `directive names=\[alpha\] reason="two lines up"` */ //perfvet:ignore alpha two lines up

	finding() // want `reported`

	// A likely typo of a name suppresses nothing.
	/* want `directive names=\[\] reason="alpah is spelt wrong" misspelt alpha` */ //perfvet:ignore alpah is spelt wrong
	finding()                                                                      // want `reported`

	// A keyword perfvet does not know is malformed: it suppresses nothing.
	/* want `directive names=\[\] reason="" malformed perfvet:ignoreall` */ //perfvet:ignoreall is not a directive
	finding()                                                               // want `reported`

	/* want `directive names=\[\] reason="" malformed perfvet:ignore-file` */ //perfvet:ignore-file alpha is not a directive
	finding()                                                                 // want `reported`

	// A comment that only mentions the directive is not one.
	// perfvet:ignore alpha is written without a blank after the slashes
	finding() // want `reported`

	// The nearest name is suggested: alphab is one edit from alpha and
	// two from alphabet, both close enough.
	/* want `directive names=\[\] reason="alphab is spelt wrong" misspelt alpha` */ //perfvet:ignore alphab is spelt wrong
	finding()                                                                       // want `reported`
}
