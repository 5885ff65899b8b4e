package slack

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// resumeCase is an answer of three messages in a DM, of which a stopped
// copy posted the first two before it died.
func resumeCase(t *testing.T, h *harness) (bot.InboxEvent, []bot.Reply) {
	t.Helper()
	e := bot.InboxEvent{ID: "slack:ev:EvRESUME", Received: time.Now(),
		Route: dest{channel: "DRESUME", user: "U1", direct: true}.route()}
	replies := []bot.Reply{{Text: "første"}, {Text: "andre"}, {Text: "tredje"}}
	d := destOf(e.Route)
	d.event = e.ID
	for part, r := range replies[:2] { // the stopped copy's posts
		if err := h.a.post(context.Background(), d, r, part); err != nil {
			t.Fatal(err)
		}
	}
	e.Answered, e.Showing = true, true
	return e, replies
}

// postedTexts are the texts of chat.postMessage calls to channel.
func (h *harness) postedTexts(channel string) []string {
	var out []string
	for _, c := range h.api.callsTo("chat.postMessage", true) {
		if c.get("channel") == channel {
			out = append(out, c.get("text"))
		}
	}
	return out
}

// A copy taking over an answer that was being shown looks in the
// conversation's history for the parts that reached Slack (by the event id
// in their metadata) and posts only the rest.
func TestResumedAnswerPostsOnlyWhatIsMissing(t *testing.T) {
	h := newHarness(t)
	e, replies := resumeCase(t, h)
	if err := h.a.deliverEvent(context.Background(), e, replies); err != nil {
		t.Fatal(err)
	}
	if got, want := h.postedTexts("DRESUME"), []string{"første", "andre", "tredje"}; !slices.Equal(got, want) {
		t.Fatalf("posted %q, want each part once: %q", got, want)
	}
	hist := h.api.callsTo("conversations.history", true)
	if len(hist) != 1 || hist[0].get("channel") != "DRESUME" || hist[0].get("include_all_metadata") != "1" {
		t.Fatalf("history look-ups %+v, want one of DRESUME with metadata", hist)
	}
	if got := h.metric(`temaplanbot_answers_resumed_total{platform="slack"}`); !strings.HasSuffix(got, "} 1") {
		t.Errorf("answers_resumed_total: %s, want 1", got)
	}
}

// When Slack cannot say what was posted, the whole answer is posted
// again: twice rather than never.
func TestResumedAnswerPostsAllWhenTheLookUpFails(t *testing.T) {
	h := newHarness(t)
	e, replies := resumeCase(t, h)
	h.api.setFail("conversations.history", "missing_scope")
	if err := h.a.deliverEvent(context.Background(), e, replies); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(h.postedTexts("DRESUME"), ",")
	if want := "første,andre,første,andre,tredje"; got != want {
		t.Fatalf("posted %s, want %s", got, want)
	}
}

// A fresh answer (not being shown when taken over) is posted without a
// look-up, each message carrying the event id and its part in metadata.
func TestAnswerMessagesCarryTheirEventInMetadata(t *testing.T) {
	h := newHarness(t)
	e := bot.InboxEvent{ID: "slack:ev:EvFRESH", Received: time.Now(), Route: dest{channel: "DFRESH", user: "U1", direct: true}.route()}
	if err := h.a.deliverEvent(context.Background(), e, []bot.Reply{{Text: "a"}, {Text: "b"}}); err != nil {
		t.Fatal(err)
	}
	posts := h.api.callsTo("chat.postMessage", true)
	if len(posts) != 2 || len(h.api.callsTo("conversations.history", false)) != 0 {
		t.Fatalf("posts %d, history look-ups %d; want 2 and 0", len(posts), len(h.api.callsTo("conversations.history", false)))
	}
	for i, c := range posts {
		md := c.get("metadata")
		if !strings.Contains(md, `"event":"slack:ev:EvFRESH"`) || !strings.Contains(md, `"part":"`+string(rune('0'+i))+`"`) {
			t.Errorf("post %d metadata %s", i, md)
		}
	}
}

// In a channel thread the look-up is conversations.replies of the thread.
func TestResumedAnswerInAThreadLooksInTheThread(t *testing.T) {
	h := newHarness(t)
	e := bot.InboxEvent{ID: "slack:ev:EvTHREAD", Received: time.Now(),
		Route: dest{channel: "CTHREAD", thread: "1700000000.000001", user: "U1"}.route()}
	d := destOf(e.Route)
	d.event = e.ID
	replies := []bot.Reply{{Text: "én"}, {Text: "to"}}
	if err := h.a.post(context.Background(), d, replies[0], 0); err != nil {
		t.Fatal(err)
	}
	e.Answered, e.Showing = true, true
	if err := h.a.deliverEvent(context.Background(), e, replies); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(h.postedTexts("CTHREAD"), ","); got != "én,to" {
		t.Fatalf("posted %s, want én,to", got)
	}
	look := h.api.callsTo("conversations.replies", true)
	if len(look) != 1 || look[0].get("ts") != "1700000000.000001" || len(h.api.callsTo("conversations.history", false)) != 0 {
		t.Fatalf("look-ups: replies %+v, history %d; want one of the thread", look, len(h.api.callsTo("conversations.history", false)))
	}
}
