package hoistcall

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// resultKind says whether the value a function returns may be shared by
// every iteration of a loop.
type resultKind int

const (
	// immutable results (strings, *strings.Replacer, *time.Location)
	// can be shared whatever the loop does with them.
	immutable resultKind = iota
	// mutableSlice results ([]string, []rune, []byte) can be shared
	// only when the loop only reads them.
	mutableSlice
	// mutablePointer results (*url.URL) can be shared only when the loop
	// only reads their fields and calls their read-only methods.
	mutablePointer
)

// operandKind says what the arguments of a function must be for the
// call to be pure.
type operandKind int

const (
	// plainOperands, the zero value, which table entries leave unset:
	// the function reads nothing but its arguments.
	//lint:ignore U1000 the table's entries use it by leaving the field unset
	plainOperands operandKind = iota
	// formatOperands: the fmt functions call String, Error and Format
	// methods of their operands, which can do anything; only operands
	// of basic types without methods are pure.
	formatOperands
	// encodedOperand: json.Marshal calls MarshalJSON and MarshalText
	// methods and follows pointers; only a value holding no pointers,
	// of types without methods, is pure.
	encodedOperand
)

// entry describes one function of the table.
type entry struct {
	// cost is what each call costs, for the message: "allocates a new
	// string".
	cost   string
	result resultKind
	// operands is the purity rule for the arguments.
	operands operandKind
	// mayPanic says the function panics on some arguments: the fix,
	// which would run the call even when the loop runs zero times, is
	// not offered.
	mayPanic bool
	// local is the name the fix proposes for the hoisted value.
	local string
}

// table lists the functions hoistcall knows to be pure, keyed by
// package path and name. Each entry's cost is measured by
// BenchmarkHoist in cost_test.go; doc.go quotes the ratios. Left out
// because they measured as free: strconv.FormatBool (returns one of two
// constants) and string-to-[]byte conversions (the only ones hoistcall
// could report are read-only, and the compiler then reuses the string's
// bytes without copying). Conversions to []rune are in the table under
// the key "[]rune".
var table = map[string]entry{
	"strings.ToLower":     {cost: "copies the string to lower-case it (allocating when it changes)", local: "lower"},
	"strings.ToUpper":     {cost: "copies the string to upper-case it (allocating when it changes)", local: "upper"},
	"strings.TrimSpace":   {cost: "scans the string again", local: "trimmed"},
	"strings.Split":       {cost: "allocates a new slice", result: mutableSlice, local: "parts"},
	"strings.Fields":      {cost: "allocates a new slice", result: mutableSlice, local: "fields"},
	"strings.Repeat":      {cost: "builds the string again", mayPanic: true, local: "repeated"},
	"strings.Join":        {cost: "allocates a new string", local: "joined"},
	"strings.Replace":     {cost: "allocates a new string", local: "replaced"},
	"strings.ReplaceAll":  {cost: "allocates a new string", local: "replaced"},
	"strings.NewReplacer": {cost: "allocates a new Replacer, whose lookup tables are rebuilt on first use", mayPanic: true, local: "replacer"},
	"[]rune":              {cost: "decodes the string into a new slice", result: mutableSlice, local: "runes"},
	"strconv.Itoa":        {cost: "formats the number again (allocating above 99)", local: "text"},
	"strconv.FormatInt":   {cost: "formats the number again", local: "text"},
	"strconv.FormatUint":  {cost: "formats the number again", local: "text"},
	"strconv.FormatFloat": {cost: "formats the number again", local: "text"},
	"fmt.Sprint":          {cost: "formats and allocates a new string", operands: formatOperands, local: "text"},
	"fmt.Sprintf":         {cost: "formats and allocates a new string", operands: formatOperands, local: "text"},
	"fmt.Sprintln":        {cost: "formats and allocates a new string", operands: formatOperands, local: "text"},
	"time.LoadLocation":   {cost: "reads and parses the zone file from disk"},
	"path/filepath.Clean": {cost: "scans the path again (allocating when it changes)", local: "cleaned"},
	"path/filepath.Join":  {cost: "allocates a new string", local: "joined"},
	"path/filepath.Abs":   {cost: "asks the operating system for the working directory"},
	"path.Join":           {cost: "allocates a new string", local: "joined"},
	"net/url.Parse":       {cost: "parses the URL and allocates a new one", result: mutablePointer},
	"encoding/json.Marshal": {cost: "encodes the value by reflection into a new slice", result: mutableSlice,
		operands: encodedOperand},
}

// lookup returns the table entry of the function or conversion v
// computes, and its display name.
func lookup(v ssa.Value) (entry, string, bool) {
	switch v := v.(type) {
	case *ssa.Call:
		fn := v.Common().StaticCallee()
		if fn == nil || fn.Signature.Recv() != nil || fn.TypeParams() != nil {
			return entry{}, "", false
		}
		obj, ok := fn.Object().(*types.Func)
		if !ok || obj.Pkg() == nil {
			return entry{}, "", false
		}
		key := obj.Pkg().Path() + "." + obj.Name()
		e, ok := table[key]
		return e, obj.Pkg().Name() + "." + obj.Name(), ok
	case *ssa.Convert:
		if isRunes(v.Type()) && isStringType(v.X.Type()) {
			return table["[]rune"], "[]rune", true
		}
	}
	return entry{}, "", false
}

// isRunes reports whether t is a slice of runes.
func isRunes(t types.Type) bool {
	sl, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := sl.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Int32
}

func isStringType(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// readOnlyFuncs are functions that only read the slices passed to them
// and keep no reference to them.
var readOnlyFuncs = map[string]bool{
	"bytes.Equal": true, "bytes.Compare": true, "bytes.Contains": true,
	"bytes.HasPrefix": true, "bytes.HasSuffix": true, "bytes.Index": true,
	"bytes.IndexByte": true, "bytes.Count": true,
	"strings.Join": true, "slices.Contains": true, "slices.Index": true,
	"slices.Equal": true, "unicode/utf8.Valid": true,
	"encoding/json.Valid": true,
}

// readOnlyURLMethods are the methods of *url.URL that neither modify
// their receiver nor keep it.
var readOnlyURLMethods = map[string]bool{
	"String": true, "Query": true, "Hostname": true, "Port": true,
	"EscapedPath": true, "EscapedFragment": true, "RequestURI": true,
	"IsAbs": true, "Redacted": true, "ResolveReference": true,
	"JoinPath": true, "MarshalBinary": true,
}
