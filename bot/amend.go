package bot

import (
	"context"
	"regexp"
	"strings"

	"github.com/askerkommune/temaplanbot/bot/act"
)

// The confirm step never changes what is sent without showing it. A clear
// act is carried out (yes, no, another plan, another language, "I want to
// change the text"); words that might be an addition, a new version of the
// text or talk about it are shown back with a question: add them, replace
// the text with them, send the input as it was, or cancel.

// Dialog steps and menu kinds of the amend question.
const (
	StepAmend = "amend" // waiting for what to do with words said at confirm (Menu[0])
	MenuAmend = "amend" // Menu holds the words said at confirm
	MenuAdd   = "add"   // at StepText: the next text is added to Dialog.Text
	// MenuChanged: at StepConfirm, the turn before replaced the text or added
	// to it; a bare "erstatt"/"legg til" now agrees with what was shown.
	MenuChanged = "changed"
)

// ActAmend is the button of the amend question; Value is one of the amend* choices.
const ActAmend = "amend"

// The amend choices, in the order they are numbered.
const (
	amendAdd     = "add"
	amendReplace = "replace"
	amendKeep    = "keep"
	amendCancel  = "cancel"
	amendYes     = "yes" // not a button: "yes" sends the text as the question showed it
)

var amendChoices = []string{amendAdd, amendReplace, amendKeep, amendCancel}

// atConfirmActs decides what a turn at confirm means when the exact rules
// (yes, no, a named plan) did not: by its dialog act. Nothing is added to
// the text unseen: what is not a clear act is shown back with choices.
func (e *Engine) atConfirmActs(ctx context.Context, t *turn, d Dialog, m Meaning) outcome {
	in := e.ans.interp()
	said := m.Raw
	if m.Intent == IntentInputSubmit && m.Text != "" {
		said = m.Text
	}
	a, p := in.classify(m.Raw)
	if p < actSure {
		a = act.Say
	}
	if o, ok := e.agreeChanged(t, d, m, a); ok {
		return o
	}
	if text, ok := substitute(d.Text, m.Raw); ok { // "yes but change every week to twice a week"
		return e.takeText(t, d, text).changedText()
	}
	if q := wholeQuote(m.Raw); len(words(q)) >= 3 {
		// a new version in quotes and nothing else: it replaces the text
		return e.takeText(t, d, q).changedText()
	}
	if nw := newWords(m.Raw); nw != "" && in.replaceLead(m.Raw) {
		// "yes, but change it to: …", "skriv heller: …": the new version
		return e.takeText(t, d, nw).changedText()
	}
	if nw := newWords(m.Raw); nw != "" && a != act.Add && in.newVersion(d.Text, nw) {
		// "hmm, make it: <the text, corrected or shortened>": a new version
		return e.takeText(t, d, nw).changedText()
	}
	if m.Question && m.Words <= 16 && newWords(m.Raw) == "" && in.asksToSee(m.Raw) {
		// "kan du vise meg teksten en gang til?": the text again, no change
		return reply(e.confirmPrompt(t, d))
	}
	if o, ok := e.confirmAct(ctx, t, d, m, a, p, said); ok {
		return o
	}
	if m.Plan != "" && m.Plan != d.Plan && m.Words <= 8 && in.contentWords(words(m.Raw)) <= 1 && !m.Question {
		// "ehh nei sorry, klimaplanen var riktig": another plan and nothing else
		d.Plan = m.Plan
		return reply(e.confirmPrompt(t, d)).then(d)
	}
	if in.announces(d.Text) && !m.Question && in.contentWords(words(m.Raw)) >= 3 {
		// the text so far only announced an input ("I'd like to submit one
		// then"): what follows is the input
		return e.takeText(t, d, m.Raw).changedText()
	}
	switch {
	case sideQuestion(m) && !continuation(m):
		return e.aside(t, d, e.ans.Answer(Understanding{Intent: m.Intent, Plan: m.Plan}, t.lang))
	case m.Question && m.Words <= 12 && !continuation(m): // "kan du lese det opp igjen?": the text again
		return reply(e.confirmPrompt(t, d))
	case (m.Words < 3 && !in.hasContent(in.dropLeadIns(words(m.Raw)))) || (m.Intent == IntentGreeting && m.Words <= 10):
		return reply(e.confirmPrompt(t, d), e.simple(t, IntentInputSubmit, "input.confirm.unclear", nil))
	case in.newVersion(d.Text, said): // a corrected version: it replaces the text, shown to confirm
		return e.takeText(t, d, said).changedText()
	}
	return e.offerAmend(t, d, said)
}

// substitution reads "change X to Y" in the resident's words: an edit of
// the text that names what to change and what to put instead.
var substitution = regexp.MustCompile(`(?i)(?:^|[\s,.;:!])(?:change|replace|swap|correct|endre|endra|bytt ut|byt ut|bytte ut|bytt|byt|erstatt|erstatte|rett|rette|korriger)\s+` +
	`(?:the\s+words?\s+|the\s+|ordet\s+|orda\s+|ordene\s+|det\s+)?["«“']?(.+?)["»”']?\s+(?:to|with|into|til|med)\s+["«“']?(.+?)["»”']?[.!?]?\s*$`)

// substitute applies "change X to Y" to text when X is in it (any case);
// ok is false when the message is no such edit.
func substitute(text, said string) (string, bool) {
	sm := substitution.FindStringSubmatch(strings.TrimSpace(said))
	if sm == nil {
		return "", false
	}
	from, to := strings.TrimSpace(sm[1]), strings.TrimSpace(sm[2])
	i := strings.Index(strings.ToLower(text), strings.ToLower(from))
	if from == "" || to == "" || i < 0 {
		return "", false
	}
	return text[:i] + to + text[i+len(from):], true
}

// replaceLead reports whether the words before a colon or quote ask to
// replace the text ("yes, but change it to: …", "skriv heller «…»").
func (in *interpreter) replaceLead(raw string) bool {
	head := raw
	if i := strings.IndexAny(raw, ":«\"“"); i >= 0 {
		head = raw[:i]
	}
	_, ok := in.v.find(wordAmendReplace, words(head))
	return ok
}

// continuation reports whether a turn at confirm that reads as a question
// is more likely the text going on: no question mark, it opens with a word
// that also starts a relative clause ("where people can fix bikes for
// free", "som kan brukes av alle") and asks nothing specific of a plan.
func continuation(m Meaning) bool {
	if hasQuestionMark(m.Raw) || (m.Intent != IntentPlanInfo && m.Intent != IntentUnknown) {
		return false
	}
	toks := words(m.Raw)
	if len(toks) < 4 {
		return false
	}
	switch toks[0] {
	case "where", "which", "who", "that", "when", "so", "because", "hvor", "der", "som", "når", "kor", "kvar", "slik", "fordi", "sånn":
		return true
	}
	return false
}

// changedText marks a confirmation whose text this turn replaced or added
// to, for the next turn only (agreeChanged).
func (o outcome) changedText() outcome {
	if o.next.Step == StepConfirm {
		o.next.Menu, o.next.MenuKind, o.changed = nil, MenuChanged, true
	}
	return o
}

// agreeChanged reads a bare "erstatt"/"replace" or "legg til"/"add" right
// after the text was replaced or added to as agreement with the text shown
// (the resident answers the change they just saw, not asks for another):
// the confirmation is shown again, with a word that the change is made.
// Nothing is stored without a yes.
func (e *Engine) agreeChanged(t *turn, d Dialog, m Meaning, a act.Act) (outcome, bool) {
	toks := words(m.Raw)
	if d.MenuKind != MenuChanged || len(toks) > 5 || newWords(m.Raw) != "" {
		return outcome{}, false
	}
	in := e.ans.interp()
	_, add := in.v.find(wordAmendAdd, toks)
	_, replace := in.v.find(wordAmendReplace, toks)
	if !add && !replace && a != act.Add && a != act.Replace {
		return outcome{}, false
	}
	d.MenuKind = ""
	return reply(e.simple(t, IntentInputSubmit, "input.amend.done", nil), e.confirmPrompt(t, d)).then(d), true
}

// confirmAct carries out a clear act at the confirm step; ok is false when
// the act does not settle the turn.
func (e *Engine) confirmAct(ctx context.Context, t *turn, d Dialog, m Meaning, a act.Act, p float64, said string) (outcome, bool) {
	in := e.ans.interp()
	switch a {
	case act.Replace: // the new version after a colon or in quotes, else asked for
		if text := newWords(m.Raw); text != "" {
			return e.takeText(t, d, text).changedText(), true
		}
		d.Step, d.Menu, d.MenuKind = StepText, nil, ""
		return reply(e.askMore(t, d, "input.ask_new_text")).then(d), true
	case act.Add:
		if text := newWords(m.Raw); text != "" {
			return e.takeText(t, d, d.Text+"\n"+text).changedText(), true
		}
		if m.Words <= 6 && !in.saysAddition(m.Raw) {
			d.Step, d.Menu, d.MenuKind = StepText, nil, MenuAdd
			return reply(e.askMore(t, d, "input.ask_addition")).then(d), true
		}
		if rest := in.afterPhrase(wordAmendAdd, m.Raw); rest != "" {
			said = rest // "ja, men legg til at det haster": what to add
		}
		return e.offerAmend(t, d, said), true // an addition is never taken for a new version
	case act.Language:
		if l := in.wantedLang(words(m.Raw)); l != "" && (m.Intent == IntentLanguage || m.Words <= 8) {
			return reply(e.setLanguage(ctx, t, l), e.confirmPrompt(t, d)), true
		}
	case act.Confirm: // a longer yes must be a sure one, or made mostly of words of yes:
		// "yes and also more trees along the roads" is asked about
		if in.plainYes(m, p) {
			return e.save(ctx, t, d), true
		}
	case act.Refuse, act.Cancel:
		if m.Words >= 3 && m.Words <= 12 { // "nei vent" is no "nei"
			return reply(e.simple(t, IntentCancel, "input.cancelled", nil)).done(), true
		}
	case act.Plan:
		switch {
		case m.Plan != "" && m.Plan != d.Plan && m.Words <= 16: // "det passer nok bedre under planen for fysisk aktivitet"
			d.Plan = m.Plan
			return reply(e.confirmPrompt(t, d)).then(d), true
		case m.Plan == "" && m.Words <= 10: // "oops, wrong plan"
			d.Step = StepPlan
			return reply(e.askPlan(t, "input.ask_plan", nil)).then(d), true
		}
	case act.Ask:
		if m.Question && questionIntent(m.Intent) && !continuation(m) {
			return e.aside(t, d, e.ans.Answer(Understanding{Intent: m.Intent, Plan: m.Plan}, t.lang)), true
		}
	}
	return outcome{}, false
}

// asksToSee reports whether a question asks to see the text again ("kan
// du vise meg teksten?", "can I see it once more?"): a word for seeing and
// one for the text, without a wish to change it.
func (in *interpreter) asksToSee(raw string) bool {
	toks := words(raw)
	if _, ok := in.v.find(wordSee, toks); !ok {
		return false
	}
	if _, ok := in.v.find(wordAmendReplace, toks); ok {
		return false
	}
	for _, t := range toks {
		switch t {
		case "teksten", "tekst", "text", "it", "det", "den", "innspillet", "innspelet", "input", "igjen", "again":
			return true
		}
	}
	return false
}

// saysAddition reports whether a short "add" turn holds the addition
// itself ("also at Vollen marina", "legg til Vollen også"), not only the
// wish to add ("legg til noe", "I want to add something?"): two words or
// more beyond the add words and vague ones, and no question.
func (in *interpreter) saysAddition(raw string) bool {
	if hasQuestionMark(raw) {
		return false
	}
	toks := words(raw)
	if rest := in.afterPhrase(wordAmendAdd, raw); rest != "" {
		toks = words(rest)
	} else if _, ok := in.v.find(wordAmendAdd, toks); ok {
		return false // the add words and nothing after them
	}
	n := 0
	for _, t := range toks {
		if _, vague := in.v.has(wordAmendVague, t); !vague && in.contentWords([]string{t}) == 1 {
			n++
		}
	}
	return n >= 2
}

// wholeQuote returns the text of a message that is one quotation and
// nothing else («…», "…", “…”), or "".
func wholeQuote(s string) string {
	s = strings.TrimSpace(s)
	for _, q := range [][2]string{{"«", "»"}, {"\"", "\""}, {"“", "”"}} {
		if len(s) > len(q[0])+len(q[1]) && strings.HasPrefix(s, q[0]) {
			rest := strings.TrimRight(s[len(q[0]):], " .!")
			if strings.HasSuffix(rest, q[1]) {
				quoted := strings.TrimSpace(strings.TrimSuffix(rest, q[1]))
				if quoted != "" && !strings.ContainsAny(quoted, q[0]+q[1]) {
					return quoted
				}
			}
		}
	}
	return ""
}

// newWords is the text given in a turn about the text: after a colon, or
// in quotes ("skriv heller «flere konserter for ungdom»"); "" when none.
func newWords(s string) string {
	if text := afterColon(s); text != "" {
		return text
	}
	for _, q := range [][2]string{{"«", "»"}, {"\"", "\""}, {"“", "”"}} {
		if i := strings.Index(s, q[0]); i >= 0 {
			rest := s[i+len(q[0]):]
			if j := strings.Index(rest, q[1]); j > 0 {
				return strings.TrimSpace(rest[:j])
			}
		}
	}
	return ""
}

// askMore asks for a new text or an addition, showing the text as it is.
func (e *Engine) askMore(t *turn, d Dialog, id string) Reply {
	r := e.askText(t, d.Plan)
	r.Text = e.text(t.lang, "input.now", nil) + "\n\n" + quote(d.Text) + "\n\n" + e.text(t.lang, id, nil)
	return r
}

// offerAmend shows said back and asks what to do with it. Words that could
// not be sent with the text (personal data, too long, unreadable) are not
// offered: the resident is told why, and the text waits as it was.
func (e *Engine) offerAmend(t *turn, d Dialog, said string) outcome {
	if c := CheckInput(d.Text + "\n" + said); !c.OK() {
		return reply(e.problemReply(t, c), e.confirmPrompt(t, d))
	}
	clean, _ := CleanText(said)
	d.Step, d.Menu, d.MenuKind = StepAmend, []string{strings.TrimSpace(clean)}, MenuAmend
	return reply(e.amendPrompt(t, d)).then(d)
}

// amendPrompt is the amend question: the input as it is, the new words and
// the four choices.
func (e *Engine) amendPrompt(t *turn, d Dialog) Reply {
	p, _ := e.catalog().Plan(d.Plan)
	said := ""
	if len(d.Menu) == 1 {
		said = d.Menu[0]
	}
	var choices []Choice
	var lines []string
	for i, c := range amendChoices {
		label := e.text(t.lang, "input.amend."+c, nil)
		lines = append(lines, string(rune('1'+i))+". "+label)
		a := Choice{Label: label, Action: ActAmend, Value: c}
		if c == amendCancel {
			a.Action, a.Value = ActCancel, ""
		}
		choices = append(choices, a)
	}
	text := e.text(t.lang, "input.amend.title", map[string]any{"Name": p.Short.In(t.lang)}) + "\n\n" + quote(d.Text+"\n"+said) +
		"\n\n" + e.text(t.lang, "input.amend.ask", nil) + "\n" + strings.Join(lines, "\n")
	return Reply{Lang: t.lang, Intent: IntentInputSubmit, Plan: d.Plan, Private: true, Text: text, Choices: choices}
}

// atAmend: the resident chooses what to do with the words said at confirm.
func (e *Engine) atAmend(ctx context.Context, t *turn, d Dialog, m Meaning) outcome {
	said := ""
	if len(d.Menu) == 1 && d.MenuKind == MenuAmend {
		said = d.Menu[0]
	}
	back := d
	back.Step, back.Menu, back.MenuKind = StepConfirm, nil, ""
	switch e.amendChoice(m) {
	case amendYes: // yes sends what the question showed: the text with the words added, checked
		c := CheckInput(d.Text + "\n" + said)
		if !c.OK() {
			return reply(e.problemReply(t, c), e.confirmPrompt(t, back)).then(back)
		}
		back.Text, back.Flags = c.Text, c.Flags
		return e.save(ctx, t, back)
	case amendAdd:
		return e.takeText(t, back, d.Text+"\n"+said).changedText()
	case amendReplace:
		return e.takeText(t, back, said).changedText()
	case amendKeep:
		if _, send := e.ans.interp().v.find(wordYes, words(m.Raw)); send || m.Amend != "" {
			return e.save(ctx, t, back) // "send it as it was", "send det første", the button: said to send
		}
		return reply(e.confirmPrompt(t, back)).then(back) // "3", "keep the old one": shown for a last yes
	case amendCancel:
		return reply(e.simple(t, IntentCancel, "input.cancelled", nil)).done()
	}
	switch {
	case m.Intent == IntentNo: // not these words: the input as it was, asked again
		return reply(e.confirmPrompt(t, back)).then(back)
	case m.Intent == IntentPlanChange:
		d.Plan = m.Plan
		return reply(e.amendPrompt(t, d)).then(d)
	case sideQuestion(m) || (m.Question && questionIntent(m.Intent)):
		return reply(e.ans.Answer(Understanding{Intent: m.Intent, Plan: m.Plan}, t.lang), e.amendPrompt(t, d))
	case m.Question: // "hæ?": the question again, no "sorry"
		return reply(e.amendPrompt(t, d))
	}
	return reply(e.simple(t, IntentInputSubmit, "input.amend.unclear", nil), e.amendPrompt(t, d))
}

// amendChoice reads the answer to the amend question: a button, a number,
// the words of a choice ("legg til", "replace", "send the first one"), or
// its act; "" when it is none of them.
func (e *Engine) amendChoice(m Meaning) string {
	if m.Amend != "" {
		return m.Amend
	}
	switch m.Intent {
	case IntentCancel:
		return amendCancel
	case IntentYes:
		return amendYes
	}
	toks := words(m.Raw)
	if n, ok := numberIn(toks); ok && len(toks) <= 4 && n >= 1 && n <= len(amendChoices) {
		return amendChoices[n-1]
	}
	in := e.ans.interp()
	for _, c := range []struct{ class, choice string }{{wordAmendAdd, amendAdd}, {wordAmendReplace, amendReplace}, {wordAmendKeep, amendKeep}} {
		// a choice in a sentence ("hmm actually just send the first one as
		// it was"), not in a new text of its own
		if _, ok := in.v.find(c.class, toks); ok && len(toks) <= 12 {
			return c.choice
		}
	}
	switch in.sure(m.Raw) {
	case act.Add:
		return amendAdd
	case act.Replace:
		return amendReplace
	case act.Confirm:
		return amendYes
	case act.Cancel:
		return amendCancel
	}
	return ""
}

// guessed marks the confirmation of an input whose plan was guessed from
// its words (no plan named): the resident sees it is a guess and can name
// another plan before anything is stored.
func (e *Engine) guessed(t *turn, m Meaning, o outcome) outcome {
	if !m.Guess || o.next.Step != StepConfirm || len(o.replies) == 0 {
		return o
	}
	r := &o.replies[len(o.replies)-1]
	note := e.text(t.lang, "input.confirm.guess", nil)
	r.Text += "\n\n" + note
	if len(r.Sections) > 0 {
		r.Sections = append(r.Sections, Section{Body: note})
	}
	return o
}

// atTextActs carries out the clear acts at the text step that the exact
// rules did not catch ("jeg har ombestemt meg", "could you write in
// English", "hmm, it fits better under the culture plan"); ok is false when
// the turn is the text.
func (e *Engine) atTextActs(ctx context.Context, t *turn, d Dialog, m Meaning) (outcome, bool) {
	if m.Words > 12 || hasColon(m.Raw) || m.Intent == IntentYes || m.Intent == IntentNo || m.Intent == IntentPlanChange {
		return outcome{}, false // a long message is the text, whatever it says; exact rules first
	}
	in := e.ans.interp()
	switch in.sure(m.Raw) {
	case act.Cancel:
		if m.Words >= 2 {
			return reply(e.simple(t, IntentCancel, "input.cancelled", nil)).done(), true
		}
	case act.Language:
		if l := in.wantedLang(words(m.Raw)); l != "" && (m.Intent == IntentLanguage || m.Words <= 8) {
			// ("More Norwegian language support for pupils" is a text)
			return reply(e.setLanguage(ctx, t, l), e.askText(t, d.Plan)), true
		}
	case act.Plan:
		if m.Plan != "" && m.Plan != d.Plan {
			d.Plan = m.Plan
			return reply(e.askText(t, d.Plan)).then(d), true
		}
	}
	return outcome{}, false
}

// afterPhrase returns what follows the first phrase of class in text
// ("ja, men legg til at det haster" -> "det haster"), without a leading
// "at"/"that", or "" when no phrase of class is in it or nothing follows.
func (in *interpreter) afterPhrase(class, text string) string {
	low := strings.ToLower(text)
	best, end := -1, 0
	for ph := range in.v.classes[class].whole {
		i := strings.Index(low, ph)
		for i >= 0 && ((i > 0 && isLetter(low[i-1])) || (i+len(ph) < len(low) && isLetter(low[i+len(ph)]))) {
			j := strings.Index(low[i+1:], ph)
			if j < 0 {
				i = -1
				break
			}
			i += 1 + j
		}
		if i >= 0 && (best < 0 || i < best || (i == best && i+len(ph) > end)) {
			best, end = i, i+len(ph)
		}
	}
	if best < 0 {
		return ""
	}
	rest := strings.TrimLeft(text[end:], " ,:;-")
	for _, lead := range []string{"at ", "that ", "om ", "også ", "also "} {
		if len(rest) > len(lead) && strings.EqualFold(rest[:len(lead)], lead) {
			rest = rest[len(lead):]
		}
	}
	return strings.TrimSpace(rest)
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 0x80 }
