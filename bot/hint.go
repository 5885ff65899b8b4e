package bot

import (
	"maps"
	"slices"
	"strings"
)

// Hints keep engine texts platform-neutral. A text says what the resident
// can write to do something as a hint between ⟦ and ⟧ holding the command
// words in the text's language ("⟦mine⟧", "⟦slett INN-7K3QF9⟧"); each
// adapter shows it in its own idiom with RenderHints: Slack and Discord as
// the slash command (/temaplan mine), the web as words to write («mine»),
// the terminal as what to type. The words work without the slash command
// on every channel.
const (
	hintOpen  = "⟦"
	hintClose = "⟧"
)

// Hint is one thing a resident can write: command words in Lang.
type Hint struct {
	Words string
	Lang  Lang
}

// SlashHint renders a hint as the slash command command (Slack, Discord):
// "/temaplan mine".
func SlashHint(command string) func(Hint) string {
	return func(h Hint) string { return "/" + command + " " + h.Words }
}

// RenderHints returns copies of replies with every hint in their texts
// (text, sections, choice labels, the form's texts, field errors) replaced
// by render(h). The replies passed in are not changed.
func RenderHints(replies []Reply, render func(Hint) string) []Reply {
	out := make([]Reply, len(replies))
	for i, r := range replies {
		out[i] = RenderReplyHints(r, render)
	}
	return out
}

// RenderReplyHints is RenderHints for one reply.
func RenderReplyHints(r Reply, render func(Hint) string) Reply {
	in := func(s string) string { return RenderHintsIn(s, r.Lang, render) }
	r.Text = in(r.Text)
	r.Sections = slices.Clone(r.Sections)
	for i := range r.Sections {
		r.Sections[i].Title, r.Sections[i].Body = in(r.Sections[i].Title), in(r.Sections[i].Body)
	}
	r.Choices = slices.Clone(r.Choices)
	for i := range r.Choices {
		r.Choices[i].Label = in(r.Choices[i].Label)
	}
	if r.Form != nil {
		f := *r.Form
		f.Title, f.Notice, f.TextPlaceholder = in(f.Title), in(f.Notice), in(f.TextPlaceholder)
		r.Form = &f
	}
	if r.FieldErrors != nil {
		r.FieldErrors = maps.Clone(r.FieldErrors)
		for k, v := range r.FieldErrors {
			r.FieldErrors[k] = in(v)
		}
	}
	return r
}

// RenderHintsIn replaces every hint in s (a text in lang) by render(h). An
// opening mark without its closing one is left as it is.
func RenderHintsIn(s string, lang Lang, render func(Hint) string) string {
	if !strings.Contains(s, hintOpen) {
		return s
	}
	var b strings.Builder
	for {
		before, rest, ok := strings.Cut(s, hintOpen)
		words, after, closed := strings.Cut(rest, hintClose)
		if !ok || !closed {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(before)
		b.WriteString(render(Hint{Words: strings.TrimSpace(words), Lang: lang}))
		s = after
	}
}
