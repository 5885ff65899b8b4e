package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	slackapi "github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"github.com/askerkommune/temaplanbot/bot"
)

// Reconnect backoff of the Socket Mode supervisor.
const (
	minReconnect = time.Second
	maxReconnect = time.Minute
)

// RunSocketMode connects to Slack over Socket Mode and serves events, slash
// commands and interactions until ctx ends (then it returns nil). Every
// envelope is acknowledged (slash commands and form submissions with their
// answer as the payload). Disconnect requests and network errors lead to a
// reconnect with backoff. It returns for good, with an error, when a token
// is rejected (invalid_auth, token_revoked, account_inactive, not_authed),
// and an error wrapping bot.ErrInvalid when AppToken is not an xapp- token.
func (a *Adapter) RunSocketMode(ctx context.Context) error {
	if !strings.HasPrefix(a.cfg.AppToken, "xapp-") {
		return fmt.Errorf("slack: socket mode needs an app-level token (xapp-...): %w", bot.ErrInvalid)
	}
	if _, err := a.identify(ctx); err != nil && fatalAuth(err) {
		return fmt.Errorf("slack: bot token rejected (check SLACK_BOT_TOKEN): %w", err)
	}
	api := slackapi.New(a.cfg.BotToken, a.apiOptions(a.cfg.AppToken)...)
	client := socketmode.New(api, socketmode.OptionLog(debugLog{a}))
	a.socketOn.Store(true)
	defer func() {
		a.socketOn.Store(false)
		a.setUp(false)
	}()
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { a.socketEvents(ctx, client, &wg) })
	defer func() { cancel(); wg.Wait() }()
	return a.supervise(ctx, client)
}

// supervise runs the client's own loop (which reconnects on disconnect
// envelopes) and restarts it with backoff when it gives up, except for
// rejected tokens.
func (a *Adapter) supervise(ctx context.Context, client *socketmode.Client) error {
	delay := minReconnect
	for {
		start := time.Now()
		err := client.RunContext(ctx)
		a.setUp(false)
		if ctx.Err() != nil {
			return nil
		}
		if fatalAuth(err) {
			a.log.Error("socket mode stopped: token rejected", "err", err)
			return fmt.Errorf("slack: socket mode stopped for good (check SLACK_APP_TOKEN and SLACK_BOT_TOKEN): %w", err)
		}
		if time.Since(start) > maxReconnect {
			delay = minReconnect
		}
		a.log.Warn("socket mode connection lost; reconnecting", "err", err, "in", delay)
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
		delay = min(2*delay, maxReconnect)
	}
}

// fatalAuth reports whether err means a token is not accepted, so
// reconnecting cannot help.
func fatalAuth(err error) bool {
	if err == nil {
		return false
	}
	var se slackapi.SlackErrorResponse
	msg := err.Error()
	if errors.As(err, &se) {
		msg = se.Err
	}
	switch msg {
	case "invalid_auth", "token_revoked", "account_inactive", "not_authed", "token_expired", "not_allowed_token_type":
		return true
	}
	var sc slackapi.StatusCodeError
	return errors.As(err, &sc) && (sc.Code == http.StatusUnauthorized || sc.Code == http.StatusNotFound)
}

func (a *Adapter) setUp(up bool) {
	a.socketUp.Store(up)
	a.m.Connected(bot.PlatformSlack, up)
}

// socketEvents reads the client's events until ctx ends.
func (a *Adapter) socketEvents(ctx context.Context, c *socketmode.Client, wg *sync.WaitGroup) {
	for {
		select {
		case <-ctx.Done():
			return
		case evt := <-c.Events:
			a.socketEvent(ctx, c, evt, wg)
		}
	}
}

func (a *Adapter) socketEvent(ctx context.Context, c *socketmode.Client, evt socketmode.Event, wg *sync.WaitGroup) {
	switch evt.Type {
	case socketmode.EventTypeConnected:
		a.setUp(true)
		a.log.Info("socket mode connected")
	case socketmode.EventTypeConnecting:
		a.setUp(false)
	case socketmode.EventTypeConnectionError:
		a.setUp(false)
		a.log.Warn("socket mode connection failed", "err", evt.Data)
	case socketmode.EventTypeEventsAPI:
		a.socketEventsAPI(c, evt.Request)
	case socketmode.EventTypeSlashCommand, socketmode.EventTypeInteractive:
		wg.Go(func() { a.socketRespond(ctx, c, evt) })
	case socketmode.EventTypeErrorBadMessage:
		a.ackBadMessage(c, evt.Data)
	}
}

// socketEventsAPI stores an Events API envelope's event in the inbox and
// then acknowledges it; an event that could not be stored is left
// unacknowledged, so Slack sends it again.
func (a *Adapter) socketEventsAPI(c *socketmode.Client, req *socketmode.Request) {
	if req == nil {
		return
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 2500*time.Millisecond)
	defer cancel()
	_, err := a.handleEvents(ctx, req.Payload)
	if errors.Is(err, errNotTaken) {
		a.log.Warn("event not taken; Slack will redeliver", "err", err)
		return
	}
	if err != nil {
		a.m.Rejected(bot.PlatformSlack, "malformed")
		a.log.Info("malformed event acknowledged and dropped", "err", err)
	}
	a.ack(c, req, nil, start)
}

// socketRespond answers a slash command or interaction within Slack's
// 3 seconds and acknowledges it with the answer as payload.
func (a *Adapter) socketRespond(ctx context.Context, c *socketmode.Client, evt socketmode.Event) {
	if evt.Request == nil {
		return
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, 2800*time.Millisecond)
	defer cancel()
	var payload any
	switch data := evt.Data.(type) {
	case slackapi.SlashCommand:
		payload = a.handleCommand(ctx, data)
	case slackapi.InteractionCallback:
		payload = a.handleInteraction(ctx, data)
	}
	a.ack(c, evt.Request, payload, start)
}

func (a *Adapter) ack(c *socketmode.Client, req *socketmode.Request, payload any, start time.Time) {
	var err error
	if payload == nil {
		err = c.Ack(*req)
	} else if err = c.Ack(*req, payload); err != nil {
		a.log.Warn("ack payload refused; acknowledging without it", "err", err)
		err = c.Ack(*req)
	}
	if err != nil {
		a.log.Warn("socket mode ack failed", "err", err)
	}
	a.m.Ack(bot.PlatformSlack, time.Since(start))
}

// ackBadMessage acknowledges an envelope the library could not parse, so
// Slack does not send it again and again.
func (a *Adapter) ackBadMessage(c *socketmode.Client, data any) {
	bad, ok := data.(*socketmode.ErrorBadMessage)
	if !ok {
		return
	}
	var env struct {
		EnvelopeID string `json:"envelope_id"`
	}
	if json.Unmarshal(bad.Message, &env) != nil || env.EnvelopeID == "" {
		return
	}
	a.m.Rejected(bot.PlatformSlack, "malformed")
	a.log.Info("unparsable socket mode envelope acknowledged", "err", bad.Cause)
	a.ack(c, &socketmode.Request{EnvelopeID: env.EnvelopeID}, nil, time.Now())
}

// debugLog sends the socketmode library's log lines to our logger at debug level.
type debugLog struct{ a *Adapter }

func (l debugLog) Output(_ int, s string) error {
	l.a.log.Debug(strings.TrimSpace(s), "source", "socketmode")
	return nil
}
