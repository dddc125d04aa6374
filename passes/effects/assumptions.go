package effects

// The switches below name every assumption the model makes beyond what
// the SSA form proves. Each is a constant so that the condition it
// controls reads as that assumption where it is used; turning one off
// makes the model more conservative (more "may write" answers), never
// less sound.

// maxCallDepth is how many calls deep a summary follows callees through
// their bodies: the calls a loop makes are depth 1, the calls those make
// depth 2, and so on. A call deeper than that is unknown: it may write
// anything. Summaries are cached by function and remaining depth, so a
// function's summary never depends on which query reached it first.
const maxCallDepth = 6

// maxTypeDepth bounds the walks over nested types; deeper types are
// assumed to contain, and to reach, anything.
const maxTypeDepth = 12

// maxReachTypes bounds the number of distinct types a reachability walk
// visits before it gives up and answers "may reach".
const maxReachTypes = 64

const (
	// underlyingTypesAlias: Go converts between pointers to types with
	// identical underlying types, so *A and *B may point to the same
	// memory when A and B are both struct{ n int }. Types are therefore
	// compared by their underlying types. Off, named types would be
	// compared by identity.
	underlyingTypesAlias = true

	// typeParamsHoldAnything: a type parameter may stand for any type,
	// so a region of type parameter type may contain, and reach, any
	// other region. Off, type parameters would contain nothing, which is
	// unsound for generic code writing through a *T.
	typeParamsHoldAnything = true

	// foreignCodeRetainsNothing: a function of another package does not
	// keep a pointer it received in one call to write through it in a
	// later call. A call into another package then writes only what its
	// arguments reach and that package's variables (and what those
	// reach). Off, every call into another package is unknown.
	foreignCodeRetainsNothing = true

	// foreignVariablesHoldTheirTypes: memory reachable from another
	// package's variables is either reached from those variables in the
	// code at hand (other.Reg.List) or is a value of a struct type that
	// package, or one it imports, declares. A pointer of an unrelated
	// type the code received (a parameter, a loaded pointer) does not
	// point into such a variable. Off, a call into another package may
	// write any memory a pointer can reach.
	foreignVariablesHoldTheirTypes = true

	// foreignFieldsHoldTheirOwn: the fields of a struct whose type
	// another package declares hold memory that package allocated, or
	// memory of ours it was given and retained (foreignCodeRetainsNothing
	// says it never writes through that): writing through them changes
	// only what that package's variables may hold. Calling a method of
	// a *strings.Replacer then writes none of our slices, though a
	// Replacer holds a []string. Off, the fields are followed like ours.
	foreignFieldsHoldTheirOwn = true

	// interfaceArgumentsWriteTheirReach: methods that a function of
	// another package calls on a value passed to it in an interface
	// write only what that value reaches, like the function itself. Off,
	// passing a value with methods to another package is unknown.
	interfaceArgumentsWriteTheirReach = true

	// deferredCallsRunAfterLoop: a deferred call runs when the function
	// returns, after every iteration, so it writes nothing during a
	// loop. Off, deferred calls would count as calls in the loop.
	deferredCallsRunAfterLoop = true

	// appendedArraysUnshared: append stores into the array of the slice
	// it extends, past that slice's length, where only slices sharing
	// the array but longer than it can see. Such a sharing slice is
	// assumed to exist only when the extended slice was cut from
	// another one (out := xs[:0], the in-place filter): append to it
	// writes elements of its type. Appending to any other slice (nil,
	// made, a parameter, a field, grown by earlier appends) writes
	// nothing another slice reads. Off, every append writes elements
	// of its type.
	appendedArraysUnshared = true

	// readOnlyCallsWriteNothing: the functions listed in readonly.go
	// (slices.Contains, strings.Join, ...) only read what they are
	// given. Off, they are treated like any other function of another
	// package.
	readOnlyCallsWriteNothing = true
)
