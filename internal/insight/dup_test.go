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

func TestAnnotatorMarksDuplicatesAndThemes(t *testing.T) {
	svc := NewService(fixedCatalog{defaultCatalog(t)}, nil, nil, nil)
	a := svc.Annotator()
	in := subs("klima", t0, "",
		"Stopp nedbyggingen av Semsmarka, bevar matjorda!",
		"Solceller på alle kommunale bygg",
		"stopp nedbyggingen av Semsmarka. Bevar matjorda",
	)
	var dups []string
	var themes [][]string
	for _, s := range in {
		th, d := a.Notes(s)
		themes, dups = append(themes, th), append(dups, d)
	}
	if dups[0] != "" || dups[1] != "" || dups[2] != in[0].Ref {
		t.Errorf("duplicate_of %q, want only the third marked as a copy of %s", dups, in[0].Ref)
	}
	if len(themes[1]) == 0 || themes[1][0] != "energi" {
		t.Errorf("themes %q, want energi for the solar panels", themes)
	}
}
