package discord

import (
	"sort"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/askerkommune/temaplanbot/bot"
)

// Discord's limits that rendering respects.
const (
	maxContent     = 2000 // message content, in characters
	maxButtons     = 25   // 5 action rows of 5 buttons
	maxCustomID    = 100
	maxLabel       = 80 // button label
	maxModalTitle  = 45
	maxInputLabel  = 45
	maxPlaceholder = 100
	maxInputLen    = 4000
)

// Adapter-only custom ids (never sent to the engine as actions).
const (
	// idOpenModal is the "Continue" button under the privacy notice: it opens
	// the input modal; the value is the plan id.
	idOpenModal = "discord_modal"
)

// message is a rendered reply: content chunks (each within maxContent) and
// the buttons to show under the last chunk.
type message struct {
	chunks     []string
	components []discordgo.MessageComponent
	private    bool
	public     bool // every reply is meant for the channel (bot.Reply.Public)
	lang       bot.Lang
}

// render turns the engine's replies into one Discord message. Texts are
// joined; every reply's choices become buttons (custom_id "action:value").
// Field errors of a form submission are listed, with a button to try again.
func (a *Adapter) render(replies []bot.Reply, fallback bot.Lang) message {
	m := message{lang: fallback, public: len(replies) > 0}
	var parts []string
	var buttons []discordgo.Button
	for i, r := range replies {
		if i == 0 && r.Lang != "" {
			m.lang = r.Lang
		}
		m.private = m.private || r.Private
		m.public = m.public && r.Public
		if t := strings.TrimSpace(r.Text); t != "" {
			parts = append(parts, t)
		}
		if len(r.FieldErrors) > 0 {
			if len(parts) > 0 && parts[len(parts)-1] == strings.TrimSpace(r.Text) {
				parts = parts[:len(parts)-1] // the engine's text lists the errors
			}
			parts = append(parts, a.fieldErrors(m.lang, r.FieldErrors))
			buttons = append(buttons, a.button(bot.Choice{
				Label: a.loc.Text(m.lang, "discord.form.retry", nil), Action: idOpenModal, Value: r.Plan, Style: "primary",
			}))
		}
		for _, c := range r.Choices {
			buttons = append(buttons, a.button(c))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, a.loc.Text(m.lang, "discord.empty", nil))
	}
	m.chunks = splitContent(strings.Join(parts, "\n\n"), maxContent)
	m.components = rows(buttons)
	return m
}

// fieldErrors lists a form's validation messages in a stable order.
func (a *Adapter) fieldErrors(lang bot.Lang, errs map[string]string) string {
	keys := make([]string, 0, len(errs))
	for k := range errs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	lines := []string{a.loc.Text(lang, "discord.form.errors", nil)}
	for _, k := range keys {
		lines = append(lines, errs[k])
	}
	return strings.Join(lines, "\n")
}

// button renders a choice; the custom id carries action and value.
func (a *Adapter) button(c bot.Choice) discordgo.Button {
	style := discordgo.SecondaryButton
	switch c.Style {
	case "primary":
		style = discordgo.PrimaryButton
	case "danger":
		style = discordgo.DangerButton
	}
	return discordgo.Button{
		Label:    truncate(c.Label, maxLabel),
		Style:    style,
		CustomID: truncate(c.Action+":"+c.Value, maxCustomID),
	}
}

// rows packs buttons into action rows of five, dropping any beyond 25 and
// repeated custom ids (Discord rejects duplicates).
func rows(buttons []discordgo.Button) []discordgo.MessageComponent {
	var out []discordgo.MessageComponent
	var row discordgo.ActionsRow
	seen := map[string]bool{}
	n := 0
	for _, b := range buttons {
		if seen[b.CustomID] || b.Label == "" || n == maxButtons {
			continue
		}
		seen[b.CustomID] = true
		n++
		row.Components = append(row.Components, b)
		if len(row.Components) == 5 {
			out = append(out, row)
			row = discordgo.ActionsRow{}
		}
	}
	if len(row.Components) > 0 {
		out = append(out, row)
	}
	return out
}

// modal renders the input form as a Discord modal in the legacy shape
// (Action Row -> Text Input) that discordgo v0.29.0 can express. The custom
// id carries the plan ("submit_form:<plan>"); without a preselected plan the
// modal asks for it in a short text field.
func (a *Adapter) modal(f *bot.Form, lang bot.Lang) *discordgo.InteractionResponseData {
	title := f.Title
	if title == "" {
		title = a.loc.Text(lang, "discord.modal.title", nil)
	}
	textLabel := f.TextLabel
	if textLabel == "" {
		textLabel = a.loc.Text(lang, "discord.modal.text_label", nil)
	}
	max := f.MaxLen
	if max <= 0 || max > maxInputLen {
		max = maxInputLen
	}
	var comps []discordgo.MessageComponent
	if f.Plan == "" {
		planLabel := f.PlanLabel
		if planLabel == "" {
			planLabel = a.loc.Text(lang, "discord.modal.plan_label", nil)
		}
		comps = append(comps, discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
			CustomID: bot.FieldPlan, Label: truncate(planLabel, maxInputLabel), Style: discordgo.TextInputShort,
			Required: true, MaxLength: 100,
		}}})
	}
	comps = append(comps, discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
		CustomID:    bot.FieldText,
		Label:       truncate(textLabel, maxInputLabel),
		Style:       discordgo.TextInputParagraph,
		Placeholder: truncate(a.loc.Text(lang, "discord.modal.placeholder", nil), maxPlaceholder),
		Value:       truncate(f.Text, max),
		Required:    true,
		MaxLength:   max,
	}}})
	return &discordgo.InteractionResponseData{
		CustomID:   truncate(bot.ActSubmitForm+":"+f.Plan, maxCustomID),
		Title:      truncate(title, maxModalTitle),
		Components: comps,
	}
}

// splitContent cuts text into pieces of at most max characters, preferring
// paragraph, then line, then word boundaries.
func splitContent(text string, max int) []string {
	var out []string
	r := []rune(text)
	for len(r) > max {
		cut := max
		window := string(r[:max])
		for _, sep := range []string{"\n\n", "\n", " "} {
			if i := strings.LastIndex(window, sep); i > 0 {
				cut = len([]rune(window[:i]))
				break
			}
		}
		out = append(out, strings.TrimRight(string(r[:cut]), " \n"))
		r = []rune(strings.TrimLeft(string(r[cut:]), " \n"))
	}
	if len(r) > 0 || len(out) == 0 {
		out = append(out, string(r))
	}
	return out
}

// truncate shortens s to at most max characters, ending with "…" when cut.
func truncate(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max-1]) + "…"
}
