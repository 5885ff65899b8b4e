package web

import (
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
)

// TestAmendButtonsWork: words said at the confirm step are shown back with
// the engine's choices as buttons, and pressing "replace" stores exactly the
// new words (the web must not refuse the engine's amend or "show more"
// buttons).
func TestAmendButtonsWork(t *testing.T) {
	r := newRig(t, nil)
	b := r.browser(t)
	b.get("/web/")
	b.say("Jeg vil gi innspill til klimaplanen: Flere ladestasjoner ved Vollen.")
	b.say("Egentlig mener jeg flere sykkelparkeringer ved Asker stasjon")
	page := b.latest()
	if !strings.Contains(page, `value="`+bot.ActAmend+`:`) {
		t.Fatalf("no amend buttons after words at confirm:\n%s", page)
	}
	b.press(bot.ActAmend + ":replace")
	if subs := r.submissions(t); len(subs) != 0 {
		t.Fatalf("stored before the resident confirmed: %+v", subs)
	}
	b.say("ja")
	subs := r.submissions(t)
	if len(subs) != 1 || subs[0].Text != "Egentlig mener jeg flere sykkelparkeringer ved Asker stasjon" {
		t.Fatalf("stored %+v, want only the replacing words", subs)
	}
}
