package insight

import "testing"

// TestDevDuplicates groups the development examples: every planted copy
// joins its original's group, and no other text joins any group.
func TestDevDuplicates(t *testing.T) {
	rows := readTSV(t, "testdata/dev_dups.tsv")
	g := NewGrouper()
	for _, r := range rows {
		g.Add(r[1])
	}
	for i, r := range rows {
		for j := range i {
			same := r[0] != "0" && r[0] == rows[j][0]
			if got := g.Group(i) == g.Group(j); got != same {
				a, b := Sign(r[1]), Sign(rows[j][1])
				t.Errorf("grouped=%v want %v (similarity %.2f):\n  %s\n  %s", got, same, Similarity(&a, &b), r[1], rows[j][1])
			}
		}
	}
}
