package slack

import (
	"context"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/apptest"
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

// TestDigestWithChart: a staff digest through the real scheduler, in both
// languages: the digest, then what residents said with the chart uploaded.
func TestDigestWithChart(t *testing.T) {
	for _, tt := range []struct {
		lang bot.Lang
		want []string
		alt  string
	}{
		{bot.NB, []string{"Hva folk sier om klimaplanen", "Transport: 4", "6 avsendere", "Bølge av nesten like innspill"},
			"klimaplanen: uke 47: 2, uke 48: 9"},
		{bot.EN, []string{"What people are saying about the climate plan", "Transport: 4", "6 senders", "A wave of near-identical"},
			"the climate plan: week 47: 2, week 48: 9"},
	} {
		t.Run(string(tt.lang), func(t *testing.T) {
			h := newHarness(t)
			to := bot.Target{Platform: bot.PlatformSlack, Workspace: "T1", Channel: "CSTAFF"}
			s := apptest.InsightDigest(t, h.a, to, tt.lang)
			if n, err := s.DigestNow(context.Background(), to); err != nil || n != 2 {
				t.Fatalf("DigestNow: %d parts, %v; want the digest and what residents said", n, err)
			}
			posts := h.api.callsTo("chat.postMessage", true)
			if len(posts) != 2 {
				t.Fatalf("%d posts", len(posts))
			}
			for _, w := range tt.want {
				if !strings.Contains(posts[1].get("text"), w) {
					t.Errorf("no %q in %s", w, posts[1].get("text"))
				}
			}
			get, up := h.api.callsTo("files.getUploadURLExternal", true), h.api.callsTo("upload", true)
			if len(get) != 1 || len(up) != 1 || !strings.HasPrefix(up[0].Form.Get("data"), pngMagic) {
				t.Fatalf("chart not uploaded: %v", h.api.methods())
			}
			if alt := get[0].get("alt_txt"); !strings.Contains(alt, tt.alt) {
				t.Errorf("alt text %q lacks %q", alt, tt.alt)
			}
		})
	}
}
