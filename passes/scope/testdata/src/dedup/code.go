package dedup

// Under -dedup the test variant leaves the package's own code to the
// package.
func code() {} // want `plain: reported|variant: not reported, shared`
