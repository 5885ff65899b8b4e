package slack

import (
	"context"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
)

var pngMagic = "\x89PNG\r\n\x1a\n"

// TestSendWithChart: a digest with a chart is its message, then the file
// through Slack's upload flow (getUploadURLExternal, upload,
// completeUploadExternal into the channel) with its alt text.
func TestSendWithChart(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	att := bot.Attachment{Name: "innspill-per-uke.png", Type: "image/png", Data: []byte(pngMagic + "chart"),
		Alt: "Stolpediagram, innspill per uke. klimaplanen: uke 48: 12", Fallback: "Tallene: klimaplanen: uke 48: 12"}
	if _, err := h.a.Send(context.Background(), bot.Target{Platform: bot.PlatformSlack, Channel: "C7"},
		bot.Reply{Text: "Hva folk sier om klimaplanen", Attachments: []bot.Attachment{att}}); err != nil {
		t.Fatal(err)
	}
	get := h.api.callsTo("files.getUploadURLExternal", true)
	up := h.api.callsTo("upload", true)
	done := h.api.callsTo("files.completeUploadExternal", true)
	if len(h.api.callsTo("chat.postMessage", true)) != 1 || len(get) != 1 || len(up) != 1 || len(done) != 1 {
		t.Fatalf("calls %v, want a message and one upload", h.api.methods())
	}
	if get[0].get("filename") != att.Name || get[0].get("alt_txt") != att.Alt || get[0].get("length") != "13" {
		t.Errorf("getUploadURLExternal %v", get[0].Form)
	}
	if up[0].Form.Get("data") != string(att.Data) || up[0].Auth != "Bearer xoxb-test" {
		t.Errorf("uploaded %q with %q", up[0].Form.Get("data"), up[0].Auth)
	}
	if done[0].get("channel_id") != "C7" || !strings.Contains(done[0].get("files"), up[0].Form.Get("id")) {
		t.Errorf("completeUploadExternal %v", done[0].Form)
	}
}

// TestSendChartFallback: when Slack refuses the upload, the numbers are
// posted as text and the digest counts as sent (it is not posted again).
func TestSendChartFallback(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.api.setFail("files.getUploadURLExternal", "not_allowed_token_type")
	att := bot.Attachment{Name: "inputs-per-week.png", Data: []byte(pngMagic), Alt: "Bar chart",
		Fallback: "The chart could not be attached. The numbers: the climate plan: week 48: 12"}
	if _, err := h.a.Send(context.Background(), bot.Target{Channel: "C8"},
		bot.Reply{Text: "What people are saying", Attachments: []bot.Attachment{att}}); err != nil {
		t.Fatal(err)
	}
	posts := h.api.callsTo("chat.postMessage", true)
	if len(posts) != 2 || !strings.Contains(posts[1].get("text"), "week 48: 12") {
		t.Fatalf("posts %v, want the message and the fallback numbers", posts)
	}
	if n := len(h.api.callsTo("files.completeUploadExternal", true)); n != 0 {
		t.Errorf("%d files shared after a refused upload", n)
	}
}
