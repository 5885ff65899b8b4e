package web

import (
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
)

// TestNoSlashCommandOnTheWeb renders every engine and web string, in every
// language, as the web shows it: none may tell a resident to use the Slack
// and Discord command, and every hint becomes words to write.
func TestNoSlashCommandOnTheWeb(t *testing.T) {
	r := newRig(t, nil)
	data := map[string]any{"ID": "klima", "Ref": "INN-7K3QF9", "Name": "klimaplanen", "Given": "x", "Words": "mine"}
	hints := 0
	for _, lang := range r.app.Locale.Langs() {
		for _, id := range r.app.Locale.IDs(lang) {
			if !r.isEngineID(id) {
				continue
			}
			raw := r.app.Locale.Text(lang, id, data)
			hints += strings.Count(raw, "⟦")
			got := bot.RenderHintsIn(raw, lang, r.a.hint)
			if strings.Contains(got, "/temaplan") || strings.ContainsAny(got, "⟦⟧") {
				t.Errorf("%s %s on the web: %q", lang, id, got)
			}
		}
	}
	if hints == 0 {
		t.Fatal("no hints found in the engine's strings: the test checks nothing")
	}
	got := bot.RenderHintsIn("Se ⟦mine⟧ og ⟦slett INN-7K3QF9⟧.", bot.NB, r.a.hint)
	if got != "Se «mine» og «slett INN-7K3QF9»." {
		t.Errorf("nb hints on the web: %q", got)
	}
	if got := bot.RenderHintsIn("See ⟦my⟧.", bot.EN, r.a.hint); got != "See “my”." {
		t.Errorf("en hints on the web: %q", got)
	}
}

// isEngineID reports whether id is one of the engine's strings (the files
// bot.*.yaml), which the web shows; the other channels' own strings
// (slack.*, discord.*, schedule.*, cli.*) never reach it.
func (r *rig) isEngineID(id string) bool {
	for _, p := range []string{"slack.", "discord.", "schedule.", "cli."} {
		if strings.HasPrefix(id, p) {
			return false
		}
	}
	return true
}
