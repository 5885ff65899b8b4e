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

// TestGroupAllMatchesGrouper groups the blind sample, the development
// pairs and synthetic inputs (campaign copies among random texts, which
// fill band buckets) at once and one by one: the groups must be the same.
func TestGroupAllMatchesGrouper(t *testing.T) {
	var texts []string
	for _, r := range readBlind(t, "testdata/blind_inputs.tsv") {
		texts = append(texts, r.text)
	}
	for _, r := range readTSV(t, "testdata/dev_dups.tsv") {
		texts = append(texts, r[1], "", r[1])
	}
	for _, s := range manySubs(NewTagger(defaultCatalog(t)), "klima", benchTexts(t, "klima"), 20_000) {
		texts = append(texts, s.Text)
	}
	norms := make([]string, len(texts))
	sigs := make([]Signature, len(texts))
	for i, x := range texts {
		norms[i] = dupText(x)
		sigs[i] = signNorm(norms[i])
	}
	want, got := groupOneByOne(norms, sigs), groupAll(norms, sigs)
	merged := 0
	for i := range texts {
		if got[i] != want[i] {
			t.Fatalf("text %d: group %d at once, %d one by one: %q", i, got[i], want[i], texts[i])
		}
		if got[i] != i {
			merged++
		}
	}
	if merged < 300 {
		t.Errorf("only %d texts joined a group; the test needs many", merged)
	}
}
