package textedit_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/perfvet/perfvet/internal/textedit"
)

func TestOverlaps(t *testing.T) {
	replace := textedit.Edit{Start: 2, End: 5}
	tests := []struct {
		name string
		edit textedit.Edit
		want bool
	}{
		{"same bytes", textedit.Edit{Start: 4, End: 8}, true},
		{"adjacent", textedit.Edit{Start: 5, End: 8}, false},
		{"insert inside", textedit.Edit{Start: 3, End: 3}, true},
		{"insert at the start", textedit.Edit{Start: 2, End: 2}, false},
		{"insert at the end", textedit.Edit{Start: 5, End: 5}, false},
	}
	for _, test := range tests {
		assert.Equal(t, test.want, textedit.Overlaps(replace, test.edit), test.name)
		assert.Equal(t, test.want, textedit.Overlaps(test.edit, replace), test.name+", swapped")
	}
	insert := textedit.Edit{Start: 3, End: 3}
	assert.True(t, textedit.Overlaps(insert, insert), "two inserts at one place")
	assert.False(t, textedit.Overlaps(insert, textedit.Edit{Start: 4, End: 4}), "inserts at two places")
}

func TestApply(t *testing.T) {
	got, err := textedit.Apply([]byte("s += x"), []textedit.Edit{
		{Start: 6, End: 6, New: ")"},
		{Start: 0, End: 5, New: "s.WriteString("},
	})
	require.NoError(t, err)
	assert.Equal(t, "s.WriteString(x)", string(got))

	_, err = textedit.Apply([]byte("abc"), []textedit.Edit{{Start: 2, End: 9}})
	assert.Error(t, err, "an edit past the end")
	_, err = textedit.Apply([]byte("abc"), []textedit.Edit{{Start: 0, End: 2}, {Start: 1, End: 3}})
	assert.Error(t, err, "overlapping edits")
}
