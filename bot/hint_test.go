package bot

import "testing"

func TestRenderHints(t *testing.T) {
	slash := SlashHint("temaplan")
	for in, want := range map[string]string{
		"Skriv ⟦mine⟧.":                     "Skriv /temaplan mine.",
		"⟦slett INN-7K3QF9⟧ eller ⟦ mine ⟧": "/temaplan slett INN-7K3QF9 eller /temaplan mine",
		"no hint":                "no hint",
		"open ⟦ without a close": "open ⟦ without a close",
		"⟦a⟧ then ⟦ unclosed":    "/temaplan a then ⟦ unclosed",
	} {
		if got := RenderHintsIn(in, NB, slash); got != want {
			t.Errorf("RenderHintsIn(%q) = %q, want %q", in, got, want)
		}
	}
	orig := []Reply{{Lang: EN, Text: "⟦my⟧", Sections: []Section{{Title: "⟦help⟧", Body: "⟦plans⟧"}},
		Choices: []Choice{{Label: "⟦my⟧"}}, Form: &Form{Notice: "⟦delete⟧"}, FieldErrors: map[string]string{FieldText: "⟦input⟧"}}}
	var seen []Hint
	got := RenderHints(orig, func(h Hint) string { seen = append(seen, h); return "<" + h.Words + ">" })[0]
	if got.Text != "<my>" || got.Sections[0].Title != "<help>" || got.Sections[0].Body != "<plans>" ||
		got.Choices[0].Label != "<my>" || got.Form.Notice != "<delete>" || got.FieldErrors[FieldText] != "<input>" {
		t.Errorf("rendered %+v", got)
	}
	if len(seen) != 6 || seen[0].Lang != EN {
		t.Errorf("hints seen %+v", seen)
	}
	if orig[0].Sections[0].Title != "⟦help⟧" || orig[0].Choices[0].Label != "⟦my⟧" || orig[0].Form.Notice != "⟦delete⟧" ||
		orig[0].FieldErrors[FieldText] != "⟦input⟧" {
		t.Errorf("the replies passed in were changed: %+v", orig[0])
	}
}
