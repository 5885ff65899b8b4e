package discord

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/inbox"
)

// Reconnect backoff of the gateway supervisor.
const (
	reconnectMin = time.Second
	reconnectMax = time.Minute
)

// fatalClose explains the close codes after which Discord must not be
// reconnected to: fixing them needs the operator.
func fatalClose(code int) (string, bool) {
	switch code {
	case 4004:
		return "authentication failed: check DISCORD_BOT_TOKEN", true
	case 4010:
		return "invalid shard", true
	case 4011:
		return "sharding required", true
	case 4012:
		return "invalid API version", true
	case 4013:
		return "invalid intents", true
	case 4014:
		return "disallowed intents: enable the Message Content intent for the bot in the Discord Developer Portal", true
	}
	return "", false
}

// RunGateway connects to Discord's gateway (guild messages, direct
// messages and message content intents) and serves until ctx ends, when it
// closes the connection and returns nil. Mentions of the bot in a channel
// and direct messages are answered in place; interactions arriving over the
// gateway are answered like HTTP ones, through the REST callback. Lost
// connections are resumed with backoff. It returns an error wrapping
// bot.ErrForbidden, without reconnecting, when Discord closes with 4004 or
// 4010-4014, and bot.ErrInvalid when no bot token is configured or
// RunGateway already runs.
func (a *Adapter) RunGateway(ctx context.Context) error {
	if a.cfg.BotToken == "" || a.cfg.Responder == nil {
		return fmt.Errorf("discord: gateway needs a bot token and a responder: %w", bot.ErrInvalid)
	}
	if !a.gw.running.CompareAndSwap(false, true) {
		return fmt.Errorf("discord: gateway already running: %w", bot.ErrInvalid)
	}
	defer a.gw.running.Store(false)
	s := a.session
	lost := make(chan struct{}, 1)
	hctx := context.WithoutCancel(ctx)
	for _, remove := range []func(){
		s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) { a.onReady(r) }),
		s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Resumed) { a.setConnected(true) }),
		s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) {
			a.setConnected(false)
			select {
			case lost <- struct{}{}:
			default:
			}
		}),
		s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) { a.onMessage(hctx, m.Message) }),
		s.AddHandler(func(_ *discordgo.Session, e *discordgo.Event) {
			if e.Type == "INTERACTION_CREATE" {
				a.onGatewayInteraction(hctx, e.RawData)
			}
		}),
	} {
		defer remove()
	}
	return a.supervise(ctx, lost)
}

// supervise opens the session and reopens it (resuming) after it drops,
// unless the close code forbids it or ctx ends.
func (a *Adapter) supervise(ctx context.Context, lost chan struct{}) error {
	s := a.session
	wait := a.reconnectMin()
	for {
		select {
		case <-lost: // drop a stale signal
		default:
		}
		err := a.open(ctx)
		if ctx.Err() != nil {
			_ = s.Close()
			return nil
		}
		if err != nil {
			if fatal := a.fatal(err); fatal != nil {
				return fatal
			}
			a.log.Warn("discord gateway connect failed", "err", err, "retry_in", wait)
		} else {
			wait = a.reconnectMin()
			select {
			case <-ctx.Done():
				a.setConnected(false)
				_ = s.Close()
				return nil
			case <-lost:
			}
			if fatal := a.fatal(nil); fatal != nil {
				return fatal
			}
			a.log.Warn("discord gateway connection lost, resuming", "close_code", a.gw.closeCode.Load(), "retry_in", wait)
		}
		if err := a.sleep(ctx, wait); err != nil {
			_ = s.Close()
			return nil
		}
		wait = min(2*wait, reconnectMax)
	}
}

// open runs discordgo's Open, which cannot be cancelled, so that ctx ends
// it: the raw connection is closed under it. On success it lifts the
// deadline the dialer set for the handshake.
func (a *Adapter) open(ctx context.Context) error {
	done := make(chan error, 1)
	go func() { done <- a.session.Open() }()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		if c := a.gw.conn.Load(); c != nil {
			_ = c.Close()
		}
		err = <-done
	}
	if errors.Is(err, discordgo.ErrWSAlreadyOpen) {
		return nil
	}
	if c := a.gw.conn.Load(); err == nil && c != nil {
		_ = c.SetDeadline(time.Time{})
	}
	return err
}

// fatal returns the error to stop with when the last close code (sniffed,
// or in err) forbids reconnecting.
func (a *Adapter) fatal(err error) error {
	code := int(a.gw.closeCode.Load())
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		code = ce.Code
	}
	why, ok := fatalClose(code)
	if !ok {
		return nil
	}
	a.setConnected(false)
	_ = a.session.Close()
	a.log.Error("discord gateway closed for good", "close_code", code, "reason", why)
	return fmt.Errorf("discord: gateway closed with code %d (%s); not reconnecting: %w", code, why, bot.ErrForbidden)
}

func (a *Adapter) reconnectMin() time.Duration {
	if a.retryIn < reconnectMin {
		return a.retryIn // tests shorten it
	}
	return reconnectMin
}

func (a *Adapter) onReady(r *discordgo.Ready) {
	if r.User != nil {
		a.gw.botID.Store(r.User.ID)
	}
	a.setConnected(true)
	a.log.Info("discord gateway ready", "guilds", len(r.Guilds))
}

func (a *Adapter) setConnected(up bool) {
	a.gw.connected.Store(up)
	a.met.Connected(bot.PlatformDiscord, up)
}

func (a *Adapter) botID() string {
	id, _ := a.gw.botID.Load().(string)
	return id
}

// onGatewayInteraction answers an INTERACTION_CREATE dispatch.
func (a *Adapter) onGatewayInteraction(ctx context.Context, raw json.RawMessage) {
	in, err := parseInteraction(raw)
	if err != nil {
		a.met.Rejected(bot.PlatformDiscord, "malformed")
		a.log.Warn("discord gateway interaction ignored", "err", err)
		return
	}
	if !a.begin() {
		return
	}
	defer a.inflight.Done()
	ctx, cancel := context.WithTimeout(ctx, followUpTimeout)
	defer cancel()
	start := a.now()
	out := a.interact(ctx, in)
	if out.resp == nil { // a replay: answered once already
		return
	}
	err = a.respondREST(ctx, in, out.resp)
	if out.acked != nil {
		out.acked()
	}
	if err != nil {
		a.log.Error("discord interaction callback failed", "event", in.ID, "err", err)
		return
	}
	a.met.Ack(bot.PlatformDiscord, a.now().Sub(start))
	if out.later != nil {
		out.later(ctx)
	}
}

// onMessage answers a direct message, or a channel message that mentions
// the bot, with a reply to that message. Private replies to a channel
// message go to the author's direct messages instead, with a pointer in
// the channel.
func (a *Adapter) onMessage(ctx context.Context, m *discordgo.Message) {
	me := a.botID()
	if m == nil || m.Author == nil || m.Author.Bot || m.WebhookID != "" || m.Author.ID == me || me == "" {
		return
	}
	direct := m.GuildID == ""
	if !direct && !mentions(m, me) {
		return
	}
	if !a.begin() {
		return
	}
	defer a.inflight.Done()
	var roles []string
	if m.Member != nil {
		roles = m.Member.Roles
	}
	msg := bot.Message{Platform: bot.PlatformDiscord, Workspace: m.GuildID, Channel: m.ChannelID,
		User: m.Author.ID, Text: stripMention(m.Content, me), EventID: m.ID, Direct: direct,
		Staff: a.isStaff(m.Author.ID, roles)}
	switch err := a.cfg.Inbox.Accept(ctx, messageEvent(msg, m)); {
	case errors.Is(err, inbox.ErrDuplicate):
		a.met.Duplicate(bot.PlatformDiscord)
	case errors.Is(err, inbox.ErrFlood):
	case err != nil:
		a.log.Error("discord message not stored", "event", m.ID, "err", err)
	}
}

// answerMessage shows the replies to the message src: as replies to it,
// and private ones in the author's direct messages, with a pointer in the
// channel.
func (a *Adapter) answerMessage(ctx context.Context, src *discordgo.Message, replies []bot.Reply) {
	direct := src.GuildID == ""
	var public, private []bot.Reply
	for _, r := range replies {
		if r.Private && !direct {
			private = append(private, r)
		} else {
			public = append(public, r)
		}
	}
	if len(private) > 0 {
		if err := a.sendDM(ctx, src, private); err != nil {
			a.log.Error("discord direct message failed", "event", src.ID, "err", err)
		} else if len(public) == 0 {
			lang := private[0].Lang
			public = []bot.Reply{{Lang: lang, Text: a.loc.Text(lang, "discord.dm.sent", nil)}}
		}
	}
	if len(public) > 0 {
		a.replyTo(ctx, src, a.render(public, bot.NB), "r")
	}
}

// replyTo posts m's chunks as replies to src. The nonce is derived from the
// source message id, so a retry, a repeated delivery or a second running
// copy cannot post the same reply twice (enforce_nonce).
func (a *Adapter) replyTo(ctx context.Context, src *discordgo.Message, m message, tag string) {
	for i, chunk := range m.chunks {
		body := outgoing{Content: chunk, Nonce: tag + strconv.Itoa(i) + src.ID,
			Reference: &discordgo.MessageReference{MessageID: src.ID, ChannelID: src.ChannelID, GuildID: src.GuildID, FailIfNotExists: new(bool)}}
		if i == len(m.chunks)-1 {
			body.Components = m.components
		}
		if _, err := a.post(ctx, src.ChannelID, body); err != nil {
			a.log.Error("discord reply failed", "event", src.ID, "err", err)
			return
		}
	}
}

// sendDM posts private replies in the author's direct messages.
func (a *Adapter) sendDM(ctx context.Context, src *discordgo.Message, replies []bot.Reply) error {
	var ch *discordgo.Channel
	err := a.call(ctx, "open direct message", policy{idempotent: true}, func(opts ...discordgo.RequestOption) error {
		var err error
		ch, err = a.session.UserChannelCreate(src.Author.ID, opts...)
		return err
	})
	if err != nil {
		return err
	}
	m := a.render(replies, bot.NB)
	for i, chunk := range m.chunks {
		body := outgoing{Content: chunk, Nonce: "d" + strconv.Itoa(i) + src.ID}
		if i == len(m.chunks)-1 {
			body.Components = m.components
		}
		if _, err := a.post(ctx, ch.ID, body); err != nil {
			return err
		}
	}
	return nil
}

// mentions reports whether m mentions the user id.
func mentions(m *discordgo.Message, id string) bool {
	for _, u := range m.Mentions {
		if u != nil && u.ID == id {
			return true
		}
	}
	return strings.Contains(m.Content, "<@"+id+">") || strings.Contains(m.Content, "<@!"+id+">")
}

// stripMention removes mentions of id from text.
func stripMention(text, id string) string {
	text = strings.ReplaceAll(text, "<@!"+id+">", " ")
	text = strings.ReplaceAll(text, "<@"+id+">", " ")
	return strings.TrimSpace(text)
}

func quoteJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func nopBody(s string) io.ReadCloser { return io.NopCloser(strings.NewReader(s)) }
