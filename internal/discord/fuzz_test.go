package discord

import (
	"bytes"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/bottest"
)

// seeds are the interaction fixtures plus a few odd shapes.
func seeds(f *testing.F) [][]byte {
	var out [][]byte
	for _, name := range []string{"interaction_ping.json", "interaction_application_command.json",
		"interaction_application_command_autocomplete.json", "interaction_message_component.json",
		"interaction_modal_submit.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	return append(out, []byte(`{"type":2,"id":"1","token":"t","user":{"id":"u"},"data":{"name":"temaplan","options":[{"type":1,"name":"input","options":[{"type":3,"name":"plan","value":7}]}]}}`),
		[]byte(`{"type":5,"id":"1","token":"t","user":{"id":"u"},"data":{"custom_id":"submit_form:","components":[{"type":18,"component":{"type":4,"custom_id":"text","value":"hei"}}]}}`),
		[]byte(`{"type":3,"id":"1","token":"t","user":{"id":"u"},"message":{"flags":64},"data":{"custom_id":"discord_modal:klima"}}`),
		[]byte(`null`), []byte(`{"type":4}`))
}

// FuzzInteraction feeds arbitrary bodies, correctly signed, through the
// whole handler: it must never panic and must answer 200, 400 or 409.
func FuzzInteraction(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	k := newKeys(f)
	resp := fakeResponder(f, func(m bot.Message) []bot.Reply {
		return []bot.Reply{{Text: "svar", Form: &bot.Form{Plan: m.Text}, FieldErrors: map[string]string{"text": "x"},
			Choices: []bot.Choice{{Label: "a", Action: bot.ActPlanInfo, Value: m.Text}}}}
	})
	a, err := New(Config{PublicKey: hex.EncodeToString(k.pub), AppID: "app1", Responder: resp,
		HTTPClient: &http.Client{Transport: refuse{}}, Inbox: testInbox(f, bottest.NewMemInbox())})
	if err != nil {
		f.Fatal(err)
	}
	a.retryIn = time.Microsecond
	h := a.InteractionsHandler()
	f.Fuzz(func(t *testing.T, body []byte) {
		if in, err := parseInteraction(body); err == nil {
			_, opts := in.command.subcommand()
			commandText("input", opts)
			in.modal.fields()
			in.ephemeralMessage()
		}
		sig, ts := k.sign(time.Now(), body)
		req := httptest.NewRequest(http.MethodPost, "/discord/interactions", bytes.NewReader(body))
		req.Header.Set("X-Signature-Ed25519", sig)
		req.Header.Set("X-Signature-Timestamp", ts)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch rec.Code {
		case 200, 400, 409, 413:
		default:
			t.Fatalf("status %d for a signed body", rec.Code)
		}
	})
}

// FuzzVerify checks that no signature the fuzzer makes up is accepted.
func FuzzVerify(f *testing.F) {
	k := newKeys(f)
	now := time.Now()
	for _, s := range seeds(f) {
		sig, ts := k.sign(now, s)
		raw, _ := hex.DecodeString(sig)
		f.Add(s, raw, ts)
		raw[0] ^= 1
		f.Add(s, raw, ts)
	}
	f.Fuzz(func(t *testing.T, body, sig []byte, ts string) {
		if err := verifySignature(k.pub, hex.EncodeToString(sig), ts, body, now); err == nil {
			want, wantTS := k.sign(now, body)
			if hex.EncodeToString(sig) != want || ts != wantTS {
				t.Fatalf("accepted a signature the key did not make")
			}
			// Only the seed's own (untouched) signature may pass.
		}
	})
}

// refuse fails every REST call (the fuzz target must not reach the network).
type refuse struct{}

func (refuse) RoundTrip(*http.Request) (*http.Response, error) { return nil, errRefused }

var errRefused = &netError{}

type netError struct{}

func (*netError) Error() string { return "refused in tests" }
