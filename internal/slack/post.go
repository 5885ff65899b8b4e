package slack

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/inbox"
	"github.com/askerkommune/temaplanbot/internal/redact"
)

// maxRateRetries is how often one post is retried after 429 responses.
const maxRateRetries = 5

// pacer spaces posts to one channel at least interval apart and holds a
// channel back after a 429. It uses the real clock because it sleeps.
type pacer struct {
	mu       sync.Mutex
	interval time.Duration
	next     map[string]time.Time // earliest time of the next post per channel
}

func newPacer(interval time.Duration) *pacer {
	return &pacer{interval: interval, next: map[string]time.Time{}}
}

// wait reserves the channel's next slot and sleeps until it. It reports
// whether it had to wait.
func (p *pacer) wait(ctx context.Context, channel string) (bool, error) {
	now := time.Now()
	p.mu.Lock()
	at := now
	if n, ok := p.next[channel]; ok && n.After(now) {
		at = n
	}
	p.next[channel] = at.Add(p.interval)
	if len(p.next) > 4096 {
		for ch, n := range p.next {
			if n.Before(now) {
				delete(p.next, ch)
			}
		}
	}
	p.mu.Unlock()
	d := at.Sub(now)
	if d <= 0 {
		return false, nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true, nil
	case <-ctx.Done():
		return true, ctx.Err()
	}
}

// hold keeps the channel free of posts for d (Slack's Retry-After).
func (p *pacer) hold(channel string, d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if at := time.Now().Add(d); at.After(p.next[channel]) {
		p.next[channel] = at
	}
}

// paced runs call after the channel's pacing slot and repeats it after a 429
// (which means Slack did not take the message, so nothing is duplicated),
// waiting Retry-After each time.
func (a *Adapter) paced(ctx context.Context, channel string, call func() error) error {
	for attempt := 0; ; attempt++ {
		waited, err := a.pace.wait(ctx, channel)
		if err != nil {
			return err
		}
		if waited && attempt == 0 { // waits after a 429 are counted below
			a.m.RateLimitWait(bot.PlatformSlack)
		}
		if err := inbox.Showing(ctx); err != nil { // the moment of the post: a copy taking over looks before posting again
			return err // taken over: that copy answers
		}
		err = call()
		var rl *slackapi.RateLimitedError
		if !errors.As(err, &rl) || attempt == maxRateRetries {
			return err
		}
		a.m.RateLimitWait(bot.PlatformSlack)
		a.log.Info("rate limited by Slack; waiting", "retry_after", rl.RetryAfter)
		a.pace.hold(channel, max(rl.RetryAfter, time.Second))
	}
}

// dest says where the answers to one event go.
type dest struct {
	team        string
	channel     string // channel of a public answer; empty = the user's DM
	thread      string // thread_ts to answer in
	user        string
	direct      bool   // channel is the user's DM with the bot
	responseURL string // slash command or ephemeral message: answer through it
	private     bool   // every answer is private (slash commands)
	triggerID   string // opens a modal (valid 3 s)
	pending     *pendingView
	event       string    // inbox event id: the messages' metadata, so a copy taking over can find them
	resume      bool      // a stopped copy was showing this answer: skip what reached Slack
	since       time.Time // when the event arrived (where to look for what reached Slack)
}

// pendingView is a loading modal opened while the engine was still working;
// ready is closed once id is set (empty when opening failed).
type pendingView struct {
	ready    chan struct{}
	id, hash string
}

func (d dest) meta() viewMeta {
	return viewMeta{Channel: d.channel, Thread: d.thread, Direct: d.direct}
}

// deliver shows replies at d: the first form as a modal (or a button to open
// it), everything else as messages.
func (a *Adapter) deliver(ctx context.Context, d dest, replies []bot.Reply) {
	if d.pending != nil && !hasForm(replies) && len(replies) > 0 {
		a.fillPending(ctx, d, a.infoModal(replies[0].Lang, replies))
		return
	}
	shown := a.shownParts(ctx, d)
	for part, r := range a.showFirstForm(ctx, d, replies) {
		if shown.has(d, r, part) {
			a.log.Info("answer part already posted by a stopped copy; not posted again", "event", d.event, "part", part)
			continue
		}
		if err := a.post(ctx, d, r, part); err != nil {
			a.m.SendFailure(bot.PlatformSlack)
			a.log.Warn("answer not posted", "channel", d.channel, "err", err)
		}
	}
}

func hasForm(replies []bot.Reply) bool {
	for _, r := range replies {
		if r.Form != nil {
			return true
		}
	}
	return false
}

// showForm opens r's form as a modal, or fills the loading modal opened before.
func (a *Adapter) showForm(ctx context.Context, d dest, r bot.Reply) error {
	view := a.modal(r.Form, r.Lang, d.meta())
	if d.pending != nil {
		return a.fillPending(ctx, d, view)
	}
	if d.triggerID == "" {
		return errors.New("slack: no trigger to open the form")
	}
	if _, err := a.api.OpenViewContext(ctx, d.triggerID, view); err != nil {
		a.log.Info("views.open failed; offering a button instead", "err", err)
		return fmt.Errorf("slack: views.open: %w", err)
	}
	return nil
}

func (a *Adapter) fillPending(ctx context.Context, d dest, view slackapi.ModalViewRequest) error {
	select {
	case <-d.pending.ready:
	case <-ctx.Done():
		return ctx.Err()
	}
	if d.pending.id == "" {
		return errors.New("slack: loading modal was not opened")
	}
	if _, err := a.api.UpdateViewContext(ctx, view, "", d.pending.hash, d.pending.id); err != nil {
		a.log.Warn("views.update failed", "err", err)
		return fmt.Errorf("slack: views.update: %w", err)
	}
	return nil
}

// post sends one reply as a message: through the response URL when there is
// one, as an ephemeral message for private replies in a channel, else as a
// normal message in the channel (thread) or the user's DM.
func (a *Adapter) post(ctx context.Context, d dest, r bot.Reply, part int) error {
	blocks := a.blocks(r, maxMessageBlocks)
	text := escapeClip(r.Text, maxFallbackText)
	r.Private = r.Private || d.private
	switch {
	case d.responseURL != "":
		msg := responseMessage(r.Private, text, blocks)
		err := a.paced(ctx, d.channel, func() error {
			return a.sent(slackapi.PostWebhookCustomHTTPContext(ctx, d.responseURL, a.cfg.HTTPClient, msg))
		})
		return redact.Error(err, d.responseURL)
	case r.Private && !d.direct && d.channel != "":
		opts := []slackapi.MsgOption{slackapi.MsgOptionText(text, false), slackapi.MsgOptionBlocks(blocks...)}
		if d.thread != "" {
			opts = append(opts, slackapi.MsgOptionTS(d.thread))
		}
		return a.paced(ctx, d.channel, func() error {
			_, err := a.api.PostEphemeralContext(ctx, d.channel, d.user, opts...)
			return a.sent(err)
		})
	default:
		channel, thread := d.messageTo(r)
		_, err := a.postMessage(ctx, channel, thread, text, blocks, answerMeta(d.event, part)...)
		return err
	}
}

// responseMessage is the body of a slash command answer or response_url post.
func responseMessage(private bool, text string, blocks []slackapi.Block) *slackapi.WebhookMessage {
	typ := slackapi.ResponseTypeInChannel
	if private {
		typ = slackapi.ResponseTypeEphemeral
	}
	return &slackapi.WebhookMessage{ResponseType: typ, Text: text, Blocks: &slackapi.Blocks{BlockSet: blocks}}
}

func (a *Adapter) postMessage(ctx context.Context, channel, thread, text string, blocks []slackapi.Block, more ...slackapi.MsgOption) (string, error) {
	opts := append([]slackapi.MsgOption{slackapi.MsgOptionText(text, false), slackapi.MsgOptionBlocks(blocks...)}, more...)
	if thread != "" {
		opts = append(opts, slackapi.MsgOptionTS(thread))
	}
	var ts string
	err := a.paced(ctx, channel, func() error {
		var err error
		_, ts, err = a.api.PostMessageContext(ctx, channel, opts...)
		return a.sent(err)
	})
	return ts, err
}

// sent counts a successful post.
func (a *Adapter) sent(err error) error {
	if err == nil {
		a.m.MessageOut(bot.PlatformSlack)
	}
	return err
}

// Send posts r to the channel to.Channel (a reminder or digest) and returns
// the message ts. Posts are paced per channel and retried after 429s. It
// returns an error wrapping bot.ErrNotFound when the channel does not exist,
// is archived or the bot is not in it, bot.ErrInvalid for a target of
// another platform, and bot.ErrUnavailable for other failures.
func (a *Adapter) Send(ctx context.Context, to bot.Target, r bot.Reply) (string, error) {
	if to.Platform != "" && to.Platform != bot.PlatformSlack || to.Channel == "" {
		return "", fmt.Errorf("slack: send to %s %q: %w", to.Platform, to.Channel, bot.ErrInvalid)
	}
	ts, err := a.postMessage(ctx, to.Channel, "", escapeClip(r.Text, maxFallbackText), a.blocks(r, maxMessageBlocks))
	if err != nil {
		a.m.SendFailure(bot.PlatformSlack)
		return "", fmt.Errorf("slack: post to %s: %w", to.Channel, classify(err))
	}
	a.attach(ctx, to.Channel, r)
	return ts, nil
}

// classify maps a Web API error to the bot package's error kinds.
func classify(err error) error {
	var se slackapi.SlackErrorResponse
	if errors.As(err, &se) {
		switch se.Err {
		case "channel_not_found", "not_in_channel", "is_archived", "channel_is_archived", "user_not_found":
			return fmt.Errorf("%s: %w", se.Err, bot.ErrNotFound)
		}
	}
	return fmt.Errorf("%w: %w", err, bot.ErrUnavailable)
}
