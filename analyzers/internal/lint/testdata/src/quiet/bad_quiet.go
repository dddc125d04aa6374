// Package quiet has no loop and no go statement: analyzers that skip
// such a package early still have their directives judged.
package quiet

//perfvet:ignore fanout the workers were bounded once // want `unused perfvet:ignore directive: no fanout finding on this line or the next; remove it`
func start() { work() }

//perfvet:ignore concatloop nothing grows // want `unused perfvet:ignore directive: no concatloop finding on this line or the next; remove it`
func work() {}

//perfvet:ignore recompile the pattern was hoisted // want `unused perfvet:ignore directive: no recompile finding on this line or the next; remove it`
var n = 1

//perfvet:ignore sortloop the keys were sorted once // want `unused perfvet:ignore directive: no sortloop finding on this line or the next; remove it`
var m = 2

/* want `perfvet:ignore directive names no analyzer fanuot; did you mean fanout\? it suppresses nothing as written` */ //perfvet:ignore fanuot bounded by the caller
var k = 3
