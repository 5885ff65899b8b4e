package slack

import (
	"encoding/json"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	slackapi "github.com/slack-go/slack"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/locale"
	"github.com/askerkommune/temaplanbot/internal/server"
)

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<@U01JKSB8T7Y> test", "test"},
		{"<@UBOT> hva er formålet med <#C123|klima>?", "hva er formålet med #klima?"},
		{"se <https://asker.kommune.no|asker.kommune.no> &amp; mer", "se https://asker.kommune.no & mer"},
		{"<mailto:a@b.no|a@b.no> ringer", "a@b.no ringer"},
		{"&lt;script&gt; 1 &lt; 2", "<script> 1 < 2"},
		{"<!here> møte", "møte"},
		{"linje 1\nlinje 2", "linje 1\nlinje 2"},
	}
	for _, tt := range tests {
		if got := plainText(tt.in); got != tt.want {
			t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscapeClip(t *testing.T) {
	long := strings.Repeat("&", 2000)
	got := escapeClip(long, 3000)
	if n := utf8.RuneCountInString(got); n > 3000 {
		t.Errorf("%d runes, want <= 3000", n)
	}
	if !strings.HasSuffix(got, "&amp;…") && !strings.HasSuffix(got, "…") {
		t.Errorf("cut text does not end with an ellipsis: %q", got[len(got)-12:])
	}
	if strings.Contains(strings.TrimSuffix(got, "…"), "&am…") {
		t.Error("entity cut in half")
	}
	if got := escapeClip("a<b", 10); got != "a&lt;b" {
		t.Errorf("got %q", got)
	}
}

func TestActionIDs(t *testing.T) {
	for i, act := range []string{bot.ActConfirm, bot.ActCancel, bot.ActChoosePlan, bot.ActPlanInfo, bot.ActOpenForm} {
		if got := actionOf(actionID(act, i)); got != act {
			t.Errorf("round trip of %s: %s", act, got)
		}
	}
}

func testAdapter(t *testing.T) *Adapter {
	t.Helper()
	a, err := New(Config{BotToken: "xoxb-x", Responder: newFakeEngine(t), Inbox: testInbox(t)})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestBlocksLimits(t *testing.T) {
	a := testAdapter(t)
	var secs []bot.Section
	for range 80 {
		secs = append(secs, bot.Section{Title: "T*<", Body: strings.Repeat("x", 5000)})
	}
	var choices []bot.Choice
	for i := range 30 {
		choices = append(choices, bot.Choice{Label: strings.Repeat("L", 100), Action: bot.ActPlanInfo, Value: itoa(int64(i)), Style: "danger"})
	}
	blocks := a.blocks(bot.Reply{Text: "fallback", Sections: secs, Choices: choices}, maxMessageBlocks)
	if len(blocks) != maxMessageBlocks {
		t.Fatalf("%d blocks, want %d", len(blocks), maxMessageBlocks)
	}
	raw, _ := json.Marshal(blocks)
	var decoded []map[string]any
	json.Unmarshal(raw, &decoded)
	actions, ids := 0, map[string]bool{}
	for _, b := range decoded {
		switch b["type"] {
		case "section":
			text := b["text"].(map[string]any)["text"].(string)
			if utf8.RuneCountInString(text) > maxSectionText {
				t.Errorf("section text of %d runes", utf8.RuneCountInString(text))
			}
			if !strings.HasPrefix(text, "*T*&lt;*\n") {
				t.Errorf("title not bold and escaped: %q", text[:12])
			}
		case "actions":
			actions++
			els := b["elements"].([]any)
			if len(els) > maxButtonsBlock {
				t.Errorf("%d buttons in one block", len(els))
			}
			for _, e := range els {
				btn := e.(map[string]any)
				id := btn["action_id"].(string)
				if ids[id] {
					t.Errorf("duplicate action_id %s", id)
				}
				ids[id] = true
				if n := utf8.RuneCountInString(btn["text"].(map[string]any)["text"].(string)); n > maxButtonText {
					t.Errorf("button text of %d runes", n)
				}
				if btn["style"] != "danger" {
					t.Errorf("style %v", btn["style"])
				}
			}
		}
	}
	if actions != 2 || len(ids) != 30 {
		t.Errorf("%d actions blocks with %d buttons, want 2 with 30", actions, len(ids))
	}
}

func TestBlocksTextOnlyReply(t *testing.T) {
	a := testAdapter(t)
	blocks := a.blocks(bot.Reply{Text: "Hei <alle> & velkommen"}, maxMessageBlocks)
	raw, _ := json.Marshal(blocks)
	if !strings.Contains(string(raw), `"text":"Hei \u0026lt;alle\u0026gt; \u0026amp; velkommen"`) {
		t.Errorf("blocks %s", raw)
	}
	if got := a.blocks(bot.Reply{}, maxMessageBlocks); len(got) != 0 {
		t.Errorf("empty reply gave %d blocks", len(got))
	}
}

// TestLargestSubmissionFitsBodyLimit renders the real form (14 plans) with a
// full-length text of multi-byte letters, wraps it as Slack's view_submission
// does, and checks the request stays under the server's body limit.
func TestLargestSubmissionFitsBodyLimit(t *testing.T) {
	a := testAdapter(t)
	var plans []bot.Choice
	for i := range 14 {
		plans = append(plans, bot.Choice{Label: strings.Repeat("Temaplan for lange navn ", 4), Value: "plan" + itoa(int64(i))})
	}
	text := strings.Repeat("😀", maxInputLength) // 4 UTF-8 bytes, 12 once URL-encoded
	f := &bot.Form{Title: "Innspill", Notice: strings.Repeat("Personvern. ", 80), Plans: plans, Text: text, MaxLen: maxInputLength}
	view := a.modal(f, bot.NB, viewMeta{Channel: "C0123456789", Thread: "1700000000.000100"})
	raw, _ := json.Marshal(view)
	var v map[string]any
	json.Unmarshal(raw, &v)
	v["state"] = map[string]any{"values": map[string]any{
		"plan": map[string]any{"plan": map[string]any{"type": "static_select", "selected_option": map[string]any{"value": "plan3"}}},
		"text": map[string]any{"text": map[string]any{"type": "plain_text_input", "value": text}},
	}}
	var cb map[string]any
	json.Unmarshal(fixture(t, "view_submission.json"), &cb)
	cb["view"] = v
	payload, _ := json.Marshal(cb)
	body := url.Values{"payload": {string(payload)}}.Encode()
	if len(body) >= server.MaxSlackInteractionBody || len(body) >= MaxInteractionBody {
		t.Fatalf("largest submission is %d bytes; limit %d", len(body), server.MaxSlackInteractionBody)
	}
	t.Logf("largest view_submission body: %d bytes (limit %d)", len(body), server.MaxSlackInteractionBody)
}

func TestModalWithoutPlanListKeepsPlan(t *testing.T) {
	a := testAdapter(t)
	view := a.modal(&bot.Form{Plan: "klima"}, bot.EN, viewMeta{Channel: "D1", Direct: true})
	if decodeMeta(view.PrivateMetadata) != (viewMeta{Channel: "D1", Direct: true, Plan: "klima"}) {
		t.Errorf("metadata %q", view.PrivateMetadata)
	}
	if len(view.Blocks.BlockSet) != 1 || view.Title.Text == "" || view.Submit.Text == "" {
		t.Errorf("view %+v", view)
	}
	if _, ok := view.Blocks.BlockSet[0].(*slackapi.InputBlock); !ok {
		t.Errorf("first block %T", view.Blocks.BlockSet[0])
	}
	errs := fieldErrors(map[string]string{bot.FieldPlan: "Unknown plan.", bot.FieldText: "Too short."}, shownBlocks(slackapi.View{Blocks: view.Blocks}))
	if len(errs) != 1 || !strings.Contains(errs[blockText], "Unknown plan.") || !strings.Contains(errs[blockText], "Too short.") {
		t.Errorf("field errors %v: a field not in the modal must show on the text field", errs)
	}
}

// TestLocaleIDsExist checks that every slack.* message id used in the code
// exists in every language, and that modal titles and buttons fit Slack's
// 24-character limit.
func TestLocaleIDsExist(t *testing.T) {
	b, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	files, _ := os.ReadDir(".")
	re := regexp.MustCompile(`"(slack\.[a-z_.]+)"`)
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".go") || strings.HasSuffix(f.Name(), "_test.go") {
			continue
		}
		src, _ := os.ReadFile(f.Name())
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = true
		}
	}
	if len(used) < 10 {
		t.Fatalf("found only %d ids: %v", len(used), used)
	}
	for id := range used {
		for _, lang := range bot.Langs {
			if !b.Has(lang, id) {
				t.Errorf("%s: missing %s", lang, id)
			}
		}
	}
	for _, id := range []string{"slack.form.title", "slack.form.submit", "slack.form.cancel", "slack.form.close"} {
		for _, lang := range bot.Langs {
			if n := utf8.RuneCountInString(b.Text(lang, id, nil)); n > maxViewTitle {
				t.Errorf("%s/%s is %d characters; Slack allows %d", lang, id, n, maxViewTitle)
			}
		}
	}
}
