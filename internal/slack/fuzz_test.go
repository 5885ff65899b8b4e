package slack

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Fuzz targets for every parser of what Slack (or anyone) sends. Run briefly
// in CI as normal tests (seed corpus only); longer by hand, e.g.
//
//	go test -run '^$' -fuzz FuzzEventsBody -fuzztime 1m ./internal/slack/

func FuzzEventsBody(f *testing.F) {
	for _, name := range []string{"events_api_app_mention_signed_body.json", "events_api_message_im.json",
		"events_api_url_verification.json"} {
		f.Add(mustRead("testdata/" + name))
	}
	f.Add([]byte(`{"type":"event_callback","event_id":"E1","event":{"type":"app_home_opened","user":"U1","tab":"home"}}`))
	f.Add([]byte(`{"type":"event_callback","event_id":"E1","event":"x"}`))
	a := fuzzAdapter(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		env, err := parseEnvelope(body)
		if err != nil {
			return
		}
		if env.Type == "event_callback" {
			var ev innerEvent
			if jsonOK(env.Event, &ev) {
				_, _ = a.eventOf(env, ev) // must not panic; the event itself is not stored
			}
		}
	})
}

func FuzzCommandBody(f *testing.F) {
	f.Add(mustRead("testdata/slash_command_form_body.txt"))
	f.Add([]byte("user_id=U1&channel_id=C1&command=%2Ftemaplan&text=innspill+klima+%3C%40U2%3E+hei"))
	f.Add([]byte("%zz=1&user_id"))
	f.Fuzz(func(t *testing.T, body []byte) {
		cmd, err := parseCommand(body)
		if err != nil {
			return
		}
		if cmd.UserID == "" || cmd.ChannelID == "" || cmd.Command == "" {
			t.Fatalf("accepted a command without user, channel or name: %+v", cmd)
		}
	})
}

func FuzzInteractionBody(f *testing.F) {
	for _, name := range []string{"block_actions.json", "view_submission.json"} {
		f.Add([]byte("payload=" + urlQueryEscape(string(mustRead("testdata/"+name)))))
	}
	f.Add([]byte(`payload={"type":"view_submission","user":{"id":"U1"},"view":{"callback_id":"temaplan_input","state":{"values":{"plan":null}}}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		cb, err := parseInteraction(body)
		if err != nil {
			return
		}
		_ = shownBlocks(cb.View)
		_ = decodeMeta(cb.View.PrivateMetadata)
		if len(cb.ActionCallback.BlockActions) > 0 {
			_ = actionOf(cb.ActionCallback.BlockActions[0].ActionID)
		}
	})
}

func FuzzPlainText(f *testing.F) {
	for _, s := range []string{"<@U1> hei", "<https://a.no|a.no> &amp;", "<#C1|x>", "<<>>", "&lt;&gt;", "<mailto:a@b|a@b>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := plainText(s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("plainText(%q) = %q is not valid UTF-8", s, out)
		}
		e := escapeClip(out, 100)
		if utf8.RuneCountInString(e) > 100 || strings.ContainsAny(e, "<>") {
			t.Fatalf("escapeClip(%q) = %q", out, e)
		}
	})
}

func FuzzVerify(f *testing.F) {
	f.Add("1531420618", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", []byte("x"))
	f.Add("", "", []byte{})
	f.Add("-99999999999999999999", "v0=", []byte("y"))
	now := time.Unix(1531420618, 0)
	f.Fuzz(func(t *testing.T, ts, sig string, body []byte) {
		h := http.Header{}
		h.Set("X-Slack-Request-Timestamp", ts)
		h.Set("X-Slack-Signature", sig)
		if verifyRequest(testSecret, now, h, body) == nil {
			// accepted: the signature must really be ours
			want := signedHeaders(testSecret, mustUnix(t, ts), body).Get("X-Slack-Signature")
			if !strings.EqualFold(sig, want) {
				t.Fatalf("accepted %q for %q", sig, want)
			}
		}
	})
}

func fuzzAdapter(f *testing.F) *Adapter {
	a, err := New(Config{BotToken: "xoxb-x", Responder: &fakeEngine{stored: map[string]string{}}, Inbox: testInbox(f)})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { a.Shutdown(context.Background()) })
	return a
}
