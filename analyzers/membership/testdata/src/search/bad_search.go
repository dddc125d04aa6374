package search

type User struct {
	ID   int
	Name string
	Role string
}

// A found flag set before a break.
func countKnown(users, known []User) (n int) {
	for _, u := range users {
		found := false
		for _, k := range known {
			if k.ID == u.ID { // want `k.ID == u.ID scans known on every iteration of the loop over users \(O\(n·m\)\); build a map\[int\]struct\{\} from known keyed by ID once before the loop`
				found = true
				break
			}
		}
		if found {
			n++
		}
	}
	return n
}

// A found flag without a break: the whole slice is scanned every time.
func flagOnly(words, stop []string) (kept []string) {
	for _, w := range words {
		isStop := false
		for i := 0; i < len(stop); i++ {
			if stop[i] == w { // want `stop\[i\] == w scans stop on every iteration of the loop over words \(O\(n·m\)\); build a map\[string\]struct\{\} from stop once before the loop`
				isStop = true
			}
		}
		if !isStop {
			kept = append(kept, w)
		}
	}
	return kept
}

// Returning on a match.
func anyBanned(users []User, banned []string) bool {
	for _, u := range users {
		for _, b := range banned {
			if u.Role == b { // want `u.Role == b scans banned on every iteration of the loop over users`
				return true
			}
		}
	}
	return false
}

// A labelled continue skips the rest of the outer iteration.
func withoutBanned(users []User, banned []string) (out []User) {
outer:
	for _, u := range users {
		for _, b := range banned {
			if b == u.Role { // want `b == u.Role scans banned on every iteration of the loop over users`
				continue outer
			}
		}
		out = append(out, u)
	}
	return out
}

type Order struct {
	UserID   int
	UserName string
}

// The nested-loop join on one field: the match is used, so the map
// holds the elements.
func join(orders []Order, users []User) {
	for i := range orders {
		for _, u := range users {
			if u.ID == orders[i].UserID { // want `u.ID == orders\[i\].UserID scans users on every iteration of the loop over orders \(O\(n·m\)\); build a map\[int\]User from users keyed by ID once before the loop`
				orders[i].UserName = u.Name
				break
			}
		}
	}
}

// Pointer elements: the map holds the pointers.
func joinPointers(orders []*Order, users []*User) {
	for _, o := range orders {
		for _, u := range users {
			if u.ID == o.UserID { // want `build a map\[int\]\*User from users keyed by ID once before the loop`
				o.UserName = u.Name
				break
			}
		}
	}
}

// The index of the match is what the search is for.
func indexes(names, order []string) (pos []int) {
	for _, n := range names {
		at := -1
		for i := range order {
			if order[i] == n { // want `build a map\[string\]int from order once before the loop`
				at = i
				break
			}
		}
		pos = append(pos, at)
	}
	return pos
}

// The != form: continue past mismatches, stop at the match.
func notEqual(users []User, ids []int) (n int) {
	for _, u := range users {
		for _, id := range ids {
			if id != u.ID { // want `id != u.ID scans ids on every iteration of the loop over users`
				continue
			}
			n++
			break
		}
	}
	return n
}

// A goto out of the search.
func gotoOut(users []User, ids []int) (n int) {
	for _, u := range users {
		for _, id := range ids {
			if id == u.ID { // want `id == u.ID scans ids on every iteration of the loop over users`
				goto found
			}
		}
		continue
	found:
		n++
	}
	return n
}

// An array of at least 8 elements is worth a set too.
func bigArray(users []User, admins *[16]int) (n int) {
	for _, u := range users {
		for _, id := range admins {
			if id == u.ID { // want `id == u.ID scans admins on every iteration of the loop over users`
				n++
				break
			}
		}
	}
	return n
}

// A search inside a function literal.
func inClosure(known []int) func([]int) int {
	return func(ids []int) (n int) {
		for _, id := range ids {
			for _, k := range known {
				if k == id { // want `k == id scans known on every iteration of the loop over ids`
					n++
					break
				}
			}
		}
		return n
	}
}

// Generic code with a comparable type parameter.
func Count[T comparable](xs, set []T) (n int) {
	for _, x := range xs {
		for _, s := range set {
			if s == x { // want `s == x scans set on every iteration of the loop over xs \(O\(n·m\)\); build a map\[T\]struct\{\} from set once before the loop`
				n++
				break
			}
		}
	}
	return n
}

// A search in the body of a range-over-func statement.
func rangeFunc(seq func(func(int) bool), known []int) (n int) {
	for id := range seq {
		for _, k := range known {
			if k == id { // want `k == id scans known on every iteration of the loop over seq`
				n++
				break
			}
		}
	}
	return n
}

// Duplicate detection: the loop searches the slice for its own
// elements.
func hasDuplicates(names []string) bool {
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			if names[j] == names[i] { // want `names\[j\] == names\[i\] scans names for its own elements on every iteration of the loop over names \(O\(n²\)\); track seen elements in a map\[string\]struct\{\} instead`
				return true
			}
		}
	}
	return false
}

// An inner loop built with goto.
func gotoSearch(users, ids []int) (n int) {
	for _, u := range users {
		j := 0
	next:
		if j < len(ids) {
			if ids[j] == u { // want `ids\[j\] == u scans ids on every iteration of the loop over users`
				n++
				continue
			}
			j++
			goto next
		}
	}
	return n
}

// A join over a slice whose type is a type parameter.
func JoinGeneric[S ~[]*User](orders []Order, users S) {
	for i := range orders {
		for _, u := range users {
			if u.ID == orders[i].UserID { // want `build a map\[int\]\*User from users keyed by ID once before the loop`
				orders[i].UserName = u.Name
				break
			}
		}
	}
}

type Node struct {
	ID, Parent int
	Name       string
}

// Looking up each element's parent among the same elements is a lookup
// by ID, not duplicate detection.
func parents(nodes []Node) (names []string) {
	for _, n := range nodes {
		for _, p := range nodes {
			if p.ID == n.Parent { // want `p.ID == n.Parent scans nodes on every iteration of the loop over nodes \(O\(n·m\)\); build a map\[int\]Node from nodes keyed by ID once before the loop`
				names = append(names, p.Name)
				break
			}
		}
	}
	return names
}

// Duplicate detection on one field.
func duplicateIDs(nodes []Node) bool {
	for i, n := range nodes {
		for j := i + 1; j < len(nodes); j++ {
			if nodes[j].ID == n.ID { // want `nodes\[j\].ID == n.ID scans nodes for its own elements on every iteration of the loop over nodes \(O\(n²\)\); track the ID of seen elements in a map\[int\]struct\{\} instead`
				return true
			}
		}
	}
	return false
}
