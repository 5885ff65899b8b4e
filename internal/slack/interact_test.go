package slack

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

const formCT = "application/x-www-form-urlencoded"

func TestSlashCommandHelpEphemeralInResponse(t *testing.T) {
	h := newHarness(t)
	h.api.setLocale("U1", "en-US")
	r := h.signed("/slack/commands", formCT, commandBody("help", "U1", "C1"))
	if r.code != 200 {
		t.Fatalf("status %d", r.code)
	}
	var msg map[string]any
	if err := json.Unmarshal([]byte(r.body), &msg); err != nil {
		t.Fatalf("body %q: %v", r.body, err)
	}
	if msg["response_type"] != "ephemeral" || msg["text"] != "Answer: hjelp &lt;&amp;&gt; *fet*" {
		t.Errorf("response %v", msg)
	}
	if !strings.Contains(r.body, `"blocks":[{"type":"section"`) {
		t.Errorf("no section block: %s", r.body)
	}
	m := h.eng.messages()[0]
	if !m.Command || m.Text != "help" || m.Channel != "C1" || m.EventID == "" || m.Locale != "en-US" {
		t.Errorf("engine got %+v", m)
	}
	if r.took > 3*time.Second {
		t.Errorf("answered after %v", r.took)
	}
}

func TestSlowSlashCommandAnsweredThroughResponseURL(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	body := commandBody("slow question", "U1", "C1")
	v, _ := url.ParseQuery(string(body))
	v.Set("response_url", h.api.srv.URL+"/response/T1/1/abc")
	r := h.signed("/slack/commands", formCT, []byte(v.Encode()))
	if r.code != 200 || r.body != "" {
		t.Fatalf("ack %d %q, want an empty 200", r.code, r.body)
	}
	if r.took > 2500*time.Millisecond {
		t.Errorf("ack took %v", r.took)
	}
	got := h.api.waitCalls("response_url", 1, 5*time.Second)[0]
	if got.get("response_type") != "ephemeral" || !strings.Contains(got.get("text"), "slow question") {
		t.Errorf("response_url got %v", got.JSON)
	}
}

// openedView returns the view JSON of the n-th successful views.open call.
func (h *harness) openedView(n int) (trigger string, view map[string]any) {
	h.t.Helper()
	c := h.api.waitCalls("views.open", n+1, 3*time.Second)[n]
	v, _ := c.JSON["view"].(map[string]any)
	return c.get("trigger_id"), v
}

// submission builds a view_submission payload (from the official example)
// for view with the given plan and text and posts it.
func (h *harness) submit(view map[string]any, id, hash, plan, text string) response {
	h.t.Helper()
	var cb map[string]any
	if err := json.Unmarshal(fixture(h.t, "view_submission.json"), &cb); err != nil {
		h.t.Fatal(err)
	}
	cb["user"].(map[string]any)["id"] = "U1"
	view["id"], view["hash"] = id, hash
	values := map[string]any{
		blockText: map[string]any{blockText: map[string]any{"type": "plain_text_input", "value": text}},
	}
	var selected any // Slack sends null when nothing is selected
	if plan != "" {
		selected = map[string]any{"value": plan}
	}
	values[blockPlan] = map[string]any{blockPlan: map[string]any{"type": "static_select", "selected_option": selected}}
	view["state"] = map[string]any{"values": values}
	cb["view"] = view
	payload, _ := json.Marshal(cb)
	return h.signed("/slack/interactions", formCT, []byte(url.Values{"payload": {string(payload)}}.Encode()))
}

func TestModalOpenSubmitStoredAndReceipt(t *testing.T) {
	h := newHarness(t)
	r := h.signed("/slack/commands", formCT, commandBody("innspill", "U1", "C1"))
	if r.code != 200 {
		t.Fatal(r.code)
	}
	trigger, view := h.openedView(0)
	if !strings.HasPrefix(trigger, "trig-") {
		t.Errorf("views.open with trigger %q", trigger)
	}
	raw, _ := json.Marshal(view)
	for _, want := range []string{`"callback_id":"temaplan_input"`, `"type":"static_select"`, `"action_id":"plan"`,
		`"type":"plain_text_input"`, `"multiline":true`, `"max_length":2000`, "Innspill kan bli offentlige.",
		`"private_metadata":"{\"c\":\"C1\"}"`} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("modal lacks %s: %s", want, raw)
		}
	}
	// the privacy notice that came with the form is the ephemeral response
	if !strings.Contains(r.body, "Personvern") || !strings.Contains(r.body, `"response_type":"ephemeral"`) {
		t.Errorf("response %q", r.body)
	}

	// empty text: errors shown in the modal, nothing stored
	r = h.submit(view, "V1", "h1", "klima", "  ")
	if r.code != 200 || r.body != `{"response_action":"errors","errors":{"text":"Skriv et innspill."}}` {
		t.Fatalf("got %d %s", r.code, r.body)
	}
	// no plan chosen
	r = h.submit(view, "V1", "h2", "", "Flere ladestasjoner")
	if !strings.Contains(r.body, `"plan":"Velg en plan."`) {
		t.Fatalf("got %s", r.body)
	}
	if h.eng.storedCount() != 0 {
		t.Fatal("stored despite errors")
	}
	// valid: the modal closes, the input is stored, the receipt goes to the channel
	r = h.submit(view, "V1", "h3", "klima", "Flere ladestasjoner")
	if r.code != 200 || r.body != "" {
		t.Fatalf("got %d %q, want an empty 200 (closes the modal)", r.code, r.body)
	}
	receipt := h.api.waitCalls("chat.postEphemeral", 1, 3*time.Second)[0]
	if receipt.get("channel") != "C1" || receipt.get("user") != "U1" || !strings.Contains(receipt.get("text"), "INN-000001") {
		t.Errorf("receipt %v", receipt.Form)
	}
	last := h.eng.messages()[len(h.eng.messages())-1]
	if last.Action.ID != bot.ActSubmitForm || last.Action.Fields[bot.FieldPlan] != "klima" ||
		last.Action.Fields[bot.FieldText] != "Flere ladestasjoner" || last.Channel != "C1" || !strings.HasPrefix(last.EventID, "view:V1:h3:") {
		t.Errorf("engine got %+v %+v", last, last.Action)
	}
	if h.eng.storedCount() != 1 {
		t.Errorf("stored %d", h.eng.storedCount())
	}
}

func TestGiveInputButtonOpensModal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, value string
		loading     bool
	}{
		{"fast engine", "klima", false},
		{"slow engine: loading modal first, filled later", "slow", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.eng.delay = 1500 * time.Millisecond
			var cb map[string]any
			json.Unmarshal(fixture(t, "block_actions.json"), &cb)
			act := cb["actions"].([]any)[0].(map[string]any)
			act["action_id"], act["value"] = actionID(bot.ActOpenForm, 0), tt.value
			payload, _ := json.Marshal(cb)
			r := h.signed("/slack/interactions", formCT, []byte(url.Values{"payload": {string(payload)}}.Encode()))
			if r.code != 200 || r.took > 2*time.Second {
				t.Fatalf("ack %d after %v", r.code, r.took)
			}
			_, view := h.openedView(0)
			if !tt.loading {
				raw, _ := json.Marshal(view)
				if !strings.Contains(string(raw), `"initial_option":{"text":{"emoji":false,"text":"Klimaplan","type":"plain_text"},"value":"klima"}`) {
					t.Errorf("plan not preselected: %s", raw)
				}
				return
			}
			if view["callback_id"] != callbackLoading {
				t.Fatalf("first view %v, want the loading modal", view["callback_id"])
			}
			upd := h.api.waitCalls("views.update", 1, 5*time.Second)[0]
			if upd.get("view_id") == "" || upd.get("hash") == "" || !strings.Contains(upd.get("view"), callbackForm) {
				t.Errorf("views.update %v", upd.JSON)
			}
			m := h.eng.messages()[0]
			if m.Action.ID != bot.ActOpenForm || m.Channel != "CBR2V3XEX" || m.User != "UA8RXUSPL" {
				t.Errorf("engine got %+v", m)
			}
		})
	}
}

func TestOtherButtonAnsweredInChannel(t *testing.T) {
	h := newHarness(t)
	var cb map[string]any
	json.Unmarshal(fixture(t, "block_actions.json"), &cb)
	act := cb["actions"].([]any)[0].(map[string]any)
	act["action_id"], act["value"] = actionID(bot.ActPlanInfo, 3), "kultur"
	payload, _ := json.Marshal(cb)
	if r := h.signed("/slack/interactions", formCT, []byte(url.Values{"payload": {string(payload)}}.Encode())); r.code != 200 {
		t.Fatal(r.code)
	}
	post := h.api.waitCalls("chat.postMessage", 1, 3*time.Second)[0]
	if post.get("channel") != "CBR2V3XEX" || !strings.Contains(post.get("text"), "plan_info kultur") {
		t.Errorf("posted %v", post.Form)
	}
}

func TestAppHomePublishesOverviewInLanguage(t *testing.T) {
	h := newHarness(t)
	h.api.setLocale("U9", "en-GB")
	body := []byte(`{"type":"event_callback","team_id":"T1","event_id":"EvHome","event":{"type":"app_home_opened","user":"U9","channel":"D9","tab":"home","event_ts":"1.1"}}`)
	if r := h.event(body); r.code != 200 {
		t.Fatal(r.code)
	}
	pub := h.api.waitCalls("views.publish", 1, 3*time.Second)[0]
	if pub.get("user_id") != "U9" || !strings.Contains(pub.get("view"), "Asker's theme plans") ||
		!strings.Contains(pub.get("view"), `"type":"home"`) {
		t.Errorf("views.publish %v", pub.JSON)
	}
}
