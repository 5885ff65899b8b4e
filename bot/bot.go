// Package bot is temaplanbot's domain: the messages residents send, the replies
// the bot gives, the plan catalogue, and the interfaces the conversation engine
// needs from the outside world (store, localizer, clock). It depends on the
// standard library only; platform adapters and the store live under internal/.
package bot

import (
	"context"
	"errors"
	"strings"
)

// Lang is a reply language, as a BCP 47 base tag ("nb", "en").
type Lang string

// The languages temaplanbot answers in. Nynorsk input is understood and
// answered in bokmål.
const (
	NB Lang = "nb"
	EN Lang = "en"
)

// Langs lists the supported reply languages, default first.
var Langs = []Lang{NB, EN}

// ParseLang turns user or platform input ("nb", "no", "norsk", "en-US",
// "english") into a supported Lang. It reports false for anything else.
func ParseLang(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i > 0 {
		s = s[:i]
	}
	switch s {
	case "nb", "no", "nn", "nob", "nno", "norsk", "bokmål", "bokmal", "nynorsk", "norwegian":
		return NB, true
	case "en", "eng", "english", "engelsk":
		return EN, true
	}
	return "", false
}

// LangFromLocale maps a platform locale (Discord "no", "en-US", "en-GB";
// Slack "nb-NO", "en-US") to a reply language. Unknown or empty locales
// report false so the caller falls back to detection on the text.
func LangFromLocale(locale string) (Lang, bool) {
	l := strings.ToLower(strings.TrimSpace(locale))
	switch {
	case l == "":
		return "", false
	case l == "no" || strings.HasPrefix(l, "nb") || strings.HasPrefix(l, "nn") || strings.HasPrefix(l, "no-"):
		return NB, true
	case l == "en" || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_"):
		return EN, true
	}
	return "", false
}

// Platform names used in Message.Platform and stored documents.
const (
	PlatformSlack   = "slack"
	PlatformDiscord = "discord"
	PlatformConsole = "console"
	PlatformWeb     = "web"
)

// Message is one thing a resident or staff member said or did, turned into
// platform-neutral form by an adapter.
type Message struct {
	Platform  string // PlatformSlack, PlatformDiscord, PlatformConsole, PlatformWeb
	Workspace string // Slack team id, Discord guild id; empty in DMs and the console
	Channel   string // channel or DM id the reply goes to
	User      string // the platform's user id; the engine stores only a keyed hash of it
	Text      string // what was written; for a slash command, the arguments after /temaplan
	Locale    string // the platform's locale hint for the user, if any ("no", "en-US", "nb-NO")
	EventID   string // stable platform id of the event (Slack event_id, Discord interaction/message id)
	Direct    bool   // a direct message (DM) rather than a channel
	Command   bool   // Text came from the /temaplan slash command
	Staff     bool   // the adapter found the user in the configured staff list
	// PagePlan is the plan id of the page the message was written on (a web
	// chat embedded on a plan's page): the plan of an input that names none.
	PagePlan string
	Action   *Action
}

// Action is a button press or a form (modal) submission.
type Action struct {
	ID     string            // one of the Act* constants
	Value  string            // e.g. the plan id of a plan button
	Fields map[string]string // form fields (FieldPlan, FieldText) for ActSubmitForm
}

// Action ids carried by Choice.Action and Action.ID.
const (
	ActConfirm    = "confirm"     // confirm sending the input shown
	ActCancel     = "cancel"      // leave the dialog
	ActChoosePlan = "choose_plan" // Value: plan id chosen for the input
	ActPlanInfo   = "plan_info"   // Value: plan id to show
	ActOpenForm   = "open_form"   // Value: optional plan id; adapter opens Form from the reply
	ActSubmitForm = "submit_form" // Fields: FieldPlan, FieldText
	ActMoreInput  = "more_input"  // Value: how many of the resident's newest inputs were shown ("show more")
	ActMorePlans  = "more_plans"  // Value: how many plans of the list were shown ("more plans")
	// ActLanguage is an explicit language choice made outside the text (a
	// web page's language switch). Value: a language code ("nb", "en").
	ActLanguage = "language"
)

// Form field names for ActSubmitForm.
const (
	FieldPlan = "plan"
	FieldText = "text"
)

// Reply is what the engine wants shown. Text is always set and reads well
// on its own (plain text, screen-reader friendly); adapters may render
// Sections, Choices and Form richer (Block Kit, components, modals).
type Reply struct {
	Lang     Lang
	Intent   Intent
	Plan     string // plan id the reply is about, if any
	Text     string
	Sections []Section
	Choices  []Choice
	Form     *Form
	// Private replies are shown only to the user (Slack ephemeral, Discord flag 64).
	Private bool
	// Public replies to a slash command are meant for the whole channel (a
	// staff member subscribing it to reminders, say); other command replies
	// are shown to the user only.
	Public bool
	// FieldErrors holds per-field validation messages for a form submission
	// (Slack response_action "errors", Discord re-prompt). Keys: FieldPlan, FieldText.
	FieldErrors map[string]string
	// Ref is the receipt reference of a stored submission (INN-XXXXXX).
	Ref string
	// Attachments are files shown with the reply (a digest's chart).
	Attachments []Attachment
}

// Attachment is a file shown with a reply, such as a chart. Adapters that
// cannot attach it (or fail to) show Fallback instead.
type Attachment struct {
	Name     string // file name, e.g. "inputs-per-week.png"
	Type     string // MIME type, e.g. "image/png"
	Data     []byte
	Alt      string // text alternative for screen readers: what the image shows, with its numbers
	Fallback string // plain text to show instead of the file
}

// Section is a titled block of text (Title may be empty).
type Section struct {
	Title string
	Body  string
}

// Choice is a button the user can press.
type Choice struct {
	Label  string
	Action string // Act* constant
	Value  string
	Style  string // "", "primary" or "danger"
}

// Form describes the input form (Slack modal, Discord modal).
type Form struct {
	Title           string
	Notice          string   // privacy notice shown in the form
	Plan            string   // preselected plan id, may be empty
	Plans           []Choice // plan options: Label = plan name, Value = plan id
	PlanLabel       string
	TextLabel       string
	TextPlaceholder string
	Text            string // prefilled text
	Submit          string
	Cancel          string
	MaxLen          int
}

// Handler answers one message. Implementations never fail: errors are logged
// and turned into a polite, localized reply.
type Handler interface {
	Handle(ctx context.Context, m Message) []Reply
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx context.Context, m Message) []Reply

// Handle calls f(ctx, m).
func (f HandlerFunc) Handle(ctx context.Context, m Message) []Reply { return f(ctx, m) }

// Responder is what platform adapters need from the engine.
type Responder interface {
	Handler
	// SuggestPlans returns up to limit plans matching a partial query (names,
	// short names and aliases in every language), best first; Value is the plan id.
	SuggestPlans(query string, lang Lang, limit int) []Choice
	// Overview is the plan overview and how to give input (Slack App Home).
	Overview(lang Lang) Reply
	// Localizer gives adapters their own strings (command descriptions, errors).
	Localizer() Localizer
}

// LangChooser is implemented by a Responder that can tell a user's reply
// language without a message (for views such as Slack's App Home): the
// user's explicit choice, else the platform locale, else bokmål.
type LangChooser interface {
	LangFor(ctx context.Context, platform, user, locale string) Lang
}

// TextLanger is implemented by a Responder that can tell the language a
// text is written in; ok is false when the text is too short or mixed to
// tell. Adapters use it to mark a resident's own message (a web page's lang).
type TextLanger interface {
	TextLang(text string) (lang Lang, ok bool)
}

// Target identifies where an unprompted message (reminder, digest) goes.
type Target struct {
	Platform  string
	Workspace string
	Channel   string
}

// Sender posts unprompted messages. Send returns the platform's message id.
// It returns an error wrapping ErrUnavailable when the platform cannot be
// reached, and ErrNotFound when the channel does not exist or the bot was removed.
type Sender interface {
	Send(ctx context.Context, to Target, r Reply) (messageID string, err error)
}

// Localizer returns user-facing text from the locale files.
type Localizer interface {
	// Text returns message id in lang with data filled in. A message missing
	// in lang falls back to nb; a message missing everywhere returns its id.
	Text(lang Lang, id string, data map[string]any) string
}

// Errors the interfaces in this package return; test with errors.Is.
var (
	ErrNotFound    = errors.New("not found")
	ErrConflict    = errors.New("conflict")
	ErrArchived    = errors.New("archived")
	ErrForbidden   = errors.New("forbidden")
	ErrUnavailable = errors.New("unavailable")
	ErrInvalid     = errors.New("invalid")
)
