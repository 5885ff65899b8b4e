package slack

import (
	"encoding/json"
	"strconv"
	"strings"

	slackapi "github.com/slack-go/slack"

	"github.com/askerkommune/temaplanbot/bot"
)

// Block Kit limits (https://docs.slack.dev/reference/block-kit).
const (
	maxMessageBlocks = 50
	maxViewBlocks    = 100
	maxSectionText   = 3000
	maxFallbackText  = 4000
	maxButtonText    = 75
	maxButtonValue   = 2000
	maxButtonsBlock  = 25
	maxOptionText    = 75
	maxOptions       = 100
	maxViewTitle     = 24
	maxPlaceholder   = 150
	maxInputLength   = 3000
	maxMetadata      = 3000
)

// slashCommand is the app's slash command (slack-app-manifest.yaml); the
// engine's hints are shown as it: /temaplan mine.
const slashCommand = "temaplan"

// renderHints shows the engine's hints in replies as the slash command.
func renderHints(replies []bot.Reply) []bot.Reply {
	return bot.RenderHints(replies, bot.SlashHint(slashCommand))
}

// Ids of the input form (modal) and its blocks. A block's action id equals
// its block id.
const (
	callbackForm    = "temaplan_input"
	callbackLoading = "temaplan_loading"
	callbackInfo    = "temaplan_info"
	blockPlan       = bot.FieldPlan
	blockText       = bot.FieldText
)

// actionID makes a button's action_id: the bot action id, "/", and the
// button's index, since Slack wants action ids unique within a block.
func actionID(act string, i int) string { return act + "/" + strconv.Itoa(i) }

// actionOf returns the bot action id of a button's action_id.
func actionOf(id string) string {
	act, _, _ := strings.Cut(id, "/")
	return act
}

// blocks renders r as Block Kit: its sections (or its Text when it has
// none) as mrkdwn section blocks, then its choices as buttons; at most limit blocks.
func (a *Adapter) blocks(r bot.Reply, limit int) []slackapi.Block {
	actions := choiceBlocks(r.Choices)
	room := max(limit-len(actions), 1)
	var out []slackapi.Block
	if len(r.Sections) == 0 && strings.TrimSpace(r.Text) != "" {
		out = append(out, section(r.Text))
	}
	for _, s := range r.Sections {
		if len(out) == room {
			break
		}
		text := escapeClip(s.Body, maxSectionText)
		if s.Title != "" {
			text = "*" + escapeClip(s.Title, 200) + "*\n" + escapeClip(s.Body, maxSectionText-210)
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		out = append(out, slackapi.NewSectionBlock(slackapi.NewTextBlockObject(slackapi.MarkdownType, text, false, false), nil, nil))
	}
	return append(out, actions[:min(len(actions), limit-len(out))]...)
}

func section(text string) slackapi.Block {
	return slackapi.NewSectionBlock(
		slackapi.NewTextBlockObject(slackapi.MarkdownType, escapeClip(text, maxSectionText), false, false), nil, nil)
}

// choiceBlocks renders choices as buttons in actions blocks of up to 25.
func choiceBlocks(choices []bot.Choice) []slackapi.Block {
	var out []slackapi.Block
	for start := 0; start < len(choices); start += maxButtonsBlock {
		end := min(start+maxButtonsBlock, len(choices))
		var els []slackapi.BlockElement
		for i := start; i < end; i++ {
			c := choices[i]
			btn := slackapi.NewButtonBlockElement(actionID(c.Action, i), clip(c.Value, maxButtonValue),
				slackapi.NewTextBlockObject(slackapi.PlainTextType, clip(c.Label, maxButtonText), false, false))
			switch c.Style {
			case "primary":
				btn.Style = slackapi.StylePrimary
			case "danger":
				btn.Style = slackapi.StyleDanger
			}
			els = append(els, btn)
		}
		out = append(out, slackapi.NewActionBlock("choices-"+strconv.Itoa(start/maxButtonsBlock), els...))
	}
	return out
}

// viewMeta is carried in a modal's private_metadata so the receipt of a
// submission goes back where the form was opened.
type viewMeta struct {
	Channel string `json:"c,omitempty"`
	Thread  string `json:"t,omitempty"`
	Direct  bool   `json:"d,omitempty"`
	Plan    string `json:"p,omitempty"` // preselected plan when no plan list was shown
}

func (m viewMeta) encode() string {
	b, _ := json.Marshal(m)
	if len(b) > maxMetadata {
		return ""
	}
	return string(b)
}

func decodeMeta(s string) viewMeta {
	var m viewMeta
	_ = json.Unmarshal([]byte(s), &m) // a foreign or empty value means "reply in the DM"
	return m
}

func plain(s string, n int) *slackapi.TextBlockObject {
	return slackapi.NewTextBlockObject(slackapi.PlainTextType, clip(s, n), false, false)
}

// or returns s, or the adapter's message id when s is empty.
func (a *Adapter) or(s string, lang bot.Lang, id string) string {
	if strings.TrimSpace(s) != "" {
		return s
	}
	return a.text(lang, id)
}

// modal renders the input form: the privacy notice, a plan select and a
// multiline text input.
func (a *Adapter) modal(f *bot.Form, lang bot.Lang, meta viewMeta) slackapi.ModalViewRequest {
	var blocks []slackapi.Block
	if strings.TrimSpace(f.Notice) != "" {
		blocks = append(blocks, section(f.Notice))
	}
	if len(f.Plans) > 0 {
		blocks = append(blocks, a.planInput(f, lang))
	} else {
		meta.Plan = f.Plan
	}
	maxLen := f.MaxLen
	if maxLen <= 0 || maxLen > maxInputLength {
		maxLen = maxInputLength
	}
	text := slackapi.NewPlainTextInputBlockElement(
		plain(a.or(f.TextPlaceholder, lang, "slack.form.text_placeholder"), maxPlaceholder), blockText)
	text.Multiline = true
	text.MaxLength = maxLen
	text.InitialValue = clip(f.Text, maxLen)
	blocks = append(blocks, slackapi.NewInputBlock(blockText,
		plain(a.or(f.TextLabel, lang, "slack.form.text_label"), 2000), nil, text))
	return slackapi.ModalViewRequest{
		Type:            slackapi.VTModal,
		CallbackID:      callbackForm,
		Title:           plain(a.or(f.Title, lang, "slack.form.title"), maxViewTitle),
		Submit:          plain(a.or(f.Submit, lang, "slack.form.submit"), maxViewTitle),
		Close:           plain(a.or(f.Cancel, lang, "slack.form.cancel"), maxViewTitle),
		Blocks:          slackapi.Blocks{BlockSet: blocks},
		PrivateMetadata: meta.encode(),
	}
}

func (a *Adapter) planInput(f *bot.Form, lang bot.Lang) slackapi.Block {
	var opts []*slackapi.OptionBlockObject
	var initial *slackapi.OptionBlockObject
	for _, p := range f.Plans[:min(len(f.Plans), maxOptions)] {
		o := slackapi.NewOptionBlockObject(p.Value, plain(p.Label, maxOptionText), nil)
		if p.Value == f.Plan {
			initial = o
		}
		opts = append(opts, o)
	}
	sel := slackapi.NewOptionsSelectBlockElement(slackapi.OptTypeStatic,
		plain(a.text(lang, "slack.form.plan_placeholder"), maxPlaceholder), blockPlan, opts...)
	sel.InitialOption = initial
	return slackapi.NewInputBlock(blockPlan, plain(a.or(f.PlanLabel, lang, "slack.form.plan_label"), 2000), nil, sel)
}

// loadingModal is opened at once when the engine is slow to produce the
// form, because a trigger_id expires after 3 seconds; it is updated later.
func (a *Adapter) loadingModal(lang bot.Lang, meta viewMeta) slackapi.ModalViewRequest {
	return slackapi.ModalViewRequest{
		Type:            slackapi.VTModal,
		CallbackID:      callbackLoading,
		Title:           plain(a.text(lang, "slack.form.title"), maxViewTitle),
		Close:           plain(a.text(lang, "slack.form.close"), maxViewTitle),
		Blocks:          slackapi.Blocks{BlockSet: []slackapi.Block{section(a.text(lang, "slack.form.loading"))}},
		PrivateMetadata: meta.encode(),
	}
}

// infoModal replaces a loading modal when the engine answered without a
// form (e.g. the resident has reached the input limit).
func (a *Adapter) infoModal(lang bot.Lang, replies []bot.Reply) slackapi.ModalViewRequest {
	var blocks []slackapi.Block
	for _, r := range replies {
		r.Choices = nil // buttons in a modal would need their own handling
		blocks = append(blocks, a.blocks(r, maxViewBlocks-len(blocks))...)
	}
	if len(blocks) == 0 {
		blocks = append(blocks, section(a.text(lang, "slack.error.generic")))
	}
	return slackapi.ModalViewRequest{
		Type:       slackapi.VTModal,
		CallbackID: callbackInfo,
		Title:      plain(a.text(lang, "slack.form.title"), maxViewTitle),
		Close:      plain(a.text(lang, "slack.form.close"), maxViewTitle),
		Blocks:     slackapi.Blocks{BlockSet: blocks[:min(len(blocks), maxViewBlocks)]},
	}
}

// homeView renders the engine's overview for the App Home tab.
func (a *Adapter) homeView(r bot.Reply) slackapi.HomeTabViewRequest {
	return slackapi.HomeTabViewRequest{
		Type:   slackapi.VTHomeTab,
		Blocks: slackapi.Blocks{BlockSet: a.blocks(renderHints([]bot.Reply{r})[0], maxViewBlocks)},
	}
}

// withFormButton adds a "give input" button to a reply whose form could not
// be opened (no trigger, or it expired), so the resident can open it.
func (a *Adapter) withFormButton(r bot.Reply) bot.Reply {
	for _, c := range r.Choices {
		if c.Action == bot.ActOpenForm {
			return r
		}
	}
	plan := ""
	if r.Form != nil {
		plan = r.Form.Plan
	}
	r.Choices = append(append([]bot.Choice(nil), r.Choices...),
		bot.Choice{Label: a.text(r.Lang, "slack.form.open"), Action: bot.ActOpenForm, Value: plan, Style: "primary"})
	r.Form = nil
	return r
}
