package deferloop

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/tripcount"
)

// takesSlots reports whether l takes a chosen number of slots of a
// channel semaphore and d gives each back when the function returns:
// the loop runs an integer number of times rather than once per element
// of a collection, each iteration sends to a channel, and the deferred
// function literal receives from that channel. Holding every slot until
// the function returns is the point: it excludes everyone else, like a
// write lock over the semaphore.
func takesSlots(counts *tripcount.Counts, l *loops.Loop, d *ssa.Defer) bool {
	switch counts.Of(l).Kind {
	case tripcount.Int, tripcount.Const:
	default:
		return false
	}
	mc, ok := d.Common().Value.(*ssa.MakeClosure)
	if !ok {
		return false
	}
	lit, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return false
	}
	released := receivedChannels(lit)
	if len(released) == 0 {
		return false
	}
	for _, instr := range l.Instrs() {
		switch instr := instr.(type) {
		case *ssa.Send:
			if key := channelKey(instr.Chan); key != nil && released[key] {
				return true
			}
		case *ssa.Select:
			for _, st := range instr.States {
				if st.Dir == types.SendOnly {
					if key := channelKey(st.Chan); key != nil && released[key] {
						return true
					}
				}
			}
		}
	}
	return false
}

// receivedChannels returns the keys (see channelKey) of the channels fn
// receives from.
func receivedChannels(fn *ssa.Function) map[any]bool {
	keys := make(map[any]bool)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if recv, ok := instr.(*ssa.UnOp); ok && recv.Op == token.ARROW {
				if key := channelKey(recv.X); key != nil {
					keys[key] = true
				}
			}
		}
	}
	return keys
}

// channelKey identifies the variable or field a channel is loaded from,
// the same in a function and in the literals it captures variables
// into: the variable's cell, or the struct field (a type-based match,
// as the shared alias model makes). It returns nil for other channels.
func channelKey(ch ssa.Value) any {
	ld, ok := ch.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return nil
	}
	switch addr := ld.X.(type) {
	case *ssa.Alloc, *ssa.Global:
		return addr
	case *ssa.FreeVar:
		if v := irutil.Captured(addr); v != nil {
			return v
		}
	case *ssa.FieldAddr:
		if st, ok := irutil.CoreType(irutil.Deref(addr.X.Type())).(*types.Struct); ok {
			return st.Field(addr.Field)
		}
	}
	return nil
}
