package discord

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
)

// fixture loads a testdata JSON payload as a map.
func fixture(t testing.TB, name string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

// ids hands out unique interaction ids.
var idSeq atomic.Int64

func nextID() string { return fmt.Sprint(900000000000000000 + idSeq.Add(1)) }

// ixCommand is a /temaplan <sub> interaction (from the docs' example
// interaction) with the given string options and client locale.
func ixCommand(t testing.TB, locale, sub string, opts ...string) map[string]any {
	m := fixture(t, "interaction_application_command.json")
	var o []any
	for i := 0; i+1 < len(opts); i += 2 {
		o = append(o, map[string]any{"type": 3, "name": opts[i], "value": opts[i+1]})
	}
	id := nextID()
	m["id"], m["token"], m["locale"], m["application_id"] = id, "tok-"+id, locale, "app1"
	m["data"] = map[string]any{"type": 1, "name": "temaplan", "id": "771825006014889984",
		"options": []any{map[string]any{"type": 1, "name": sub, "options": o}}}
	return m
}

// ixAutocomplete is an autocomplete interaction for sub's focused option.
func ixAutocomplete(t testing.TB, locale, sub, opt, value string) map[string]any {
	m := fixture(t, "interaction_application_command_autocomplete.json")
	id := nextID()
	m["id"], m["token"], m["locale"] = id, "tok-"+id, locale
	m["member"] = fixture(t, "interaction_application_command.json")["member"]
	m["data"] = map[string]any{"type": 1, "name": "temaplan", "id": "771825006014889984",
		"options": []any{map[string]any{"type": 1, "name": sub, "options": []any{
			map[string]any{"type": 3, "name": opt, "value": value, "focused": true}}}}}
	return m
}

// ixButton is a button press on an ephemeral message (the docs' sample
// component interaction), by the same member as ixCommand.
func ixButton(t testing.TB, locale, customID string) map[string]any {
	m := fixture(t, "interaction_message_component.json")
	id := nextID()
	m["id"], m["token"], m["locale"] = id, "tok-"+id, locale
	m["member"] = fixture(t, "interaction_application_command.json")["member"]
	m["channel_id"] = "645027906669510667"
	m["message"].(map[string]any)["flags"] = 64
	m["data"] = map[string]any{"custom_id": customID, "component_type": 2}
	return m
}

// ixModal is a modal submission (legacy Action Row -> Text Input shape).
func ixModal(t testing.TB, locale, customID string, fields ...string) map[string]any {
	m := fixture(t, "interaction_modal_submit.json")
	id := nextID()
	m["id"], m["token"], m["locale"] = id, "tok-"+id, locale
	m["member"] = fixture(t, "interaction_application_command.json")["member"]
	m["channel_id"] = "645027906669510667"
	var rows []any
	for i := 0; i+1 < len(fields); i += 2 {
		rows = append(rows, map[string]any{"type": 1, "components": []any{
			map[string]any{"type": 4, "custom_id": fields[i], "value": fields[i+1]}}})
	}
	m["data"] = map[string]any{"custom_id": customID, "components": rows}
	return m
}

// endpoint is the adapter's interactions handler on a real listener.
type endpoint struct {
	srv *httptest.Server
	r   *rig
}

func newEndpoint(t *testing.T, r *rig) *endpoint {
	mux := http.NewServeMux()
	mux.Handle("POST /discord/interactions", r.a.InteractionsHandler())
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return &endpoint{srv: srv, r: r}
}

// response is a decoded answer of the endpoint.
type response struct {
	Status int
	Type   int            `json:"type"`
	Data   map[string]any `json:"data"`
	Raw    string
}

func (e *endpoint) postRaw(t testing.TB, body []byte, sig, ts string) response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/discord/interactions", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if sig != "" {
		req.Header.Set("X-Signature-Ed25519", sig)
	}
	if ts != "" {
		req.Header.Set("X-Signature-Timestamp", ts)
	}
	res, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := response{Status: res.StatusCode, Raw: string(raw)}
	if res.StatusCode == http.StatusOK {
		if err := json.Unmarshal(raw, &out); err != nil {
			t.Fatalf("response %q: %v", raw, err)
		}
	}
	return out
}

// post signs m with the rig's key and the current time and posts it.
func (e *endpoint) post(t testing.TB, m map[string]any) response {
	t.Helper()
	body, _ := json.Marshal(m)
	sig, ts := e.r.keys.sign(time.Now(), body)
	return e.postRaw(t, body, sig, ts)
}

// content returns the response's message content.
func (r response) content() string {
	s, _ := r.Data["content"].(string)
	return s
}

func (r response) flags() int {
	f, _ := r.Data["flags"].(float64)
	return int(f)
}

// customIDs lists the custom ids of the buttons (or text inputs) in the response.
func customIDs(comps any) []string {
	var out []string
	rows, _ := comps.([]any)
	for _, row := range rows {
		inner, _ := row.(map[string]any)["components"].([]any)
		for _, c := range inner {
			if id, ok := c.(map[string]any)["custom_id"].(string); ok {
				out = append(out, id)
			}
		}
	}
	return out
}

// mustJSON round-trips v through JSON into generic values.
func mustJSON(t testing.TB, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}
