// hoistfield: two loops of one function read the same field through the
// same pointer. Each suggested fix alone is correct, but both declare
// `mant := x.mant` in the same scope, so applying every fix (perfvet -fix)
// breaks the build: "no new variables on left side of :=". Reduced from
// math/big/decimal.go (shr).
package p

type decimal struct{ mant []byte }

func shift(x *decimal, n uint) {
	r, w := 0, 0
	for r < len(x.mant) {
		x.mant[w] = x.mant[r] + byte(n)
		r++
		w++
	}
	for n > 0 && w < len(x.mant) {
		x.mant[w] = byte(n)
		w++
		n /= 10
	}
}
