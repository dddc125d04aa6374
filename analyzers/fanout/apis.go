package fanout

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// This file is the table of APIs the analyzer knows by name: how
// goroutines are started, which calls acquire, wait or serve, and which
// types never wait for another goroutine. Everything else is recognised
// by what the code does (see blocks.go).

const (
	errgroupPath  = "golang.org/x/sync/errgroup"
	semaphorePath = "golang.org/x/sync/semaphore"
)

// isMethod reports whether fn is the method name of the named type
// pkgPath.typeName (with a value or pointer receiver).
func isMethod(fn *types.Func, pkgPath, typeName, name string) bool {
	if fn == nil || fn.Name() != name {
		return false
	}
	named := recvNamed(fn)
	return named != nil && named.Obj().Name() == typeName && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == pkgPath
}

// recvNamed returns the named type of fn's receiver, or nil.
func recvNamed(fn *types.Func) *types.Named {
	recv := fn.Signature().Recv()
	if recv == nil {
		return nil
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, _ := types.Unalias(t).(*types.Named)
	return named
}

// isFunc reports whether fn is the package-level function pkgPath.name.
func isFunc(fn *types.Func, pkgPath, name string) bool {
	return fn != nil && fn.Name() == name && fn.Pkg() != nil && fn.Pkg().Path() == pkgPath &&
		fn.Signature().Recv() == nil
}

// calleeObj returns the function or method a call invokes when it is
// known: the static callee, or the interface method of a dynamic call.
func calleeObj(c *ssa.CallCommon) *types.Func {
	if c.IsInvoke() {
		return c.Method
	}
	if fn := c.StaticCallee(); fn != nil {
		if fn.Origin() != nil {
			fn = fn.Origin()
		}
		obj, _ := fn.Object().(*types.Func)
		return obj
	}
	return nil
}

// receiver returns the value whose method call calls: the interface
// value of a dynamic call, or the first argument of a static one.
func receiver(call *ssa.CallCommon) ssa.Value {
	if call.IsInvoke() {
		return call.Value
	}
	if obj := calleeObj(call); obj == nil || obj.Signature().Recv() == nil || len(call.Args) == 0 {
		return nil
	}
	return call.Args[0]
}

func isErrgroupGo(fn *types.Func) bool  { return isMethod(fn, errgroupPath, "Group", "Go") }
func isSetLimit(fn *types.Func) bool    { return isMethod(fn, errgroupPath, "Group", "SetLimit") }
func isWaitGroupGo(fn *types.Func) bool { return isMethod(fn, "sync", "WaitGroup", "Go") }

// isSemaphoreAcquire reports whether fn acquires a semaphore: a method
// whose name starts with Acquire or TryAcquire, of a type that also has
// a Release method ((*semaphore.Weighted).Acquire, and semaphores of
// other packages or behind interfaces written the same way).
func isSemaphoreAcquire(fn *types.Func) bool {
	if fn == nil || !strings.HasPrefix(fn.Name(), "Acquire") && !strings.HasPrefix(fn.Name(), "TryAcquire") {
		return false
	}
	return hasMethod(fn, "Release")
}

// hasMethod reports whether the receiver type of the method fn also has
// a method called name.
func hasMethod(fn *types.Func, name string) bool {
	recv := fn.Signature().Recv()
	if recv == nil {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(recv.Type(), true, fn.Pkg(), name)
	_, ok := obj.(*types.Func)
	return ok
}

// neverWaits reports whether fn is a method of a type whose methods
// return without waiting for another goroutine to act, or only wait for
// all of them (a WaitGroup's Add and Done, atomics, a context's
// accessors): a call of it before a go statement pairs with nothing.
func neverWaits(fn *types.Func) bool {
	named := recvNamed(fn)
	if named == nil || named.Obj().Pkg() == nil {
		return false
	}
	switch named.Obj().Pkg().Path() {
	case "sync/atomic", "context", "testing", "log", "log/slog", "time":
		return true
	case "sync":
		return named.Obj().Name() != "Mutex" && named.Obj().Name() != "RWMutex" && named.Obj().Name() != "Cond"
	}
	return false
}

// waitPrefixes are the method names that wait on an interface value
// whose implementation the analyzer cannot see: a call of one before a go
// statement, paired with another method on the same value inside the
// goroutine, bounds the loop.
var waitPrefixes = []string{"Acquire", "TryAcquire", "Lock", "RLock", "Wait", "Do", "Take", "Enter", "Reserve"}

// servesUntilStopped reports whether fn, a function whose body the
// analyzer cannot see, runs a server or stops one: Serve, ServeTLS,
// ListenAndServe... block until the server is shut down, and Shutdown or
// GracefulStop wait for its connections to drain.
func servesUntilStopped(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	name := fn.Name()
	return strings.HasPrefix(name, "Serve") && name != "ServeHTTP" || strings.HasPrefix(name, "ListenAndServe") ||
		name == "Shutdown" || name == "GracefulStop"
}

// isAcceptCall reports whether call calls a method whose name starts
// with Accept (net.Listener.Accept, AcceptTCP, ...).
func isAcceptCall(call *ssa.CallCommon) bool {
	obj := calleeObj(call)
	return obj != nil && strings.HasPrefix(obj.Name(), "Accept") && obj.Signature().Recv() != nil
}
