package discord

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"net/http"
	"strconv"

	"github.com/bwmarrin/discordgo"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/inbox"
	"github.com/askerkommune/temaplanbot/internal/redact"
)

// policy says which failures a REST call may retry.
type policy struct {
	// idempotent calls may be repeated after a network error or a 5xx
	// without a second post (edits; message creates with an enforced nonce).
	idempotent bool
	// retryNotFound retries a 404 a few times: an edit of an interaction
	// response can race Discord's processing of the initial response.
	retryNotFound bool
}

// Retry limits for REST calls.
const (
	maxAttempts   = 4
	maxRateWaits  = 5
	missingAccess = 50001 // Discord error code: the bot cannot see the channel
)

// call runs one REST request with discordgo's own retries switched off. A
// 429 is waited out (retry_after from the body, the rate-limit headers are
// tracked by discordgo's buckets) and retried with the same body; network
// errors and 5xx are retried only under an idempotent policy. Errors wrap
// bot.ErrNotFound (404, no access), bot.ErrForbidden (403), bot.ErrInvalid
// (other 4xx) or bot.ErrUnavailable (network, 5xx, ctx ended).
func (a *Adapter) call(ctx context.Context, op string, p policy, f func(opts ...discordgo.RequestOption) error) error {
	waits := 0
	for attempt := 1; ; attempt++ {
		// The URL in a network error holds the interaction token: mask it.
		err := redact.Error(f(discordgo.WithContext(ctx)))
		if err == nil {
			return nil
		}
		var rl *discordgo.RateLimitError
		if errors.As(err, &rl) && rl.TooManyRequests != nil && waits < maxRateWaits {
			waits++
			attempt--
			a.met.RateLimitWait(bot.PlatformDiscord)
			a.log.Warn("discord rate limited", "op", op, "retry_after", rl.RetryAfter, "bucket", rl.Bucket)
			if err := a.sleep(ctx, max(rl.RetryAfter, 10*1e6)); err != nil {
				return fmt.Errorf("discord: %s: waiting for rate limit: %w: %w", op, bot.ErrUnavailable, err)
			}
			continue
		}
		kind, retry := classify(err, p)
		if !retry || attempt >= maxAttempts || ctx.Err() != nil {
			return fmt.Errorf("discord: %s: %w: %w", op, kind, err)
		}
		a.log.Debug("discord call failed, retrying", "op", op, "attempt", attempt, "err", err)
		if err := a.sleep(ctx, a.retryIn<<(attempt-1)); err != nil {
			return fmt.Errorf("discord: %s: %w: %w", op, bot.ErrUnavailable, err)
		}
	}
}

// classify maps a REST failure to a bot error and says whether p allows a retry.
func classify(err error, p policy) (kind error, retry bool) {
	var re *discordgo.RESTError
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return bot.ErrUnavailable, false
	case errors.As(err, &re) && re.Response != nil:
		code := re.Response.StatusCode
		switch {
		case code == http.StatusNotFound:
			return bot.ErrNotFound, p.retryNotFound
		case code == http.StatusForbidden && re.Message != nil && re.Message.Code == missingAccess:
			return bot.ErrNotFound, false
		case code == http.StatusForbidden || code == http.StatusUnauthorized:
			return bot.ErrForbidden, false
		case code >= 500:
			return bot.ErrUnavailable, p.idempotent
		}
		return bot.ErrInvalid, false
	}
	return bot.ErrUnavailable, p.idempotent
}

// outgoing is a channel message create body. discordgo v0.29.0's
// MessageSend has no nonce fields, so the adapter sends its own: with
// enforce_nonce Discord returns the first message for a repeated nonce
// instead of posting again, which makes retries safe.
type outgoing struct {
	Content         string                            `json:"content"`
	Nonce           string                            `json:"nonce,omitempty"`
	EnforceNonce    bool                              `json:"enforce_nonce,omitempty"`
	Components      []discordgo.MessageComponent      `json:"components,omitempty"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions,omitempty"`
	Reference       *discordgo.MessageReference       `json:"message_reference,omitempty"`
}

// post creates a message in a channel and returns its id.
func (a *Adapter) post(ctx context.Context, channelID string, body outgoing) (string, error) {
	endpoint := discordgo.EndpointChannelMessages(channelID)
	body.EnforceNonce = body.Nonce != ""
	body.AllowedMentions = noMentions()
	if body.Reference != nil {
		body.AllowedMentions.RepliedUser = true
	}
	var msg discordgo.Message
	if err := inbox.Showing(ctx); err != nil { // a copy taking over posts again: the nonce makes Discord return this message instead
		return "", err
	}
	err := a.call(ctx, "post message", policy{idempotent: body.EnforceNonce}, func(opts ...discordgo.RequestOption) error {
		b, err := a.session.RequestWithBucketID(http.MethodPost, endpoint, body, endpoint, opts...)
		if err != nil {
			return err
		}
		return json.Unmarshal(b, &msg)
	})
	if err != nil {
		a.met.SendFailure(bot.PlatformDiscord)
		return "", err
	}
	a.met.MessageOut(bot.PlatformDiscord)
	return msg.ID, nil
}

// Send posts an unprompted message (reminder, digest) to to.Channel and
// returns the id of its first message; text beyond Discord's 2,000
// characters continues in further messages. Every message carries a nonce
// with enforce_nonce, so a retry after a lost response cannot post twice.
// It returns an error wrapping bot.ErrNotFound when the channel is gone or
// the bot cannot see it, bot.ErrUnavailable when Discord cannot be reached
// (or no bot token is configured), bot.ErrInvalid for a bad request.
func (a *Adapter) Send(ctx context.Context, to bot.Target, r bot.Reply) (string, error) {
	if a.cfg.BotToken == "" {
		return "", fmt.Errorf("discord: send: no bot token configured: %w", bot.ErrUnavailable)
	}
	if to.Channel == "" {
		return "", fmt.Errorf("discord: send: no channel: %w", bot.ErrInvalid)
	}
	if !a.begin() {
		return "", fmt.Errorf("%w: %w", errShuttingDown, bot.ErrUnavailable)
	}
	defer a.inflight.Done()
	lang := r.Lang
	if lang == "" {
		lang = bot.NB
	}
	m := a.render([]bot.Reply{r}, lang)
	base := randomNonce()
	first := ""
	for i, chunk := range m.chunks {
		body := outgoing{Content: chunk, Nonce: base + strconv.Itoa(i)}
		if i == len(m.chunks)-1 {
			body.Components = m.components
		}
		id, err := a.post(ctx, to.Channel, body)
		if err != nil {
			return first, fmt.Errorf("discord: send to channel %s (part %d of %d): %w", to.Channel, i+1, len(m.chunks), err)
		}
		if first == "" {
			first = id
		}
	}
	a.attach(ctx, to.Channel, r)
	return first, nil
}

// randomNonce returns 20 random characters (nonces may be up to 25).
func randomNonce() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 20)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// finish completes an interaction after the initial response: it edits the
// original (deferred) response when edit is set, which is idempotent and so
// safe to retry, then posts the remaining chunks as follow-up messages,
// which are not retried after an unclear failure (no double posts).
func (a *Adapter) finish(ctx context.Context, in *interaction, m message, edit, private bool) {
	app := a.appID(in)
	last := len(m.chunks) - 1
	comps := func(i int) []discordgo.MessageComponent {
		if i == last && m.components != nil {
			return m.components
		}
		return []discordgo.MessageComponent{}
	}
	if edit {
		content, c := m.chunks[0], comps(0)
		body := &discordgo.WebhookEdit{Content: &content, Components: &c, AllowedMentions: noMentions()}
		uri := discordgo.EndpointWebhookMessage(app, in.Token, "@original")
		if inbox.Showing(ctx) != nil { // a copy taking over edits again, which shows the same message
			return // taken over: that copy answers
		}
		err := a.call(ctx, "edit response", policy{idempotent: true, retryNotFound: true}, func(opts ...discordgo.RequestOption) error {
			_, err := a.session.RequestWithBucketID(http.MethodPatch, uri, body, tokenBucket("edit", in.Token), opts...)
			return err
		})
		if !a.sent(err, "edit response", in) {
			return
		}
	}
	for i := 1; i <= last; i++ {
		params := &discordgo.WebhookParams{Content: m.chunks[i], Components: comps(i), AllowedMentions: noMentions()}
		if private {
			params.Flags = discordgo.MessageFlagsEphemeral
		}
		uri := discordgo.EndpointWebhookToken(app, in.Token) + "?wait=true"
		if inbox.Showing(ctx) != nil { // a copy taking over posts it again: twice rather than never
			return // taken over: that copy answers
		}
		err := a.call(ctx, "follow-up", policy{}, func(opts ...discordgo.RequestOption) error {
			_, err := a.session.RequestWithBucketID(http.MethodPost, uri, params, tokenBucket("follow-up", in.Token), opts...)
			return err
		})
		if !a.sent(err, "follow-up", in) {
			return
		}
	}
}

// tokenBucket names the discordgo rate-limit bucket for calls with an
// interaction token. discordgo keys webhook edits on one bucket for all
// tokens, which serialises every edit behind the previous one, and keys
// callbacks and follow-ups on the full URL, which keeps a bucket for every
// interaction forever. Hashing the token onto 64 buckets bounds both.
func tokenBucket(kind, token string) string {
	h := fnv.New32a()
	h.Write([]byte(token))
	return "interaction-" + kind + "/" + strconv.Itoa(int(h.Sum32()%64))
}

// sent records the outcome of a post and reports whether it succeeded.
func (a *Adapter) sent(err error, op string, in *interaction) bool {
	if err != nil {
		a.met.SendFailure(bot.PlatformDiscord)
		a.log.Error("discord "+op+" failed", "event", in.ID, "err", err)
		return false
	}
	a.met.MessageOut(bot.PlatformDiscord)
	return true
}

// respondREST sends an initial response through the REST callback (gateway
// interactions). A repeated callback is refused by Discord, so a retry
// cannot answer twice.
func (a *Adapter) respondREST(ctx context.Context, in *interaction, resp *discordgo.InteractionResponse) error {
	uri := discordgo.EndpointInteractionResponse(in.ID, in.Token)
	return a.call(ctx, "interaction callback", policy{idempotent: true}, func(opts ...discordgo.RequestOption) error {
		_, err := a.session.RequestWithBucketID(http.MethodPost, uri, resp, tokenBucket("callback", in.Token), opts...)
		return err
	})
}

func (a *Adapter) appID(in *interaction) string {
	if in.AppID != "" {
		return in.AppID
	}
	return a.cfg.AppID
}
