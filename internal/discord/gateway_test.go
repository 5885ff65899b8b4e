package discord

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/askerkommune/temaplanbot/bot"
)

// botUserID is the bot's user id in the captured READY fixture.
const botUserID = "1030118727418646629"

// fakeGateway is a local Discord gateway: every websocket connection is
// handed to the test, which plays Discord's side of the protocol.
type fakeGateway struct {
	srv   *httptest.Server
	conns chan *gwConn
}

// gwConn is one client connection; frames the client sends arrive on in.
type gwConn struct {
	ws  *websocket.Conn
	in  chan map[string]any
	seq int
}

func newFakeGateway(t *testing.T) *fakeGateway {
	g := &fakeGateway{conns: make(chan *gwConn, 4)}
	up := websocket.Upgrader{}
	g.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		c := &gwConn{ws: ws, in: make(chan map[string]any, 32)}
		t.Cleanup(func() { ws.Close() })
		go func() {
			defer close(c.in)
			for {
				var m map[string]any
				if err := ws.ReadJSON(&m); err != nil {
					return
				}
				c.in <- m
			}
		}()
		g.conns <- c
	}))
	t.Cleanup(g.srv.Close)
	return g
}

func (g *fakeGateway) url() string { return "ws" + strings.TrimPrefix(g.srv.URL, "http") }

// accept waits for the next connection.
func (g *fakeGateway) accept(t *testing.T) *gwConn {
	t.Helper()
	select {
	case c := <-g.conns:
		return c
	case <-time.After(5 * time.Second):
		t.Fatal("the bot did not connect to the gateway")
		return nil
	}
}

// noConnection fails when the bot connects within d.
func (g *fakeGateway) noConnection(t *testing.T, d time.Duration) {
	t.Helper()
	select {
	case c := <-g.conns:
		c.ws.Close()
		t.Fatal("the bot reconnected")
	case <-time.After(d):
	}
}

func (c *gwConn) send(t *testing.T, v any) {
	t.Helper()
	if err := c.ws.WriteJSON(v); err != nil {
		t.Fatal(err)
	}
}

func (c *gwConn) sendFixture(t *testing.T, name string) { c.send(t, fixture(t, name)) }

// dispatch sends an op 0 event with the next sequence number.
func (c *gwConn) dispatch(t *testing.T, typ string, d any) {
	c.seq++
	c.send(t, map[string]any{"op": 0, "t": typ, "s": c.seq, "d": d})
}

// expect returns the next frame with op, skipping heartbeats.
func (c *gwConn) expect(t *testing.T, op int) map[string]any {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case m, ok := <-c.in:
			if !ok {
				t.Fatalf("connection closed while waiting for op %d", op)
			}
			if int(m["op"].(float64)) == op {
				return m
			}
		case <-timeout:
			t.Fatalf("no op %d from the bot", op)
		}
	}
}

// closeWith sends a close frame with code.
func (c *gwConn) closeWith(code int) {
	_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, "test"), time.Now().Add(time.Second))
	time.AfterFunc(200*time.Millisecond, func() { c.ws.Close() })
}

// gatewayRig starts RunGateway against a fake gateway.
type gatewayRig struct {
	*rig
	gw   *fakeGateway
	errc chan error
	stop context.CancelFunc
}

func startGateway(t *testing.T, o rigOptions) *gatewayRig {
	r := newRig(t, o)
	g := &gatewayRig{rig: r, gw: newFakeGateway(t), errc: make(chan error, 1)}
	r.api.wsURL = g.gw.url() // handed out by the fake GET /gateway
	ctx, cancel := context.WithCancel(context.Background())
	g.stop = cancel
	go func() { g.errc <- r.a.RunGateway(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-g.errc:
		case <-time.After(5 * time.Second):
			t.Error("RunGateway did not return after cancel")
		}
	})
	return g
}

// handshake plays HELLO -> IDENTIFY -> READY and waits until Ready.
func (g *gatewayRig) handshake(t *testing.T, c *gwConn) map[string]any {
	t.Helper()
	c.sendFixture(t, "gateway_hello_captured.json")
	id := c.expect(t, 2)
	ready := fixture(t, "gateway_ready_captured.json")
	c.seq = 1
	c.send(t, ready)
	g.waitReady(t, true)
	return id
}

func (g *gatewayRig) waitReady(t *testing.T, want bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for (g.a.Ready(context.Background()) == nil) != want {
		if time.Now().After(deadline) {
			t.Fatalf("Ready never became %v", want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// messageCreate is the captured MESSAGE_CREATE with new id, text and mentions.
func messageCreate(t *testing.T, id, content string, mentionBot, dm bool) map[string]any {
	d := fixture(t, "gateway_message_create_captured.json")["d"].(map[string]any)
	d["id"], d["content"] = id, content
	if mentionBot {
		d["mentions"] = []any{map[string]any{"id": botUserID, "username": "DisBMLibTestBot", "bot": true}}
	}
	if dm {
		delete(d, "guild_id")
		delete(d, "member")
	}
	return d
}

func TestGatewayAnswersMentionsDMsAndInteractions(t *testing.T) {
	g := startGateway(t, rigOptions{})
	c := g.gw.accept(t)
	id := g.handshake(t, c)
	d := id["d"].(map[string]any)
	want := discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages | discordgo.IntentsMessageContent
	if d["token"] != "Bot test-token" || discordgo.Intent(d["intents"].(float64)) != want {
		t.Fatalf("IDENTIFY token %v intents %v, want the bot token and intents %d", d["token"], d["intents"], want)
	}

	t.Run("a channel message without a mention is ignored, a mention answered in place", func(t *testing.T) {
		c.dispatch(t, "MESSAGE_CREATE", messageCreate(t, "1100000000000000001", "hva er formålet med kulturplanen?", false, false))
		c.dispatch(t, "MESSAGE_CREATE", messageCreate(t, "1100000000000000002",
			"<@"+botUserID+"> hva er formålet med kulturplanen?", true, false))
		p := g.api.wait(t)
		ref, _ := p.Body["message_reference"].(map[string]any)
		if p.Path != "/api/v9/channels/435923868503506954/messages" || ref["message_id"] != "1100000000000000002" {
			t.Fatalf("posted %s %s, want a reply to the mentioning message", p.Path, p.Raw)
		}
		if !strings.Contains(p.Body["content"].(string), "kultur") || p.Body["enforce_nonce"] != true ||
			p.Body["nonce"] != "r01100000000000000002" {
			t.Errorf("reply %s: want the culture plan's purpose, nonce r0<id>, enforce_nonce", p.Raw)
		}
	})
	t.Run("a direct message is answered", func(t *testing.T) {
		c.dispatch(t, "MESSAGE_CREATE", messageCreate(t, "1100000000000000003", "When does the climate plan start?", false, true))
		p := g.api.wait(t)
		if !strings.Contains(strings.ToLower(p.Body["content"].(string)), "climate") {
			t.Fatalf("DM reply %s", p.Raw)
		}
	})
	t.Run("a modal submitted over the gateway is stored", func(t *testing.T) {
		ev := fixture(t, "gateway_interaction_create_modal_submit_captured.json")["d"].(map[string]any)
		data := ev["data"].(map[string]any)
		data["custom_id"] = "submit_form:klima"
		field := data["components"].([]any)[0].(map[string]any)["components"].([]any)[0].(map[string]any)
		field["custom_id"], field["value"] = "text", "Solceller på alle kommunale bygg."
		c.dispatch(t, "INTERACTION_CREATE", ev)
		cb := g.api.wait(t)
		if !strings.HasSuffix(cb.Path, "/interactions/1095661440997806172/"+ev["token"].(string)+"/callback") ||
			cb.Body["type"].(float64) != 5 {
			t.Fatalf("callback %s %s, want a deferred response", cb.Path, cb.Raw)
		}
		edit := g.api.wait(t)
		if edit.Method != http.MethodPatch || !refRE.MatchString(edit.Raw) {
			t.Fatalf("follow-up %s %s, want the receipt", edit.Method, edit.Raw)
		}
	})
	t.Run("RECONNECT leads to RESUME with the session and sequence", func(t *testing.T) {
		c.sendFixture(t, "gateway_reconnect.json")
		c2 := g.gw.accept(t)
		c2.sendFixture(t, "gateway_hello_captured.json")
		res := c2.expect(t, 6)["d"].(map[string]any)
		if res["session_id"] != "bf8eb88e4939e52df093261f3abbc638" || int(res["seq"].(float64)) != c.seq {
			t.Fatalf("RESUME %v, want the READY session id and seq %d", res, c.seq)
		}
		c2.seq = c.seq
		c2.dispatch(t, "RESUMED", map[string]any{})
		g.waitReady(t, true)
		c = c2
	})
	t.Run("close code 4004 stops without reconnecting", func(t *testing.T) {
		c.closeWith(4004)
		select {
		case err := <-g.errc:
			if err == nil || !strings.Contains(err.Error(), "4004") || !errors.Is(err, bot.ErrForbidden) {
				t.Fatalf("RunGateway returned %v, want an error naming 4004", err)
			}
			g.errc <- err // for the cleanup
		case <-time.After(5 * time.Second):
			t.Fatal("RunGateway did not stop after 4004")
		}
		g.gw.noConnection(t, 1500*time.Millisecond)
		if g.a.Ready(context.Background()) != nil {
			t.Error("Ready fails after the gateway stopped; it should report only a running gateway")
		}
	})
}

func TestGatewayCloseCodes(t *testing.T) {
	cases := []struct {
		code      int
		reconnect bool
	}{
		{4000, true}, {4004, false}, {4010, false}, {4014, false},
	}
	for _, tc := range cases {
		t.Run(tcName(tc.code), func(t *testing.T) {
			t.Parallel()
			g := startGateway(t, rigOptions{responder: fakeResponder(t, func(bot.Message) []bot.Reply { return nil })})
			c := g.gw.accept(t)
			c.sendFixture(t, "gateway_hello_captured.json")
			c.expect(t, 2)
			c.closeWith(tc.code) // refused at IDENTIFY, as Discord does
			if tc.reconnect {
				c2 := g.gw.accept(t)
				c2.sendFixture(t, "gateway_hello_captured.json")
				c2.expect(t, 2) // no session yet: IDENTIFY again
				return
			}
			select {
			case err := <-g.errc:
				if err == nil || !strings.Contains(err.Error(), tcName(tc.code)) {
					t.Fatalf("got %v, want an error naming %d", err, tc.code)
				}
				g.errc <- err
			case <-time.After(5 * time.Second):
				t.Fatal("RunGateway did not stop")
			}
			g.gw.noConnection(t, 500*time.Millisecond)
		})
	}
}

func tcName(code int) string { return strconv.Itoa(code) }
