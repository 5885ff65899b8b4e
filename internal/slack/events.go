package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	slackapi "github.com/slack-go/slack"

	"github.com/askerkommune/temaplanbot/bot"
)

// errMalformed marks a body that is not what Slack sends.
var errMalformed = errors.New("malformed")

// envelope is the outer Events API body (also the Socket Mode events_api payload).
type envelope struct {
	Type           string          `json:"type"`
	Challenge      string          `json:"challenge"`
	TeamID         string          `json:"team_id"`
	EventID        string          `json:"event_id"`
	Event          json.RawMessage `json:"event"`
	Authorizations []struct {
		UserID string `json:"user_id"`
		IsBot  bool   `json:"is_bot"`
	} `json:"authorizations"`
}

// innerEvent holds the fields of the events temaplanbot handles.
type innerEvent struct {
	Type        string          `json:"type"`
	Subtype     string          `json:"subtype"`
	User        string          `json:"user"`
	BotID       string          `json:"bot_id"`
	Channel     string          `json:"channel"`
	ChannelType string          `json:"channel_type"`
	Text        string          `json:"text"`
	TS          string          `json:"ts"`
	ThreadTS    string          `json:"thread_ts"`
	Tab         string          `json:"tab"`
	Team        string          `json:"team"`
	Edited      json.RawMessage `json:"edited"`
}

// parseEnvelope decodes an Events API body; errors wrap errMalformed.
func parseEnvelope(body []byte) (envelope, error) {
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return env, fmt.Errorf("slack: event body: %v: %w", err, errMalformed)
	}
	switch env.Type {
	case "url_verification":
		if env.Challenge == "" {
			return env, fmt.Errorf("slack: url_verification without challenge: %w", errMalformed)
		}
	case "event_callback":
		if env.EventID == "" || len(env.Event) == 0 {
			return env, fmt.Errorf("slack: event_callback without event or event_id: %w", errMalformed)
		}
	}
	return env, nil
}

// acceptEvent decides what an event_callback needs and queues that work. It
// drops duplicates (same event_id) and events the bot ignores. errBusy or
// errStopped mean the event was not taken and Slack should deliver it again.
func (a *Adapter) acceptEvent(env envelope) error {
	var ev innerEvent
	if err := json.Unmarshal(env.Event, &ev); err != nil {
		return fmt.Errorf("slack: inner event: %v: %w", err, errMalformed)
	}
	job := a.eventJob(env, ev)
	if job == nil {
		return nil
	}
	if !a.seen.add(env.EventID, a.now()) {
		a.m.Duplicate(bot.PlatformSlack)
		a.log.Debug("duplicate event dropped", "event_id", env.EventID)
		return nil
	}
	if err := a.pool.submit(job, submitWait); err != nil {
		a.seen.forget(env.EventID)
		return err
	}
	return nil
}

// eventJob returns the work for one event, or nil when the bot ignores it:
// messages from bots (itself included), edits, joins and other subtypes,
// channel messages that do not mention it, other tabs than Home.
func (a *Adapter) eventJob(env envelope, ev innerEvent) func(context.Context) {
	team := env.TeamID
	if team == "" {
		team = ev.Team
	}
	switch ev.Type {
	case "app_mention":
		if a.fromBot(env, ev) || len(ev.Edited) > 0 || ev.Subtype != "" {
			return nil
		}
		thread := ev.ThreadTS
		if thread == "" {
			thread = ev.TS
		}
		m := bot.Message{Workspace: team, Channel: ev.Channel, User: ev.User, Text: plainText(ev.Text), EventID: env.EventID}
		return a.job(m, dest{team: team, channel: ev.Channel, thread: thread, user: ev.User})
	case "message":
		if ev.ChannelType != "im" || ev.Subtype != "" || a.fromBot(env, ev) {
			return nil
		}
		m := bot.Message{Workspace: team, Channel: ev.Channel, User: ev.User, Text: plainText(ev.Text),
			EventID: env.EventID, Direct: true}
		return a.job(m, dest{team: team, channel: ev.Channel, thread: ev.ThreadTS, user: ev.User, direct: true})
	case "app_home_opened":
		if ev.Tab != "home" || ev.User == "" {
			return nil
		}
		user := ev.User
		return func(ctx context.Context) { a.publishHome(ctx, user) }
	}
	return nil
}

func (a *Adapter) job(m bot.Message, d dest) func(context.Context) {
	return func(ctx context.Context) {
		ctx, cancel := context.WithTimeout(ctx, answerDeadline)
		defer cancel()
		a.deliver(ctx, d, a.answer(ctx, m))
	}
}

// fromBot reports whether a message was written by a bot or by this app.
func (a *Adapter) fromBot(env envelope, ev innerEvent) bool {
	if ev.BotID != "" || ev.User == "" {
		return true
	}
	if self := a.selfID(); self != "" && ev.User == self {
		return true
	}
	for _, au := range env.Authorizations {
		if au.IsBot && au.UserID == ev.User {
			return true
		}
	}
	return false
}

// publishHome shows the plan overview on the user's App Home tab, in the
// user's chosen language, else that of their Slack locale.
func (a *Adapter) publishHome(ctx context.Context, user string) {
	ctx, cancel := context.WithTimeout(ctx, answerDeadline)
	defer cancel()
	lang := langOf(a.locale(ctx, user))
	if lc, ok := a.engine.(bot.LangChooser); ok { // a saved language choice wins
		lang = lc.LangFor(ctx, bot.PlatformSlack, user, a.locale(ctx, user))
	}
	view := a.homeView(a.engine.Overview(lang))
	_, err := a.api.PublishViewContext(ctx, slackapi.PublishViewContextRequest{UserID: user, View: view})
	if err != nil {
		a.m.SendFailure(bot.PlatformSlack)
		a.log.Warn("views.publish failed", "err", err)
		return
	}
	a.m.MessageOut(bot.PlatformSlack)
}

// handleEvents answers an Events API body: the challenge
// for url_verification, nothing otherwise.
func (a *Adapter) handleEvents(body []byte) (resp any, err error) {
	env, err := parseEnvelope(body)
	if err != nil {
		return nil, err
	}
	switch env.Type {
	case "url_verification":
		return map[string]string{"challenge": env.Challenge}, nil
	case "event_callback":
		return nil, a.acceptEvent(env)
	}
	a.log.Debug("events request ignored", "type", strings.ToValidUTF8(env.Type, "?"))
	return nil, nil
}
