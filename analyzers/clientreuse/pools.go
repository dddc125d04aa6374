package clientreuse

import (
	"fmt"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
)

// pool is an entry of the table of values that own a connection pool:
// a type whose every new value owns one (net/http.Transport), or a
// function or method that makes one (database/sql.Open).
type pool struct {
	// path is the import path of the package declaring it.
	path string
	// name is the type or function name; recv, for a method, the type
	// it is declared on.
	name, recv string
}

func (p pool) String() string {
	if p.recv != "" {
		return p.path + "." + p.recv + "." + p.name
	}
	return p.path + "." + p.name
}

// defaultPools is the table the analyzer starts from; -clientreuse.pools
// adds to it.
var defaultPools = []string{
	"net/http.Transport",
	"net/http.Transport.Clone",
	"golang.org/x/net/http2.Transport",
	"google.golang.org/grpc.NewClient",
	"google.golang.org/grpc.Dial",
	"google.golang.org/grpc.DialContext",
	"database/sql.Open",
	"database/sql.OpenDB",
	"github.com/redis/go-redis/v9.NewClient",
	"github.com/redis/go-redis/v9.NewClusterClient",
	"github.com/jackc/pgx/v5/pgxpool.New",
	"github.com/jackc/pgx/v5/pgxpool.NewWithConfig",
	"go.mongodb.org/mongo-driver/mongo.Connect",
	"go.mongodb.org/mongo-driver/v2/mongo.Connect",
}

// parsePool parses a table entry: an import path, a dot, and a type or
// function name, or a type name, a dot and a method name.
func parsePool(s string) (pool, error) {
	slash := strings.LastIndex(s, "/")
	dot := strings.Index(s[slash+1:], ".")
	if dot < 0 {
		return pool{}, fmt.Errorf("pool %q: want importpath.Name or importpath.Type.Method", s)
	}
	path, rest := s[:slash+1+dot], s[slash+1+dot+1:]
	recv, name, isMethod := strings.Cut(rest, ".")
	if !isMethod {
		recv, name = "", rest
	}
	if path == "" || name == "" || strings.Contains(name, ".") {
		return pool{}, fmt.Errorf("pool %q: want importpath.Name or importpath.Type.Method", s)
	}
	return pool{path: path, name: name, recv: recv}, nil
}

// poolList is the -clientreuse.pools flag: extra table entries,
// comma-separated.
type poolList struct{ extra []pool }

func (l *poolList) String() string {
	names := make([]string, len(l.extra))
	for i, p := range l.extra {
		names[i] = p.String()
	}
	return strings.Join(names, ",")
}

func (l *poolList) Set(s string) error {
	l.extra = nil
	for _, entry := range strings.Split(s, ",") {
		if entry = strings.TrimSpace(entry); entry == "" {
			continue
		}
		p, err := parsePool(entry)
		if err != nil {
			return err
		}
		l.extra = append(l.extra, p)
	}
	return nil
}

// table holds the pool entries by the objects' full names.
type table map[string]bool

func newTable(extra []pool) table {
	t := make(table)
	for _, s := range defaultPools {
		p, err := parsePool(s)
		if err != nil {
			panic(err) // the default table is checked by the tests
		}
		t[p.String()] = true
	}
	for _, p := range extra {
		t[p.String()] = true
	}
	return t
}

// typeOwns reports whether every new value of the named type t owns a
// pool.
func (t table) typeOwns(typ types.Type) (string, bool) {
	named, ok := typ.(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return "", false
	}
	obj := named.Obj()
	key := pool{path: obj.Pkg().Path(), name: obj.Name()}.String()
	return obj.Pkg().Name() + "." + obj.Name(), t[key]
}

// funcOwns reports whether the function or method fn makes a new pool.
func (t table) funcOwns(fn *types.Func) (string, bool) {
	if fn.Pkg() == nil {
		return "", false
	}
	p := pool{path: fn.Pkg().Path(), name: fn.Name()}
	display := fn.Pkg().Name() + "." + fn.Name()
	if recv := fn.Signature().Recv(); recv != nil {
		named, ok := irutil.Deref(recv.Type()).(*types.Named)
		if !ok {
			return "", false
		}
		p.recv = named.Obj().Name()
		display = "(*" + fn.Pkg().Name() + "." + p.recv + ")." + fn.Name()
	}
	return display, t[p.String()]
}

// construction is one place where a new pool is made.
type construction struct {
	// value is the new pool: an Alloc of a pool type, or a call.
	value ssa.Value
	// what names the construction for messages: "&http.Transport{...}",
	// "sql.Open", "newClient".
	what string
	// kind is the pool's type or maker, for the remedy.
	kind string
}

// constructions returns the pools fn makes: values of a table type
// allocated, calls of a table function, calls of the package's own
// constructors (functions that return a pool they make).
func (t table) constructions(fn *ssa.Function, ctors map[*ssa.Function]string) []construction {
	var cs []construction
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch v := instr.(type) {
			case *ssa.Alloc:
				if name, ok := t.typeOwns(irutil.Deref(v.Type())); ok {
					cs = append(cs, construction{value: v, what: "&" + name + "{...}", kind: name})
				}
			case *ssa.Call:
				if callee := irutil.Callee(v.Common()); callee != nil {
					if kind, ok := ctors[callee]; ok {
						cs = append(cs, construction{value: v, what: callee.Name(), kind: kind})
						continue
					}
				}
				fn := v.Common().StaticCallee()
				if fn == nil {
					continue
				}
				if obj, ok := fn.Object().(*types.Func); ok {
					if name, ok := t.funcOwns(obj); ok {
						cs = append(cs, construction{value: v, what: name, kind: resultName(obj, name)})
					}
				}
			}
		}
	}
	return cs
}

// resultName names the pool fn returns by its type, sql.DB for
// sql.Open, or else by the function.
func resultName(fn *types.Func, name string) string {
	results := fn.Signature().Results()
	for i := range results.Len() {
		if named, ok := irutil.Deref(results.At(i).Type()).(*types.Named); ok && named.Obj().Pkg() != nil && named.Obj().Name() != "error" {
			return named.Obj().Pkg().Name() + "." + named.Obj().Name()
		}
	}
	return name
}
