package insight

import "testing"

func TestThemeKeys(t *testing.T) {
	tg := NewTagger(defaultCatalog(t))
	if got := len(tg.Themes("klima")); got != 6 {
		t.Errorf("klima has %d themes, want 6", got)
	}
	if got := tg.Themes("vann"); got != nil {
		t.Errorf("vann has no written themes, got %v", got)
	}
	if got := tg.Themes("kultur")[5].Key; got != "kulturelle-skolesekken-spaserstokken" {
		t.Errorf("theme key %q", got)
	}
}

func TestDevThemes(t *testing.T) {
	tg := NewTagger(defaultCatalog(t))
	rows := readTSV(t, "testdata/dev_themes.tsv")
	ok := 0
	for _, r := range rows {
		got := tg.Tag(r[0], r[2])
		if len(got) > 0 && got[0] == r[1] {
			ok++
		} else {
			t.Logf("want %s got %v: %s\n\t%s", r[1], got, r[2], explain(tg, r[0], r[2]))
		}
	}
	if ok*100 < len(rows)*85 {
		t.Errorf("first theme right for %d of %d development examples, want >= 85%%", ok, len(rows))
	}
}
