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

// acceptEvent stores the work an event_callback needs in the inbox. Events
// the bot ignores are not stored; duplicates (same event_id) are dropped by
// the inbox. An error wrapping errNotTaken means the event was not stored
// and Slack should deliver it again.
func (a *Adapter) acceptEvent(ctx context.Context, env envelope) error {
	var ev innerEvent
	if err := json.Unmarshal(env.Event, &ev); err != nil {
		return fmt.Errorf("slack: inner event: %v: %w", err, errMalformed)
	}
	e, ok := a.eventOf(env, ev)
	if !ok {
		return nil
	}
	if err := a.accept(ctx, e); errors.Is(err, errNotTaken) {
		return err
	}
	return nil
}

// eventOf returns the inbox event for one Slack event, or false when the
// bot ignores it: messages from bots (itself included), edits, joins and
// other subtypes, channel messages that do not mention it, other tabs than Home.
func (a *Adapter) eventOf(env envelope, ev innerEvent) (bot.InboxEvent, bool) {
	team := env.TeamID
	if team == "" {
		team = ev.Team
	}
	key := "ev:" + env.EventID
	switch ev.Type {
	case "app_mention":
		if a.fromBot(env, ev) || len(ev.Edited) > 0 || ev.Subtype != "" {
			return bot.InboxEvent{}, false
		}
		thread := ev.ThreadTS
		if thread == "" {
			thread = ev.TS
		}
		m := bot.Message{Workspace: team, Channel: ev.Channel, User: ev.User, Text: plainText(ev.Text), EventID: env.EventID}
		return event(key, m, dest{team: team, channel: ev.Channel, thread: thread, user: ev.User}), true
	case "message":
		if ev.ChannelType != "im" || ev.Subtype != "" || a.fromBot(env, ev) {
			return bot.InboxEvent{}, false
		}
		m := bot.Message{Workspace: team, Channel: ev.Channel, User: ev.User, Text: plainText(ev.Text),
			EventID: env.EventID, Direct: true}
		return event(key, m, dest{team: team, channel: ev.Channel, thread: ev.ThreadTS, user: ev.User, direct: true}), true
	case "app_home_opened":
		if ev.Tab != "home" || ev.User == "" {
			return bot.InboxEvent{}, false
		}
		e := event(key, bot.Message{Workspace: team, User: ev.User, EventID: env.EventID}, dest{team: team, user: ev.User})
		e.Kind = kindHome
		return e, true
	}
	return bot.InboxEvent{}, false
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
func (a *Adapter) handleEvents(ctx context.Context, body []byte) (resp any, err error) {
	env, err := parseEnvelope(body)
	if err != nil {
		return nil, err
	}
	switch env.Type {
	case "url_verification":
		return map[string]string{"challenge": env.Challenge}, nil
	case "event_callback":
		return nil, a.acceptEvent(ctx, env)
	}
	a.log.Debug("events request ignored", "type", strings.ToValidUTF8(env.Type, "?"))
	return nil, nil
}
