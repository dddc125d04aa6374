package shapes

type order struct {
	userID   int
	userName string
}

type user struct {
	id   int
	name string
}

// The statements that run when the inner loop breaks out lie inside the
// inner range statement but belong to the outer loop, which reads no
// element of its own: the outer loop is still the loop over orders.
func breakOut(orders []order, users []user) {
	for i := range orders { // want `range loop depth 1 exits 1`
		for _, u := range users { // want `range loop depth 2 exits 2`
			if u.id == orders[i].userID {
				orders[i].userName = u.name
				orders[i].userID = -u.id
				break
			}
		}
	}
}
