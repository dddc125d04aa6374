// Package deselected is analysed with -sortloop=false: sortloop does not
// run, so the directives naming it are not judged.
package deselected

//perfvet:ignore sortloop the keys were sorted once
var m = 2

// Named directives are unused only if every analyzer they name looked.
//
//perfvet:ignore sortloop concatloop neither sorts nor grows
var n = 3

//perfvet:ignore concatloop nothing grows // want `unused perfvet:ignore directive: no concatloop finding on this line or the next; remove it`
var k = 4

// An unnamed directive is judged by the analyzers that ran.
//
//perfvet:ignore nothing here is slow // want `unused perfvet:ignore directive: no finding on this line or the next; remove it`
var j = 5
