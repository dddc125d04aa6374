package fanout

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Import paths of the concurrency packages the analyzer knows.
const (
	errgroupPath  = "golang.org/x/sync/errgroup"
	semaphorePath = "golang.org/x/sync/semaphore"
)

// isMethod reports whether fn is the method name of the named type
// pkgPath.typeName (with a value or pointer receiver).
func isMethod(fn *types.Func, pkgPath, typeName, name string) bool {
	if fn == nil || fn.Name() != name || fn.Pkg() == nil || fn.Pkg().Path() != pkgPath {
		return false
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return false
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	return ok && named.Obj().Name() == typeName
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

// isErrgroupGo reports whether fn is (*errgroup.Group).Go.
func isErrgroupGo(fn *types.Func) bool { return isMethod(fn, errgroupPath, "Group", "Go") }

// isSetLimit reports whether fn is (*errgroup.Group).SetLimit.
func isSetLimit(fn *types.Func) bool { return isMethod(fn, errgroupPath, "Group", "SetLimit") }

// isWaitGroupGo reports whether fn is (*sync.WaitGroup).Go.
func isWaitGroupGo(fn *types.Func) bool { return isMethod(fn, "sync", "WaitGroup", "Go") }

// isSemaphoreAcquire reports whether fn acquires a semaphore: a method
// whose name starts with Acquire or TryAcquire, of a type that also has a
// Release method. That is (*semaphore.Weighted).Acquire and TryAcquire,
// and the semaphores of other packages, or behind interfaces, written
// the same way (Acquire, AcquireMaybe, Release).
func isSemaphoreAcquire(fn *types.Func) bool {
	if fn == nil || !strings.HasPrefix(fn.Name(), "Acquire") && !strings.HasPrefix(fn.Name(), "TryAcquire") {
		return false
	}
	return hasMethod(fn, "Release")
}

// isSemaphoreRelease reports whether fn releases a semaphore: a method
// named Release of a type that also has an Acquire method.
func isSemaphoreRelease(fn *types.Func) bool {
	return fn != nil && fn.Name() == "Release" && hasMethod(fn, "Acquire")
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

// receiver returns the value whose method call calls: the interface
// value of a dynamic call, or the first argument of a static one.
func receiver(call *ssa.CallCommon) ssa.Value {
	if call.IsInvoke() {
		return call.Value
	}
	if len(call.Args) == 0 {
		return nil
	}
	return call.Args[0]
}

// isCPUCount reports whether fn is runtime.NumCPU or runtime.GOMAXPROCS,
// whose result bounds a worker pool by the machine rather than the data.
func isCPUCount(fn *types.Func) bool {
	return isFunc(fn, "runtime", "NumCPU") || isFunc(fn, "runtime", "GOMAXPROCS")
}
