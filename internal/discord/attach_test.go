package discord

import (
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/apptest"
)

// parts reads a multipart body the fake API recorded (boundary from its
// first line) into name -> content.
func parts(t *testing.T, raw string) map[string]string {
	t.Helper()
	first, _, _ := strings.Cut(raw, "\r\n")
	mr := multipart.NewReader(strings.NewReader(raw), strings.TrimPrefix(first, "--"))
	out := map[string]string{}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("multipart: %v in %q", err, raw[:min(len(raw), 200)])
		}
		b, _ := io.ReadAll(p)
		out[p.FormName()] = string(b)
		if p.FileName() != "" {
			out[p.FormName()+".filename"] = p.FileName()
			out[p.FormName()+".type"] = p.Header.Get("Content-Type")
		}
	}
}

// TestSendWithChart: the digest's text, then its chart as a multipart
// message (payload_json with the alt text as the attachment's
// description, the PNG as files[0]), with an enforced nonce.
func TestSendWithChart(t *testing.T) {
	r, _ := sendRig(t)
	att := bot.Attachment{Name: "innspill-per-uke.png", Type: "image/png", Data: []byte("\x89PNG\r\n\x1a\nchart"),
		Alt: "Stolpediagram, innspill per uke. klimaplanen: uke 48: 12", Fallback: "Tallene: klimaplanen: uke 48: 12"}
	if _, err := r.a.Send(context.Background(), target, bot.Reply{Text: "Hva folk sier om klimaplanen",
		Attachments: []bot.Attachment{att}}); err != nil {
		t.Fatal(err)
	}
	posts := r.api.calls("/channels/c1/messages")
	if len(posts) != 2 {
		t.Fatalf("%d posts, want the text and the chart", len(posts))
	}
	p := parts(t, posts[1].Raw)
	var payload struct {
		Nonce        string `json:"nonce"`
		EnforceNonce bool   `json:"enforce_nonce"`
		Attachments  []struct {
			ID          int    `json:"id"`
			Filename    string `json:"filename"`
			Description string `json:"description"`
		} `json:"attachments"`
	}
	if err := json.Unmarshal([]byte(p["payload_json"]), &payload); err != nil {
		t.Fatalf("payload_json %q: %v", p["payload_json"], err)
	}
	if len(payload.Attachments) != 1 || payload.Attachments[0].Description != att.Alt || payload.Attachments[0].Filename != att.Name ||
		!payload.EnforceNonce || payload.Nonce == "" {
		t.Errorf("payload %+v", payload)
	}
	if p["files[0]"] != string(att.Data) || p["files[0].filename"] != att.Name || p["files[0].type"] != "image/png" {
		t.Errorf("file part %q %q %q", p["files[0]"], p["files[0].filename"], p["files[0].type"])
	}
}

// TestSendChartFallback: when Discord refuses the file, the numbers are
// posted as text and Send still succeeds (the digest is not posted again).
func TestSendChartFallback(t *testing.T) {
	r, _ := sendRig(t)
	r.api.setHook(func(w http.ResponseWriter, c call) bool {
		if strings.Contains(c.Raw, "payload_json") {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusRequestEntityTooLarge)
			_, _ = io.WriteString(w, `{"message":"Request entity too large","code":40005}`)
			return true
		}
		return false
	})
	att := bot.Attachment{Name: "inputs-per-week.png", Type: "image/png", Data: []byte("\x89PNG"),
		Fallback: "The chart could not be attached. The numbers: the climate plan: week 48: 12"}
	if _, err := r.a.Send(context.Background(), target, bot.Reply{Text: "What people are saying",
		Attachments: []bot.Attachment{att}}); err != nil {
		t.Fatal(err)
	}
	posts := r.api.calls("/channels/c1/messages")
	if len(posts) != 3 || !strings.Contains(posts[2].Raw, "week 48: 12") {
		t.Fatalf("%d posts, want text, refused chart, fallback numbers: %v", len(posts), posts)
	}
}

// TestDigestWithChart: a staff digest through the real scheduler, in both
// languages: the digest, what residents said (within 2,000 characters a
// message), then the chart as an attachment with the numbers as its
// description.
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
			r, _ := sendRig(t)
			to := bot.Target{Platform: bot.PlatformDiscord, Workspace: "g1", Channel: "staff"}
			s := apptest.InsightDigest(t, r.a, to, tt.lang)
			if n, err := s.DigestNow(context.Background(), to); err != nil || n != 2 {
				t.Fatalf("DigestNow: %d parts, %v; want the digest and what residents said", n, err)
			}
			posts := r.api.calls("/channels/staff/messages")
			var text, alt string
			var files int
			for _, p := range posts {
				if strings.Contains(p.Raw, "payload_json") {
					files++
					alt = parts(t, p.Raw)["payload_json"]
					continue
				}
				content, _ := p.Body["content"].(string)
				if len([]rune(content)) > maxContent {
					t.Errorf("a message of %d characters", len([]rune(content)))
				}
				text += content + "\n"
			}
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("no %q in %s", w, text)
				}
			}
			if files != 1 || !strings.Contains(alt, tt.alt) {
				t.Errorf("%d files, payload %s; want one chart described with %q", files, alt, tt.alt)
			}
		})
	}
}
