package discord

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/askerkommune/temaplanbot/bot"
)

// How the inbox's answer to a Discord event is shown (route key "as").
const (
	asAnswer   = "answer"    // edit the deferred response with the replies
	asSubmit   = "submit"    // same, keeping a refused modal text for "Try again"
	asForm     = "form"      // the form: a Continue button (a modal needs a fresh interaction)
	asFormSkip = "form_skip" // the same, asked from Continue itself
	asMessage  = "message"   // reply to a gateway message
)

// Route keys of a Discord event.
const (
	rAs, rToken, rApp, rIx, rLocale, rUser = "as", "token", "app", "ix", "locale", "user"
	rUpdate, rPublic                       = "update", "public"
	rChannel, rMessage, rGuild             = "channel", "message", "guild"
)

// ackWait bounds how long an edit waits for the deferred response it edits.
const ackWait = 5 * time.Second

// interactionEvent builds the inbox event of an interaction, and the
// function to call once Discord has the initial response: the inbox's edit
// waits for it (Discord refuses an edit before the deferral).
func (a *Adapter) interactionEvent(in *interaction, msg bot.Message, md mode, as string) (bot.InboxEvent, func()) {
	e := bot.InboxEvent{ID: "discord:ix:" + in.ID, Message: msg, Route: map[string]string{
		rAs: as, rToken: in.Token, rApp: a.appID(in), rIx: in.ID, rLocale: in.Locale, rUser: in.userID(),
		rUpdate: strconv.FormatBool(md.update), rPublic: strconv.FormatBool(md.public)}}
	ch := make(chan struct{})
	a.acks.Store(e.ID, ch)
	return e, func() {
		close(ch)
		a.acks.Delete(e.ID)
	}
}

// messageEvent builds the inbox event of a gateway message.
func messageEvent(msg bot.Message, m *discordgo.Message) bot.InboxEvent {
	return bot.InboxEvent{ID: "discord:msg:" + m.ID, Message: msg, Route: map[string]string{
		rAs: asMessage, rChannel: m.ChannelID, rMessage: m.ID, rGuild: m.GuildID, rUser: m.Author.ID}}
}

// deliverEvent is the inbox's delivery for Discord events; any running
// copy can do it from the route.
//
// An answer a stopped copy was showing (e.Showing) is shown again as it
// is: a gateway reply carries a nonce derived from the message, so
// Discord returns the first post instead of a second; the edit of an
// interaction's deferred response replaces it with the same content. Only
// the follow-ups of an answer longer than one message can appear twice
// (Discord lists no interaction's follow-ups), which beats never.
func (a *Adapter) deliverEvent(ctx context.Context, e bot.InboxEvent, replies []bot.Reply) error {
	r := e.Route
	if e.Showing {
		a.met.Resumed(bot.PlatformDiscord)
	}
	if r[rAs] == asMessage {
		src := &discordgo.Message{ID: r[rMessage], ChannelID: r[rChannel], GuildID: r[rGuild],
			Author: &discordgo.User{ID: r[rUser]}}
		a.answerMessage(ctx, src, replies)
		return nil
	}
	if v, ok := a.acks.Load(e.ID); ok { // this copy is still sending the deferral
		t := time.NewTimer(ackWait)
		select {
		case <-v.(chan struct{}):
		case <-t.C:
		case <-ctx.Done():
		}
		t.Stop()
	}
	in := &interaction{ID: r[rIx], AppID: r[rApp], Token: r[rToken], Locale: r[rLocale]}
	in.User = &ixUser{ID: r[rUser]}
	lang := langOf(in.Locale)
	var m message
	switch r[rAs] {
	case asSubmit:
		m = a.submitted(in.userID(), e.Message, replies, lang)
	case asForm, asFormSkip:
		m, _ = a.formOrNotice(in, replies, r[rAs] == asFormSkip, false)
	default:
		m = a.render(replies, lang)
	}
	a.finish(ctx, in, m, true, true) // the deferral was private, and so are its follow-ups
	return nil
}

// acknowledged reports whether Discord got the initial response to an
// interaction taken over from a stopped copy: its original response
// exists. A copy killed between storing an interaction and answering it
// leaves one Discord showed as failed; answering it now could not reach
// the resident, and they have likely tried again. Gateway messages need no
// acknowledgement. When Discord cannot tell, the event is answered.
func (a *Adapter) acknowledged(ctx context.Context, e bot.InboxEvent) bool {
	r := e.Route
	if r[rAs] == asMessage || r[rToken] == "" {
		return true
	}
	uri := discordgo.EndpointWebhookMessage(r[rApp], r[rToken], "@original")
	err := a.call(ctx, "get original response", policy{idempotent: true}, func(opts ...discordgo.RequestOption) error {
		_, err := a.session.RequestWithBucketID(http.MethodGet, uri, nil, tokenBucket("get", r[rToken]), opts...)
		return err
	})
	return !errors.Is(err, bot.ErrNotFound)
}

// answerDiscord is the inbox's engine call for Discord events.
func (a *Adapter) answerDiscord(ctx context.Context, msg bot.Message) []bot.Reply {
	return a.ask(ctx, msg)
}
