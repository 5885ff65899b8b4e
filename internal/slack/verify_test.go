package slack

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The two official vectors from the fixtures README.
var officialVectors = []struct {
	file, secret, sig string
	ts                int64
}{
	{"slash_command_form_body.txt", "8f742231b10e8888abcd99yyyzzz85a5",
		"v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", 1531420618},
	{"events_api_app_mention_signed_body.json", "e6b19c573432dcc6b075501d51b51bb8",
		"v0=adada4ed31709aef585c2580ca3267678c6a8eaeb7e0c1aca3ee57b656886b2c", 1531431954},
}

func TestVerifyOfficialVectors(t *testing.T) {
	for _, v := range officialVectors {
		body := fixture(t, v.file)
		hdr := http.Header{}
		hdr.Set("X-Slack-Request-Timestamp", itoa(v.ts))
		hdr.Set("X-Slack-Signature", v.sig)
		at := time.Unix(v.ts, 0)
		tests := []struct {
			name   string
			now    time.Time
			secret string
			body   []byte
			want   error
		}{
			{"valid", at, v.secret, body, nil},
			{"4m59s later", at.Add(4*time.Minute + 59*time.Second), v.secret, body, nil},
			{"clock behind 4m", at.Add(-4 * time.Minute), v.secret, body, nil},
			{"6 min later", at.Add(6 * time.Minute), v.secret, body, errStale},
			{"clock behind 6 min", at.Add(-6 * time.Minute), v.secret, body, errStale},
			{"real clock (2018 timestamp)", time.Now(), v.secret, body, errStale},
			{"wrong secret", at, v.secret + "x", body, errSignature},
			{"changed body", at, v.secret, append(append([]byte(nil), body...), ' '), errSignature},
			{"no secret configured", at, "", body, errSignature},
		}
		for _, tt := range tests {
			t.Run(v.file+"/"+tt.name, func(t *testing.T) {
				if err := verifyRequest(tt.secret, tt.now, hdr, tt.body); !errors.Is(err, tt.want) {
					t.Fatalf("got %v, want %v", err, tt.want)
				}
			})
		}
	}
}

func TestVerifyBadHeaders(t *testing.T) {
	body := []byte("x=1")
	now := time.Unix(1700000000, 0)
	good := signedHeaders(testSecret, now, body)
	tests := []struct {
		name string
		edit func(http.Header)
	}{
		{"no timestamp", func(h http.Header) { h.Del("X-Slack-Request-Timestamp") }},
		{"timestamp not a number", func(h http.Header) { h.Set("X-Slack-Request-Timestamp", "12a") }},
		{"no signature", func(h http.Header) { h.Del("X-Slack-Signature") }},
		{"other version", func(h http.Header) {
			h.Set("X-Slack-Signature", strings.Replace(h.Get("X-Slack-Signature"), "v0=", "v1=", 1))
		}},
		{"not hex", func(h http.Header) { h.Set("X-Slack-Signature", "v0=zz") }},
		{"truncated", func(h http.Header) { h.Set("X-Slack-Signature", h.Get("X-Slack-Signature")[:20]) }},
		{"timestamp changed", func(h http.Header) { h.Set("X-Slack-Request-Timestamp", "1700000001") }},
	}
	if err := verifyRequest(testSecret, now, good, body); err != nil {
		t.Fatalf("good headers rejected: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := good.Clone()
			tt.edit(h)
			if err := verifyRequest(testSecret, now, h, body); !errors.Is(err, errSignature) {
				t.Fatalf("got %v, want errSignature", err)
			}
		})
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
