package redact

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"
	"testing"
)

// Made-up secrets in the shapes the platforms use.
const (
	interactionToken = "aW50ZXJhY3Rpb246MTE4MjQ5ODQ5NzY0MTYyNTYwMDpQcmNUb3JQbWVJRXdpRjBQTjVhR3JQQ0ZwQ2Z6RkJ3SWtXS0hGNTFl"
	discordBotToken  = "MTE4MjQ5ODQ5NzY0MTYyNTYwMA.GhT5xk.abcdefghijklmnopqrstuvwxyz0123456789AB"
	slackBotToken    = "xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"
	slackAppToken    = "xapp-1-A01234567-1234567890123-abcdef0123456789abcdef"
	responseURLPath  = "T0001ABCD/123456789012/aBcDeFgHiJkLmNoPqRsTuVwX"
	mongoPassword    = "s3cr3t-P4ss%2Fword"
	signingSecret    = "8f742231b10e8888abcd99yyyzzz85a5"
	hashKey          = "a-long-author-hash-key-of-32-characters!"
)

func TestShapes(t *testing.T) {
	tests := []struct{ in, secret string }{
		{`Patch "https://discord.com/api/v9/webhooks/1182498497641625600/` + interactionToken + `/messages/@original": dial tcp: connection refused`, interactionToken},
		{`Post "http://127.0.0.1:4100/api/v9/interactions/1182498497641625601/` + interactionToken + `/callback": EOF`, interactionToken},
		{`Post "https://discord.com/api/v9/webhooks/1182498497641625600/` + interactionToken + `?wait=true": timeout`, interactionToken},
		{`Post "https://hooks.slack.com/commands/` + responseURLPath + `": 404`, "aBcDeFgHiJkLmNoPqRsTuVwX"},
		{`Post "https://hooks.slack.com/actions/` + responseURLPath + `": 500`, "aBcDeFgHiJkLmNoPqRsTuVwX"},
		{"token " + slackBotToken + " rejected", slackBotToken},
		{"interaction token " + interactionToken + " expired", interactionToken},
		{"app token=" + slackAppToken, slackAppToken},
		{"Authorization: Bot " + discordBotToken, discordBotToken},
		{"bad token " + discordBotToken + ".", discordBotToken},
		{"server selection error: mongodb://bot:" + mongoPassword + "@db1:27017/?replicaSet=rs0", mongoPassword},
		{"mongodb+srv://bot:" + mongoPassword + "@cluster0.example.net/x", mongoPassword},
		{"dial wss://wss-primary.slack.com/link/?ticket=8a1c2b3d-4e5f-6789-abcd-ef0123456789&app_id=A0", "8a1c2b3d-4e5f-6789-abcd-ef0123456789"},
	}
	for _, tt := range tests {
		got := Shapes(tt.in)
		if strings.Contains(got, tt.secret) || !strings.Contains(got, Mask) {
			t.Errorf("Shapes(%q) = %q: secret left", tt.in, got)
		}
	}
	for _, keep := range []string{
		"discord edit response failed", "HTTP 404 Not Found, {\"message\": \"Unknown Webhook\", \"code\": 10015}",
		"https://discord.com/api/v9/channels/1182498497641625600/messages", "plan klima-og-miljo, ref INN-7K3QF9",
		"mongodb://db1:27017/?replicaSet=rs0", "version 1.2.3-beta.4", "saksnummer 20/11429",
		"http://127.0.0.1:4100/api/v9/channels/1/messages/@original",
	} {
		if got := Shapes(keep); got != keep {
			t.Errorf("Shapes(%q) = %q, want it unchanged", keep, got)
		}
	}
}

func TestRedactorKnownSecrets(t *testing.T) {
	r := New(signingSecret, hashKey, "mongodb://bot:"+mongoPassword+"@db1:27017", "", "short")
	in := fmt.Sprintf("secret %s key %s pw %s short stays", signingSecret, hashKey, mongoPassword)
	got := r.String(in)
	for _, s := range []string{signingSecret, hashKey, mongoPassword} {
		if strings.Contains(got, s) {
			t.Errorf("String(%q) = %q: %q left", in, got, s)
		}
	}
	if !strings.Contains(got, "short stays") {
		t.Errorf("a value under %d characters was masked: %q", minSecret, got)
	}
	r.Add("generated-key-0123456789")
	if got := r.String("k=generated-key-0123456789"); strings.Contains(got, "generated") {
		t.Errorf("added secret left: %q", got)
	}
	var zero *Redactor
	if got := zero.String("x " + slackBotToken); strings.Contains(got, slackBotToken) {
		t.Errorf("nil Redactor left a shape: %q", got)
	}
}

func TestError(t *testing.T) {
	base := fmt.Errorf("post: %w", fs.ErrNotExist)
	err := fmt.Errorf(`Post "https://x/webhooks/1/%s": %w`, interactionToken, base)
	got := Error(err)
	if strings.Contains(got.Error(), interactionToken) {
		t.Errorf("Error() = %q: token left", got)
	}
	if !errors.Is(got, fs.ErrNotExist) {
		t.Error("errors.Is no longer sees the wrapped error")
	}
	if got := Error(err, "https://x/webhooks/1/"+interactionToken); strings.Contains(got.Error(), interactionToken) {
		t.Errorf("explicit secret left: %q", got)
	}
	r := New(hashKey)
	if got := r.Error(fmt.Errorf("key %s: %w", hashKey, fs.ErrNotExist)); strings.Contains(got.Error(), hashKey) || !errors.Is(got, fs.ErrNotExist) {
		t.Errorf("Redactor.Error = %q: key left or chain lost", got)
	}
	plain := errors.New("nothing secret here at all")
	if r.Error(plain) != plain || r.Error(nil) != nil {
		t.Error("Redactor.Error changed an error with nothing to mask")
	}
	if Error(plain) != plain || Error(nil) != nil {
		t.Error("Error changed an error with nothing to mask")
	}
}

type stringer struct{ s string }

func (s stringer) String() string { return s.s }

type valuer struct{ s string }

func (v valuer) LogValue() slog.Value { return slog.StringValue(v.s) }

func TestHandler(t *testing.T) {
	for _, format := range []string{"json", "text"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			var h slog.Handler = slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})
			if format == "text" {
				h = slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})
			}
			log := slog.New(New(signingSecret, hashKey).Handler(h))
			log = log.With("secret", signingSecret).WithGroup("g").With("k", hashKey)
			ctx := context.Background()
			log.Error("edit failed for webhooks/1/"+interactionToken, "err",
				fmt.Errorf(`Patch "https://discord.com/api/v9/webhooks/1/%s/messages/@original": EOF`, interactionToken))
			log.Debug("call", "url", "https://hooks.slack.com/commands/"+responseURLPath,
				"body", []byte("token="+slackBotToken), "s", stringer{discordBotToken}, "v", valuer{slackAppToken},
				slog.Group("inner", "k", hashKey, "n", 3))
			log.Log(ctx, slog.LevelWarn, "plain", "n", 42, "ok", true)
			out := buf.String()
			for _, s := range []string{interactionToken, signingSecret, hashKey, "aBcDeFgHiJkLmNoPqRsTuVwX",
				slackBotToken, discordBotToken, slackAppToken} {
				if strings.Contains(out, s) {
					t.Errorf("log holds %q:\n%s", s, out)
				}
			}
			if !strings.Contains(out, "42") || !strings.Contains(out, "plain") || strings.Count(out, "\n") != 3 {
				t.Errorf("log lost lines or values:\n%s", out)
			}
		})
	}
}

func BenchmarkHandler(b *testing.B) {
	log := slog.New(New(signingSecret, hashKey, slackBotToken).Handler(slog.NewJSONHandler(discard{}, nil)))
	err := errors.New("discord: post message: Internal Server Error: HTTP 500 Internal Server Error, {}")
	b.ReportAllocs()
	for b.Loop() {
		log.Error("discord send failed", "platform", "discord", "plan", "klima", "event", "1182498497641625600", "err", err)
	}
}

func BenchmarkHandlerPlain(b *testing.B) {
	log := slog.New(slog.NewJSONHandler(discard{}, nil))
	err := errors.New("discord: post message: Internal Server Error: HTTP 500 Internal Server Error, {}")
	b.ReportAllocs()
	for b.Loop() {
		log.Error("discord send failed", "platform", "discord", "plan", "klima", "event", "1182498497641625600", "err", err)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
