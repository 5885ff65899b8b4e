package discord

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/inbox"
)

// outcome is how to answer one interaction: the initial response (HTTP body
// or REST callback) and, optionally, work to run once Discord has it.
type outcome struct {
	resp   *discordgo.InteractionResponse
	status int // an error status instead of resp (409 for a replay)
	later  func(ctx context.Context)
	// acked, when set, is called once Discord has the response: the
	// inbox's edit of a deferred response waits for it.
	acked func()
}

// mode says how an answer is shown: update edits the message whose button
// was pressed (an ephemeral prompt), public allows a non-private answer in
// the channel when the engine marks none of its replies private.
type mode struct {
	update bool
	public bool
}

// followUpTimeout bounds work after the initial response; interaction
// tokens are valid for 15 minutes.
const followUpTimeout = 10 * time.Minute

// publicSubcommands are answered in the channel unless the engine says
// otherwise: a channel setting is something the channel should see.
func publicSubcommand(sub string) bool { return sub == "reminders" || sub == "digest" }

// interact decides how to answer a verified, first-seen interaction.
func (a *Adapter) interact(ctx context.Context, in *interaction) outcome {
	switch in.Type {
	case discordgo.InteractionPing:
		return outcome{resp: &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}}
	case discordgo.InteractionApplicationCommandAutocomplete:
		return outcome{resp: a.autocomplete(in)}
	case discordgo.InteractionApplicationCommand:
		return a.command(ctx, in)
	case discordgo.InteractionMessageComponent:
		return a.component(ctx, in)
	case discordgo.InteractionModalSubmit:
		return a.modalSubmit(ctx, in)
	}
	return a.unknown(in)
}

func (a *Adapter) command(ctx context.Context, in *interaction) outcome {
	sub, opts := in.command.subcommand()
	text, isCommand, ok := commandText(sub, opts)
	if in.command.Name != CommandName || !ok {
		return a.unknown(in)
	}
	msg := a.message(in)
	msg.Text, msg.Command = text, isCommand
	md := mode{public: publicSubcommand(sub)}
	if sub == "input" {
		if stringOpt(opts, "text") == "" { // the engine resolves the plan and sends the form
			return a.openForm(ctx, in, msg, false, md)
		}
		return a.deferred(ctx, in, msg, md, asAnswer) // stores input: slow work
	}
	return a.answer(ctx, in, msg, md)
}

func (a *Adapter) component(ctx context.Context, in *interaction) outcome {
	action, value := splitCustomID(in.component.CustomID)
	md := mode{update: in.ephemeralMessage()}
	if action == "" {
		return a.unknown(in)
	}
	msg := a.message(in)
	msg.Action = &bot.Action{ID: action, Value: value}
	switch action {
	case idOpenModal: // Continue under the notice, or Try again
		msg.Action.ID = bot.ActOpenForm
		return a.openForm(ctx, in, msg, true, md)
	case bot.ActOpenForm, bot.ActChoosePlan: // may come back with the form
		return a.openForm(ctx, in, msg, false, md)
	case bot.ActConfirm:
		return a.deferred(ctx, in, msg, md, asAnswer) // stores input: slow work
	}
	return a.answer(ctx, in, msg, md)
}

func (a *Adapter) modalSubmit(ctx context.Context, in *interaction) outcome {
	action, plan := splitCustomID(in.modal.CustomID)
	if action != bot.ActSubmitForm {
		return a.unknown(in)
	}
	f := in.modal.fields()
	if plan == "" {
		plan = f[bot.FieldPlan]
	}
	msg := a.message(in)
	msg.Action = &bot.Action{ID: bot.ActSubmitForm, Value: plan,
		Fields: map[string]string{bot.FieldPlan: plan, bot.FieldText: f[bot.FieldText]}}
	return a.deferred(ctx, in, msg, mode{update: in.ephemeralMessage()}, asSubmit)
}

// submitted renders the answer to a modal submission; a refused text is
// kept for "Try again", which reopens the modal with it.
func (a *Adapter) submitted(user string, msg bot.Message, replies []bot.Reply, lang bot.Lang) message {
	plan, text := msg.Action.Value, msg.Action.Fields[bot.FieldText]
	for i, r := range replies {
		if len(r.FieldErrors) == 0 {
			continue
		}
		retry := plan // "Try again" reopens the modal with the text kept
		if _, bad := r.FieldErrors[bot.FieldPlan]; bad {
			retry = "" // and asks for the plan again
		}
		a.drafts.put(user, retry, text)
		replies[i].Plan = retry
	}
	return a.render(replies, lang)
}

// openForm asks the engine for the input form (msg is "input <plan>" or a
// bot.ActOpenForm or bot.ActChoosePlan action). A Discord
// modal can hold text inputs only, so the privacy notice cannot sit inside
// it: when the engine sends the full notice (the resident's first input, it
// comes as a reply without a form), the adapter shows it as a private
// message with Continue and Cancel buttons, and Continue opens the modal.
// Later inputs open the modal at once; its placeholder carries a short
// reminder not to include personal details.
func (a *Adapter) openForm(ctx context.Context, in *interaction, msg bot.Message, skipNotice bool, md mode) outcome {
	as := asForm
	if skipNotice {
		as = asFormSkip
	}
	return a.synchronous(ctx, in, msg, md, as, func(replies []bot.Reply) outcome {
		m, modal := a.formOrNotice(in, replies, skipNotice, true)
		if modal != nil {
			return outcome{resp: &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: modal}}
		}
		return a.direct(in, m, md)
	})
}

// formOrNotice renders the engine's answer to ActOpenForm: the modal when
// modalOK and no notice is due (or skipNotice), else a message whose
// Continue button opens the modal, or the replies as they are when the
// engine sent no form (e.g. an unknown plan).
func (a *Adapter) formOrNotice(in *interaction, replies []bot.Reply, skipNotice, modalOK bool) (message, *discordgo.InteractionResponseData) {
	var form *bot.Form
	var lang bot.Lang
	var before []bot.Reply
	for _, r := range replies {
		if r.Form != nil && form == nil {
			form, lang = r.Form, r.Lang
			continue
		}
		if form == nil {
			before = append(before, r)
		}
	}
	if lang == "" {
		lang = langOf(in.Locale)
	}
	if form == nil {
		return a.render(replies, lang), nil
	}
	if modalOK && (skipNotice || len(before) == 0) {
		f := *form
		if f.Text == "" {
			f.Text = a.drafts.take(in.userID(), f.Plan)
		}
		return message{}, a.modal(&f, lang)
	}
	next := bot.Reply{Lang: lang, Private: true, Text: a.loc.Text(lang, "discord.notice.next", nil),
		Choices: []bot.Choice{
			{Label: a.loc.Text(lang, "discord.notice.continue", nil), Action: idOpenModal, Value: form.Plan, Style: "primary"},
			{Label: a.loc.Text(lang, "discord.notice.cancel", nil), Action: bot.ActCancel},
		}}
	return a.render(append(before, next), lang), nil
}

// answer asks the engine and answers directly, or defers when the engine
// takes longer than the budget.
func (a *Adapter) answer(ctx context.Context, in *interaction, msg bot.Message, md mode) outcome {
	lang := langOf(in.Locale)
	return a.synchronous(ctx, in, msg, md, asAnswer, func(replies []bot.Reply) outcome {
		return a.direct(in, a.render(replies, lang), md)
	})
}

// deferred stores the interaction in the inbox and acknowledges at once
// (type 5, or 6 for an update); the inbox answers it with an edit of the
// original response when the engine is done.
func (a *Adapter) deferred(ctx context.Context, in *interaction, msg bot.Message, md mode, as string) outcome {
	e, acked := a.interactionEvent(in, msg, md, as)
	if err := a.cfg.Inbox.Accept(ctx, e); err != nil {
		acked()
		return a.notTaken(in, md, e, err)
	}
	out := deferral(md)
	out.acked = acked
	return out
}

// synchronous stores the interaction in the inbox and waits for the
// engine within the budget: in time, show makes the response; otherwise
// the interaction is deferred and the inbox edits the response later.
// While the inbox has a queue nothing is waited for: the deferral goes out
// before any other work, so acknowledgements stay fast in a burst.
func (a *Adapter) synchronous(ctx context.Context, in *interaction, msg bot.Message, md mode, as string,
	show func([]bot.Reply) outcome) outcome {
	if a.cfg.Inbox.Busy() {
		return a.deferred(ctx, in, msg, md, as)
	}
	e, acked := a.interactionEvent(in, msg, md, as)
	t, err := a.cfg.Inbox.AcceptSync(ctx, e)
	if err != nil {
		acked()
		return a.notTaken(in, md, e, err)
	}
	replies, ok := t.WaitAlone(ctx, a.budget)
	if !ok {
		out := deferral(md)
		out.acked = acked
		return out
	}
	acked()
	out := show(replies)
	later := out.later
	out.later = func(ctx context.Context) {
		if later != nil {
			later(ctx)
		}
		t.Shown()
	}
	return out
}

// deferral is the deferred response: type 5 (ephemeral), or 6 for an update.
func deferral(md mode) outcome {
	if md.update {
		return outcome{resp: &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}}
	}
	return outcome{resp: &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}}}
}

// notTaken answers an interaction the inbox did not take: 409 for a
// replay, the "slow down" notice for a flooding resident (told once
// already), and a polite error when it could not be stored.
func (a *Adapter) notTaken(in *interaction, md mode, e bot.InboxEvent, err error) outcome {
	lang := langOf(in.Locale)
	switch {
	case errors.Is(err, inbox.ErrDuplicate):
		a.met.Duplicate(bot.PlatformDiscord)
		a.log.Info("discord interaction replayed", "event", in.ID)
		return outcome{status: http.StatusConflict}
	case errors.Is(err, inbox.ErrFlood):
		return a.direct(in, message{chunks: []string{a.loc.Text(lang, "flood.slow_down", nil)}, private: true, lang: lang}, md)
	}
	a.log.Error("discord interaction not stored", "event", e.ID, "err", err)
	id := "discord.error.generic"
	if errors.Is(err, bot.ErrUnavailable) {
		id = "error.unavailable" // the database is down: nothing was taken
	}
	return a.direct(in, message{chunks: []string{a.loc.Text(lang, id, nil)}, private: true, lang: lang}, md)
}

// direct answers with a message (type 4, or 7 for an update); content
// beyond one message follows as follow-up messages.
func (a *Adapter) direct(in *interaction, m message, md mode) outcome {
	typ := discordgo.InteractionResponseChannelMessageWithSource
	if md.update {
		typ = discordgo.InteractionResponseUpdateMessage
	}
	data := &discordgo.InteractionResponseData{Content: m.chunks[0], AllowedMentions: noMentions(),
		Components: []discordgo.MessageComponent{}}
	if len(m.chunks) == 1 && m.components != nil {
		data.Components = m.components
	}
	private := md.update || m.private || !(md.public || m.public)
	if private && !md.update {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	out := outcome{resp: &discordgo.InteractionResponse{Type: typ, Data: data}}
	if len(m.chunks) > 1 {
		out.later = func(ctx context.Context) { a.finish(ctx, in, m, false, private) }
	}
	return out
}

func (a *Adapter) unknown(in *interaction) outcome {
	lang := langOf(in.Locale)
	return a.direct(in, message{chunks: []string{a.loc.Text(lang, "discord.error.unknown", nil)}, private: true, lang: lang}, mode{})
}

// autocomplete suggests plans for the focused option (values are plan ids).
func (a *Adapter) autocomplete(in *interaction) *discordgo.InteractionResponse {
	_, opts := in.command.subcommand()
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	if o, ok := focused(opts); ok && o.Name == "plan" {
		choices = a.suggest(stringOpt([]ixOption{o}, o.Name), langOf(in.Locale))
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices}}
}

// message is the engine message common to every interaction.
func (a *Adapter) message(in *interaction) bot.Message {
	return bot.Message{
		Platform:  bot.PlatformDiscord,
		Workspace: in.GuildID,
		Channel:   in.Channel,
		User:      in.userID(),
		Locale:    in.Locale,
		EventID:   in.ID,
		Direct:    in.GuildID == "",
		Staff:     a.isStaff(in.userID(), in.roles()),
	}
}

// ask calls the engine, recording metrics; a panic becomes a polite error.
// It runs on an inbox worker.
func (a *Adapter) ask(ctx context.Context, msg bot.Message) (replies []bot.Reply) {
	start := a.now()
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("discord: engine panicked", "event", msg.EventID, "panic", p)
			lang := langOf(msg.Locale)
			replies = []bot.Reply{{Lang: lang, Private: true, Text: a.loc.Text(lang, "discord.error.generic", nil)}}
		}
	}()
	replies = bot.RenderHints(a.cfg.Responder.Handle(ctx, msg), bot.SlashHint(CommandName))
	a.met.Answer(bot.PlatformDiscord, a.now().Sub(start)) // messages in are counted by the engine
	return replies
}

// noMentions stops replies from pinging anyone (echoed text may hold @everyone).
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}
