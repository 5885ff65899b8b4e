package slack

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/inbox"
)

// maxInlineAnswer is the largest answer sent in the slash command's own
// response (Socket Mode drops responses of 20 KB); larger ones are posted.
const maxInlineAnswer = 15 << 10

// parseCommand decodes a slash command form body; errors wrap errMalformed.
func parseCommand(body []byte) (slackapi.SlashCommand, error) {
	v, err := url.ParseQuery(string(body))
	if err != nil {
		return slackapi.SlashCommand{}, fmt.Errorf("slack: command body: %v: %w", err, errMalformed)
	}
	cmd := slackapi.SlashCommand{
		TeamID: v.Get("team_id"), ChannelID: v.Get("channel_id"), UserID: v.Get("user_id"),
		Command: v.Get("command"), Text: v.Get("text"), ResponseURL: v.Get("response_url"),
		TriggerID: v.Get("trigger_id"), APIAppID: v.Get("api_app_id"),
	}
	if cmd.UserID == "" || cmd.Command == "" || cmd.ChannelID == "" {
		return cmd, fmt.Errorf("slack: command without user, channel or command: %w", errMalformed)
	}
	return cmd, nil
}

// handleCommand answers a slash command privately (ephemeral) unless the
// engine marks every answer as meant for the whole channel (Reply.Public). When the engine is fast,
// the answer is returned to go in the response and a form opens as a modal
// at once; when the engine is slow, the response is empty and the answer
// follows through response_url.
func (a *Adapter) handleCommand(ctx context.Context, cmd slackapi.SlashCommand) any {
	m := bot.Message{
		Workspace: cmd.TeamID, Channel: cmd.ChannelID, User: cmd.UserID, Text: plainText(cmd.Text),
		EventID: "cmd:" + cmd.TriggerID, Command: true, Direct: strings.HasPrefix(cmd.ChannelID, "D"),
	}
	if cmd.TriggerID == "" { // Slack always sends one; without it there is no retry to recognise
		m.EventID = "cmd:" + randomKey()
	}
	d := dest{team: cmd.TeamID, channel: cmd.ChannelID, user: cmd.UserID, direct: m.Direct,
		responseURL: cmd.ResponseURL, triggerID: cmd.TriggerID, private: true}
	replies, inTime, done, err := a.answerWithin(ctx, m.EventID, m, d, commandBudget)
	switch {
	case errors.Is(err, inbox.ErrDuplicate), errors.Is(err, inbox.ErrFlood):
		return nil
	case err != nil:
		a.log.Warn("slash command not answered", "err", err)
		return responseMessage(true, a.text(langOf(a.cachedLocale(cmd.UserID)), notTakenText(err)), nil)
	case !inTime:
		return nil
	}
	return a.inlineAnswer(ctx, d, replies, done)
}

// inlineAnswer shows a form reply as a modal now (the trigger is fresh) and
// returns the other replies as one response message. Replies too big for a
// response are posted instead. It calls done once the replies are shown.
func (a *Adapter) inlineAnswer(ctx context.Context, d dest, replies []bot.Reply, done func()) any {
	rest := a.showFirstForm(ctx, d, replies)
	if len(rest) == 0 {
		done()
		return nil
	}
	msg := a.merge(rest, d.private)
	if b, _ := json.Marshal(msg); len(b) <= maxInlineAnswer {
		a.m.MessageOut(bot.PlatformSlack)
		done()
		return msg
	}
	a.answerPosted(d, rest, done)
	return nil
}

// showFirstForm opens the first form among replies as a modal and returns
// the replies still to show (a form that did not open becomes a button).
func (a *Adapter) showFirstForm(ctx context.Context, d dest, replies []bot.Reply) []bot.Reply {
	var rest []bot.Reply
	formShown := false
	for _, r := range replies {
		if r.Form != nil && !formShown {
			if a.showForm(ctx, d, r) == nil {
				formShown = true
				continue
			}
		}
		if r.Form != nil {
			r = a.withFormButton(r)
		}
		rest = append(rest, r)
	}
	return rest
}

// merge joins replies into one response message: private if any reply is,
// or if private is asked for and not every reply is meant for the channel.
func (a *Adapter) merge(replies []bot.Reply, private bool) *slackapi.WebhookMessage {
	var texts []string
	var blocks []slackapi.Block
	anyPrivate, allPublic := false, len(replies) > 0
	for _, r := range replies {
		anyPrivate = anyPrivate || r.Private
		allPublic = allPublic && r.Public
	}
	private = anyPrivate || (private && !allPublic)
	for i, r := range replies {
		texts = append(texts, r.Text)
		if i > 0 {
			blocks = append(blocks, slackapi.NewDividerBlock())
		}
		blocks = append(blocks, a.blocks(r, maxMessageBlocks-len(blocks))...)
		if len(blocks) >= maxMessageBlocks {
			blocks = blocks[:maxMessageBlocks]
			break
		}
	}
	return responseMessage(private, escapeClip(strings.Join(texts, "\n\n"), maxFallbackText), blocks)
}

// answerPosted posts replies that are already known, after the HTTP
// response, and then calls done (the inbox waits for it before it counts
// the event answered).
func (a *Adapter) answerPosted(d dest, replies []bot.Reply, done func()) {
	if len(replies) == 0 {
		done()
		return
	}
	go func() {
		defer done()
		ctx, cancel := context.WithTimeout(context.Background(), postDeadline)
		defer cancel()
		a.deliver(ctx, d, replies)
	}()
}

// postDeadline bounds posting answers already known (a busy channel takes 1 post/s).
const postDeadline = 5 * time.Minute

// notTakenText is the message id for an event the inbox did not take:
// the database is down, or the bot is busy (shutting down).
func notTakenText(err error) string {
	if errors.Is(err, bot.ErrUnavailable) && !errors.Is(err, inbox.ErrStopped) {
		return "error.unavailable"
	}
	return "slack.error.busy"
}

// randomKey returns a random event key for a request Slack gave no id.
func randomKey() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// cachedLocale returns the user's cached locale without calling Slack.
func (a *Adapter) cachedLocale(user string) string {
	l, _ := a.users.get(user, a.now())
	return l
}
