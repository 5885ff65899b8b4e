package slack

import (
	"context"
	"fmt"
	"strconv"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/askerkommune/temaplanbot/bot"
)

// Taking over an answer that a stopped copy was posting. The inbox marks
// an answer "being shown" at the moment of its first post; a copy that
// takes such an event over asks Slack which of its messages arrived:
// every message the bot posts for an inbox event carries the event id
// and its part number in Slack's message metadata, and
// conversations.history (conversations.replies in a thread) returns it.
// Posts Slack cannot list for a bot (response_url answers, ephemeral
// messages) and a failed look-up are posted again: twice rather than
// never.

// metaEventType is the metadata event type of the bot's answers.
const metaEventType = "temaplanbot_answer"

// Metadata payload keys.
const metaEvent, metaPart = "event", "part"

// lookBack is how long before the event's arrival the look-up starts.
const lookBack = time.Minute

// answerMeta is the metadata option of part of the answer to event ("" = none).
func answerMeta(event string, part int) []slackapi.MsgOption {
	if event == "" {
		return nil
	}
	return []slackapi.MsgOption{slackapi.MsgOptionMetadata(slackapi.SlackMetadata{EventType: metaEventType,
		EventPayload: map[string]any{metaEvent: event, metaPart: strconv.Itoa(part)}})}
}

// messageTo is where a reply posted as a normal message goes: the event's
// channel (thread), or the user's DM for a private reply in a channel or
// when there is no channel.
func (d dest) messageTo(r bot.Reply) (channel, thread string) {
	if d.channel == "" || (r.Private && !d.direct) {
		return d.user, ""
	}
	return d.channel, d.thread
}

// shown is what a resumed answer already posted: parts per channel and
// thread that were looked up; nil when nothing needs looking up.
type shown map[string]map[int]bool

// has reports whether part (the reply r) of the answer at d is on Slack.
func (s shown) has(d dest, r bot.Reply, part int) bool {
	if s == nil || d.responseURL != "" || (r.Private && !d.direct && d.channel != "") {
		return false
	}
	channel, thread := d.messageTo(r)
	return s[channel+"/"+thread][part]
}

// shownParts looks up, for an answer a stopped copy was posting, which of
// its parts reached the conversation it posts messages to (private
// replies in a channel go as ephemeral messages, which cannot be looked
// up). A look-up that fails leaves the parts to be posted again.
func (a *Adapter) shownParts(ctx context.Context, d dest) shown {
	if !d.resume || d.event == "" || d.responseURL != "" {
		return nil
	}
	a.m.Resumed(bot.PlatformSlack)
	channel, thread := d.messageTo(bot.Reply{})
	if channel == "" {
		return nil
	}
	parts, err := a.partsIn(ctx, channel, thread, d.event, d.since)
	if err != nil {
		a.log.Warn("could not look up what a stopped copy posted; posting the answer again", "event", d.event, "err", err)
	}
	return shown{channel + "/" + thread: parts}
}

// partsIn returns the parts of the answer to event posted in channel
// (thread) since the event arrived.
func (a *Adapter) partsIn(ctx context.Context, channel, thread, event string, since time.Time) (map[int]bool, error) {
	oldest := ""
	if !since.IsZero() {
		oldest = strconv.FormatInt(since.Add(-lookBack).Unix(), 10) + ".000000"
	}
	var msgs []slackapi.Message
	var err error
	if thread != "" {
		msgs, _, _, err = a.api.GetConversationRepliesContext(ctx, &slackapi.GetConversationRepliesParameters{
			ChannelID: channel, Timestamp: thread, Oldest: oldest, Limit: 200, IncludeAllMetadata: true})
	} else {
		var h *slackapi.GetConversationHistoryResponse
		h, err = a.api.GetConversationHistoryContext(ctx, &slackapi.GetConversationHistoryParameters{
			ChannelID: channel, Oldest: oldest, Limit: 200, IncludeAllMetadata: true})
		if h != nil {
			msgs = h.Messages
		}
	}
	if err != nil {
		return nil, fmt.Errorf("slack: look up posted answer in %s: %w", channel, err)
	}
	parts := map[int]bool{}
	for _, m := range msgs {
		md := m.Metadata
		if md.EventType != metaEventType || fmt.Sprint(md.EventPayload[metaEvent]) != event {
			continue
		}
		if p, err := strconv.Atoi(fmt.Sprint(md.EventPayload[metaPart])); err == nil {
			parts[p] = true
		}
	}
	return parts, nil
}
