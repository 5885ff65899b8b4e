package bot

import (
	"strings"

	"github.com/askerkommune/temaplanbot/bot/act"
)

// Dialog acts: what a turn does in the conversation, decided before the
// dialog table (dialog.go). Exact rules come first (buttons, command words,
// short answers from the locale lists, references, numbers, plan names); the
// learned model (package act) reads the rest, so a phrasing nobody listed
// still finds its act. The state decides what an act means.

// actSure is the probability above which the model's act is taken as said;
// below it the dialog asks rather than guesses.
const actSure = 0.55

// classify returns the model's act for text and its probability; without a
// model (a damaged weights file) every text is plain talk.
func (in *interpreter) classify(text string) (act.Act, float64) {
	if in.acts == nil || strings.TrimSpace(text) == "" {
		return act.Say, 0
	}
	return in.acts.Best(text)
}

// sure returns the act when the model is sure of it, else act.Say.
func (in *interpreter) sure(text string) act.Act {
	a, p := in.classify(text)
	if p < actSure {
		return act.Say
	}
	return a
}

// named reports whether toks name a plan (a word with "plan" in it, or a
// plan's id said almost alone: "kultur"), as opposed to a plan guessed from
// the content: an alias or id inside a sentence ("konserter", "for eldre")
// is a topic, and "den" beats it.
func (in *interpreter) named(toks []string) bool {
	for _, t := range toks {
		if strings.Contains(t, "plan") {
			return true
		}
		if _, ok := in.idx.cat.Plan(t); ok && len(toks) <= 3 {
			return true
		}
	}
	return false
}

// afterColon returns the words after the first colon of text, or "".
func afterColon(text string) string {
	if i := strings.IndexAny(text, ":："); i >= 0 {
		return strings.TrimSpace(strings.TrimLeft(text[i:], ":："))
	}
	return ""
}

// wantedLang is the language a turn names, or "".
func (in *interpreter) wantedLang(toks []string) Lang {
	for _, t := range toks {
		if l, ok := in.v.langName[t]; ok {
			return l
		}
	}
	return ""
}

// picksLine reports whether a short message with a number in it picks a
// line of the menu shown ("hva med 5?", "nummer 3 takk") rather than saying
// something with a number in it ("jeg har 2 barn").
func (in *interpreter) picksLine(text string, toks []string) bool {
	var rest []string
	for _, t := range toks {
		if _, ok := menuNumber(t); !ok {
			rest = append(rest, t)
		}
	}
	if !in.hasContent(rest) {
		return true
	}
	switch in.sure(text) {
	case act.Refer, act.Ask, act.Plan:
		return true
	}
	return false
}

// pointsBack reports whether toks point back with a pronoun ("den", "it",
// "that one") at the plan talked about, when the words name no plan.
func (in *interpreter) pointsBack(toks []string) bool {
	if in.named(toks) || in.describes(toks) { // "den om kommunen som arbeidsgiver": a description
		return false
	}
	_, ok := in.v.find(wordPronoun, toks)
	return ok
}

// describes reports whether toks describe a plan after "den"/"the one"
// ("den om eldre", "the one about old people").
func (in *interpreter) describes(toks []string) bool {
	for i := 0; i+1 < len(toks); i++ {
		switch toks[i] {
		case "den", "one", "det":
			switch toks[i+1] {
			case "om", "for", "med", "about", "with":
				return true
			}
		}
	}
	return false
}

// cutIntro cuts text at the first colon or spaced dash: where an input's
// introduction ends ("Klimaplanen: …", "vannplanen - rens bekken").
func cutIntro(text string) (head, tail string, ok bool) {
	best, size := -1, 0
	for _, sep := range []string{":", " - ", " – ", " — "} {
		if i := strings.Index(text, sep); i >= 0 && (best < 0 || i < best) {
			best, size = i, len(sep)
		}
	}
	if best < 0 {
		return text, "", false
	}
	return text[:best], text[best+size:], true
}

// anotherInput reads a message that names a plan and then makes its point
// ("Klimaplanen: flere ladepunkter på Vollen", "and for the water plan,
// cleaner beaches") as an input to that plan, without the word "innspill":
// right after a receipt, or when the model hears an input in it. A question
// stays a question.
func (in *interpreter) anotherInput(text string, toks []string, d Dialog, m *Meaning) bool {
	head, tail, colon := cutIntro(text)
	planColon := colon && !in.hasContent(in.dropLeadIns(words(head))) && in.contentWords(words(tail)) >= 2 && !hasQuestionMark(tail)
	if m.Plan == "" || (m.Question && !planColon) || m.Intent == IntentInputSubmit || d.Step == StepDelete || inInput(d) {
		return false // ("har en til for den også: …" opens with a question word, says its point after the colon)
	}
	if !questionIntent(m.Intent) && m.Intent != IntentUnknown && m.Intent != IntentGreeting {
		return false
	}
	switch m.Intent {
	case IntentPlanPurpose, IntentPlanThemes, IntentPlanStart:
		if !planColon {
			return false // "Jeg lurer på hva kulturplanen skal oppnå": asked, not said
		}
	}
	if (!in.named(toks) && !in.pointsBack(toks) && !planColon) || !in.hasContent(toks) || len(toks) < 4 {
		return false // "har en til for den også: …" names it by "den"
	}
	// "idrettsplanen: lys i lysløypa hele vinteren": a plan, a colon and
	// words that say something are an input as they stand
	if a := in.sure(text); d.Receipt == "" && !planColon && a != act.Input && a != act.More {
		return false
	}
	body := in.inputText(text, toks)
	if i := strings.IndexByte(body, ','); i > 0 && !in.hasContent(words(body[:i])) {
		body = strings.TrimSpace(body[i+1:]) // "and for the water plan, cleaner beaches"
	}
	if body == "" {
		return false
	}
	m.Intent, m.Text, m.Guess = IntentInputSubmit, body, false
	return true
}

// announcedInput reads a question that names a plan and asks to give input
// to it ("would it be possible to leave a suggestion for the climate
// plan?"), or words nothing else understood ("kan jeg sende et til?"), as
// the start of an input: the model hears an input in it.
func (in *interpreter) announcedInput(text string, toks []string, m *Meaning) {
	if m.Intent == IntentUnknown && m.Plan == "" && len(toks) >= 2 { // "kan jeg sende et til?", "one more thing"
		if a, p := in.classify(text); (a == act.Input || a == act.More) && p >= 0.7 {
			m.Intent = IntentInputSubmit
		}
		return
	}
	if m.Plan == "" || m.Intent == IntentInputSubmit || len(toks) < 5 || !in.named(toks) {
		return
	}
	switch m.Intent {
	case IntentParticipationHow, IntentUnknown, IntentHelp, IntentPlanInfo: // not a question about a plan's purpose, themes or start
	default:
		return
	}
	if a, p := in.classify(text); a == act.Input && p >= 0.8 {
		m.Intent = IntentInputSubmit
	}
}

// newVersion reports whether more, said while asked to confirm old, is a
// new version of it ("mer praktisk undervisning, uteskole og verksted"
// after "mer praktisk undervisning og uteskole", "fysisk" for "fysik"): it
// repeats most of the old text's words of three letters or more (plan
// words too: "fysisk aktivitet" is the point of that text), typos corrected.
func (in *interpreter) newVersion(old, more string) bool {
	long := func(s string) []string {
		var out []string
		for _, w := range words(s) {
			if len([]rune(w)) >= 3 {
				out = append(out, w)
			}
		}
		return out
	}
	was, now := long(old), long(more)
	kept := 0
	for _, w := range was {
		for _, n := range now {
			if w == n || (len(w) >= 4 && oneEdit(w, n)) {
				kept++
				break
			}
		}
	}
	if len(was) >= 2 && kept*10 >= len(was)*6 {
		return true
	}
	// A shortened version: nearly every word of it was in the text.
	inOld := 0
	for _, n := range now {
		for _, w := range was {
			if w == n || (len(w) >= 4 && oneEdit(w, n)) {
				inOld++
				break
			}
		}
	}
	return len(now) >= 3 && kept*10 >= len(was)*4 && inOld*10 >= len(now)*8
}

// oneEdit reports whether a and b differ by one inserted, deleted or
// changed letter.
func oneEdit(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	if len(rb)-len(ra) > 1 {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	if len(ra) == len(rb) {
		return string(ra[i+min(1, len(ra)-i):]) == string(rb[i+min(1, len(rb)-i):])
	}
	return string(ra[i:]) == string(rb[i+1:])
}

// plainYes reports whether a turn the model reads as "yes" (with
// probability p) says nothing more: short, or sure, or made mostly of
// words the model knows from ways of saying yes.
func (in *interpreter) plainYes(m Meaning, p float64) bool {
	if m.Words > 25 || m.Question {
		return false
	}
	if m.Words <= 4 || (p >= 0.95 && m.Words <= 14) || p >= 0.99 {
		return true // "Ja, det ser helt greit ut. Tusen takk …, bare send det inn!"
	}
	// A longer yes says yes in so many words: "Det er nok kloakk som lek ut"
	// reads like one to the model ("det er ok") but says no yes.
	toks := words(m.Raw)
	if _, yes := in.v.find(wordYes, toks); !yes || p < 0.6 {
		return false
	}
	// and says little else: "greitt, då sender vi det", "Ja. Takk for at dere lytter."
	return 10*len(in.acts.Unfamiliar(m.Raw, act.Confirm)) < 6*m.Words || in.contentWords(toks) <= 1
}

// leadingYes reports whether text opens with a yes as its own sentence or
// clause ("Ja. Takk for at dere lytter.", "yes, thanks a lot").
func (in *interpreter) leadingYes(text string) bool {
	first := splitAt(text, ",.;!")
	if len(first) == 0 {
		return false
	}
	toks := words(first[0])
	if len(toks) == 0 || len(toks) > 3 {
		return false
	}
	for _, t := range toks {
		_, yes := in.v.has(wordYes, t)
		_, polite := in.v.has(wordPolite, t)
		if !yes && !polite {
			return false
		}
	}
	if _, yes := in.v.has(wordYes, toks[0]); !yes {
		return false
	}
	// and then only thanks: "ja, men legg til …" is a yes with a but
	rest := words(strings.Join(first[1:], " "))
	for _, t := range rest {
		if t == "men" || t == "but" || t == "however" || t == "though" || t == "bare" || t == "berre" {
			return false
		}
	}
	_, thanks := in.v.find(wordThanks, rest)
	return len(rest) == 0 || thanks
}

// dropLeadIns removes the words that only lead in ("ok", "vel", "so"):
// "ok. jeg har et forslag til den: …" introduces its text all the same.
func (in *interpreter) dropLeadIns(toks []string) []string {
	out := toks[:0:0]
	for _, t := range toks {
		_, filler := in.v.has(wordFiller, t)
		_, yes := in.v.has(wordYes, t)
		if !filler && !yes {
			out = append(out, t)
		}
	}
	return out
}
