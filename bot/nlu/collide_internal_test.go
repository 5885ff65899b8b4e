package nlu

import (
	"testing"

	"github.com/askerkommune/temaplanbot/internal/catalog"
)

// TestQuestionWordsNameNoPlan: no question word, nor a word that names a
// topic of its own (the meeting, corona, help, small talk, off-topic),
// shares its lexicon entry with a plan's words. Stemming joins words ("water" and "wat" both become
// "wat"), and a question word that carried plan evidence would send
// "wat is a temaplan" to the water plan, and a plan word that carried a
// question cue would make "a comment about the water plan" a question.
func TestQuestionWordsNameNoPlan(t *testing.T) {
	c, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	m := New(c)
	const question = cueWhat | cueHow | cueWhen | cueWhich | cueDefine |
		cueMeeting | cueCorona | cueHelp | cueGreet | cueThanks | cueOfftopic
	for _, index := range []map[string]int32{m.surface, m.stems} {
		for key, i := range index {
			e := m.entries[i]
			if e.cues&question != 0 && len(e.plans) > 0 {
				t.Errorf("entry %q has cue %s and names plan %s", key, cueNames(e.cues&question), m.ids[e.plans[0].plan])
			}
		}
	}
}

// TestCommonWordsNameNoPlan: everyday words name no plan, whatever the
// stemmer makes of the plans' words ("næring" once became "naer", the
// stem of "nær": "flere benker nær skolen" named the business plan).
func TestCommonWordsNameNoPlan(t *testing.T) {
	c, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	m := New(c)
	for _, w := range []string{"nær", "nære", "near", "her", "der", "hos", "over", "under", "etter", "mellom",
		"mer", "meir", "flere", "fleire", "alle", "mye", "mykje", "some", "more", "many", "what", "wat",
		"den", "det", "dem", "han", "ho", "it", "they", "bra", "god", "good", "ny", "new"} {
		if u := m.Understand(w); u.Plan != "" {
			t.Errorf("%q names plan %s", w, u.Plan)
		}
	}
}
