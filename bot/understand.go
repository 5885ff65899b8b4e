package bot

import (
	"regexp"
	"slices"
	"strings"

	"github.com/askerkommune/temaplanbot/bot/act"
)

// Meaning is one message understood: its intent and slots. Every input (free
// text, /temaplan words, a button, a form) becomes one Meaning; the dialog
// decides what to do with it.
type Meaning struct {
	Intent Intent
	Plan   string // plan id named (or picked from a menu)
	Given  string // the words that should have named a plan, when none fitted
	Text   string // input text the message carries, unchecked
	Ref    string // a submission reference (INN-XXXXXX)
	Lang   Lang   // the language the message is written in
	// LangSure is false when the message was too short to tell its language.
	LangSure bool
	LangPure bool   // every word is a word of Lang alone (see Understanding)
	Want     Lang   // IntentLanguage: the language asked for ("" when not understood)
	Args     string // what follows a staff command word
	Command  bool   // said with a command word (/temaplan ...)
	Question bool   // phrased as a question: mid-dialog it is answered, not taken as input
	Fields   map[string]string
	Form     bool   // a form was asked for (IntentInputSubmit) or submitted (Fields set)
	Latest   bool   // IntentInputDelete: "the last one" ("det siste innspillet")
	Pick     string // IntentInputDelete: the reference of a listed line picked by position, to confirm
	Skip     int    // IntentInputList, IntentPlansList: how many lines were shown already ("show more")
	Amend    string // the amend button pressed (amend.go), or ""
	Guess    bool   // Plan was guessed from the content, not named
	Raw      string // the message text (without /temaplan)
	Words    int    // how many words it has
}

// refInText finds a submission reference anywhere in a message.
var refInText = regexp.MustCompile(`(?i)\binn-[0-9a-z]{6}\b`)

// interpreter is the understanding step: locale words, the plan resolver
// and the free-text matcher, used the same way for every channel.
type interpreter struct {
	v   *vocab
	idx *planIndex
	// acts is the dialog-act model (acts.go); nil when it could not be read.
	acts *act.Model
	// noText skips finding the input text in a message (the `ask` path,
	// which stores nothing, needs only intent, plan and language).
	noText bool
}

// parse understands text in the light of the dialog state d (its step and
// last menu). command is true for the arguments of a slash command.
func (in *interpreter) parse(text string, command bool, d Dialog) Meaning {
	text = strings.TrimSpace(text)
	if rest, ok := strings.CutPrefix(text, "/temaplan"); ok && (rest == "" || rest[0] == ' ') {
		text, command = strings.TrimSpace(rest), true
	}
	var m Meaning
	ok := false
	if command {
		m, ok = in.command(text, d)
	}
	if !ok {
		// "God dag. … Mvh Kari": what is asked is in between. When nothing
		// is asked ("Hei, jeg heter Ola"), the greeting is the message.
		stripped := in.stripCourtesy(text)
		m = in.free(stripped, d)
		if stripped != text && m.Intent == IntentUnknown && m.Words <= 6 {
			if whole := in.free(text, d); whole.Intent == IntentGreeting {
				m, stripped = whole, text
			}
		}
		text = stripped
	}
	m.Raw = text
	if m.Words == 0 {
		m.Words = len(strings.Fields(text))
	}
	return m
}

// isPlanWord reports whether w, one word, names a plan (typos included).
func (in *interpreter) isPlanWord(w string) bool {
	lw := strings.ToLower(w)
	return in.idx.planWord(lw) || (len(lw) >= 5 && in.idx.und.Understand(w).Plan != "")
}

// free understands free text.
func (in *interpreter) free(text string, d Dialog) Meaning {
	toks := words(text)
	if n, ok := menuNumber(text); ok {
		return in.menuPick(n, d)
	}
	u := in.idx.und.Understand(text)
	if q := questionSentence(text); q != "" && (questionIntent(u.Intent) || u.Intent == IntentUnknown || u.Intent == IntentGreeting) {
		// "Kva er føremålet med kulturplanen? Eg har vore med i eit
		// bygdelag i mange år.": the one question is what is asked
		if uq := in.idx.und.Understand(q); questionIntent(uq.Intent) && !(u.Intent == IntentInputSubmit && uq.Intent == IntentParticipationHow) {
			// (but "Jeg vil gi et innspill til X. Hvordan gjør jeg det?" is the input)
			u.Intent = uq.Intent
			if uq.Plan != "" || !usesPlan(uq.Intent) {
				u.Plan = uq.Plan
			}
		}
	}
	m := Meaning{Intent: u.Intent, Plan: u.Plan, Lang: u.Lang, LangSure: u.LangSure, LangPure: u.LangPure, Words: len(toks)}
	m.Question = in.asks(text)    // also "wait what does that plan cover": lead-in words before the question word
	hint := func(mask langMask) { // the list a signal came from tells its language
		if l, ok := in.v.lang(mask); ok {
			m.Lang, m.LangSure = l, true
		}
	}
	if len(toks) == 0 {
		return m
	}
	if len(toks) <= 8 && m.Plan == "" && !planQuestion(m.Intent) {
		if fixed, ok := in.v.corrected(toks, in.knows); ok {
			if mk, ok := in.signal(fixed, text, d, &m); ok { // "slet INN-…", "privcy", "answer in englsh"
				hint(mk)
				return m
			}
		}
	}
	if mk, ok := in.signal(toks, text, d, &m); ok {
		hint(mk)
		return m
	}
	if key := in.v.commands[toks[0]]; key == cmdInput && len(toks) > 1 {
		if p, t, _ := in.inputArgs(strings.TrimSpace(text[len(leadWord(text)):])); p != "" {
			m.Intent, m.Plan, m.Text = IntentInputSubmit, p, t
			hint(in.v.cmdLang[toks[0]])
			return m
		}
	}
	if len(d.Menu) > 0 && len(toks) <= 7 && m.Plan == "" && d.MenuKind != MenuDelete && d.MenuKind != MenuAmend && d.MenuKind != MenuOwn {
		n, ok := numberIn(toks)
		if !ok || !in.picksLine(text, toks) || len(toks) > 4 {
			n = -1 // "jeg har 2 barn": free text, not a menu choice
		}
		if k := in.ordinalIn(toks, len(d.Menu)); n < 0 && k > 0 {
			n = k // "the first one on your list", "den siste"
		}
		if p := in.idx.line(n, d.Menu); p != "" { // "hva med 5?", "what about number 3"
			pick := in.menuPick(n, d)
			pick.Lang, pick.LangSure, pick.LangPure, pick.Question = m.Lang, m.LangSure, m.LangPure, m.Question
			if pick.Intent == IntentPlanInfo && planQuestion(m.Intent) {
				pick.Intent = m.Intent // "whats number 3 about?": the themes of line 3
			}
			return pick
		}
	}
	if len(d.Menu) > 0 && m.Intent == IntentInputSubmit && m.Plan == "" && !hasColon(text) && d.MenuKind != MenuDelete && d.MenuKind != MenuOwn {
		if n, ok := numberIn(toks); ok {
			if p := in.idx.line(n, d.Menu); p != "" { // "I have input for number 12 then": the text comes next
				m.Plan = p
				if !in.noText {
					return m
				}
			}
		}
	}
	back := d.Plan != "" && in.refersBack(toks, m.Intent)
	if back && (m.Plan != "" || d.Step == StepPlan) {
		back = in.pointsBack(toks) // over a content guess, and while a plan is asked for, only "den"/"it"
	}
	if back && m.Plan != "" && m.Plan != d.Plan && (in.named(toks) || in.namedBefore(text, m.Plan)) {
		back = false // "Jeg mente skolekapasiteten. Kan jeg sende et innspill om den?": the plan named
	}
	if back {
		m.Plan = d.Plan // "når starter den?" after talking about a plan; "den" beats a content guess
	}
	m.Guess = m.Plan != "" && m.Plan != d.Plan && !in.named(toks) // a plan guessed from the words
	if m.Intent == IntentInputSubmit {
		if p := in.introPlan(text); p != "" {
			m.Plan = p // "forslag til grunnskoleplanen: mer fysisk aktivitet": the plan is named before the colon
		}
	}
	if !in.noText && in.anotherInput(text, toks, d, &m) {
		return m
	}
	in.announcedInput(text, toks, &m)
	switch {
	case m.Intent == IntentInputSubmit && !in.noText:
		m.Text = in.inputText(text, toks)
		if m.Text == strings.TrimSpace(text) && !hasColon(text) && (in.sure(text) == act.Input || in.announces(text)) {
			m.Text = "" // "hvis det går an, vil jeg gjerne komme med et forslag til kulturplanen": only an introduction
		}
		if m.Plan == "" {
			if given, rest, ok := namedPlanTail(toks); ok && !in.hasContent(rest) {
				m.Text, m.Given = "", given // "I have input for the parking plan": a plan we don't know
			}
		}
	case d.Step == StepPlan && m.Plan != "" && (!m.Question || !in.hasContent(toks) || in.describes(toks) || in.hedges(toks)):
		m.Intent = IntentPlanChange // ("eh, kanskje den om grunnskulen? det gjeld SFO": an unsure answer)
	case (d.Step == StepText || d.Step == StepConfirm) && m.Plan != "" && (in.changeOnly(toks) || in.changedToDescribed(text)):
		m.Intent = IntentPlanChange
	}
	return m
}

// numberIn returns the one number among toks.
func numberIn(toks []string) (int, bool) {
	n, found := 0, false
	for _, t := range toks {
		if v, ok := menuNumber(t); ok {
			if found {
				return 0, false
			}
			n, found = v, true
		}
	}
	return n, found
}

// asksOnly reports whether a question says nothing beyond asking about a
// plan: question words, topic words ("formål", "themes"), plan words and
// small words. "Hvorfor har vi ikke flere sykkelstier?" says more: at the
// text step it is the resident's input, not a question to answer.
func (in *interpreter) asksOnly(toks []string) bool {
	n := 0
	for _, t := range toks {
		if _, ok := in.v.has(wordQuestion, t); ok {
			continue
		}
		if _, ok := in.v.has(wordTopic, t); ok {
			continue
		}
		if _, ok := in.v.has(wordPronoun, t); ok {
			continue
		}
		if _, ok := in.v.has(wordFiller, t); ok { // "egentlig", "actually"
			continue
		}
		if !in.isContent(t) {
			continue
		}
		n++
	}
	return n <= 1
}

// refersBack reports whether a question or input that names no plan points
// back to the plan talked about: "når starter den?", "what are its themes",
// "og temaene?".
func (in *interpreter) refersBack(toks []string, i Intent) bool {
	switch i {
	case IntentPlanPurpose, IntentPlanThemes, IntentPlanStart, IntentPlanInfo, IntentInputSubmit, IntentUnknown, IntentCorona:
	default:
		return false
	}
	if i == IntentUnknown || i == IntentCorona { // "hvem er prosjektleder for den?", "er den forsinket på grunn av korona?": only with "den"/"it"
		return in.pointsBack(toks)
	}
	if _, ok := in.v.find(wordPronoun, toks); ok {
		return true
	}
	if i == IntentInputSubmit || len(toks) > 4 {
		return false
	}
	for _, t := range toks {
		if strings.Contains(t, "plan") {
			return false // "temaplanene": the plans in general
		}
	}
	return true
}

// menuPick understands a bare number: a line of the last menu shown.
func (in *interpreter) menuPick(n int, d Dialog) Meaning {
	m := Meaning{Intent: IntentUnknown, Given: "#"}
	if d.MenuKind == MenuDelete {
		if n >= 1 && n <= len(d.Menu) {
			m.Intent, m.Ref = IntentInputDelete, d.Menu[n-1]
		}
		return m
	}
	if d.Step == StepConfirm && len(d.Menu) == 0 {
		return m // no list is shown at the yes/no question: "2" picks no plan of the catalogue's
	}
	p := in.idx.line(n, d.Menu)
	if p == "" {
		return m
	}
	m.Plan, m.Intent = p, IntentPlanInfo
	if d.Step == StepPlan || d.MenuKind == MenuChoose {
		m.Intent = IntentPlanChange
	}
	return m
}

// signal looks for what locale word lists say the message is: a delete, a
// short answer, privacy, the own-input list or a language switch.
func (in *interpreter) signal(toks []string, text string, d Dialog, m *Meaning) (langMask, bool) {
	if mk, ok := in.deleteSignal(toks, text, d, m); ok {
		return mk, true
	}
	if mk, ok := in.shortAnswer(toks, d, m); ok {
		return mk, true
	}
	v := in.v
	if len(toks) <= 16 || (len(toks) <= 32 && hasQuestionMark(text)) { // "if I send you a suggestion, … who gets to read it?"
		mk, ok := v.find(wordPrivacy, toks)
		if !ok {
			mk, ok = v.privacyAsked(toks)
		}
		if ok && (m.Intent != IntentInputSubmit || m.Question) {
			m.Intent, m.Plan = IntentPrivacy, ""
			return mk, true
		}
		if mk, ok := v.find(wordList, toks); ok {
			m.Intent, m.Plan = IntentInputList, ""
			return mk, true
		}
	}
	if m.Plan == "" && !hasColon(text) && len(toks) <= 8 {
		_, see := v.find(wordSee, toks)
		if mk, ok := v.find(wordMine, toks); ok && (see || len(toks) <= 4) {
			m.Intent = IntentInputList
			return mk, true
		}
	}
	want, ok := in.langSwitch(toks)
	said := toks                   // the words that asked for it
	if !ok && in.namesLang(toks) { // "pls reply in english, my norwegian is bad": the clause that asks
		for _, clause := range splitAt(text, ",.;!?") {
			if w, found := in.langSwitch(words(clause)); found {
				said, want, ok = words(clause), w, true
				break
			}
		}
	}
	if ok {
		if _, not := v.find(wordLangNot, said); not { // "I don't speak Norwegian"
			if !m.LangSure || m.Lang == want {
				return 0, false
			}
			want = m.Lang
		}
		m.Intent, m.Plan, m.Want = IntentLanguage, "", want
		return 0, true
	}
	return 0, false
}

// deleteSignal reads "slett INN-7K3QF9", "jeg vil slette innspillet mitt",
// "delete it", and a bare reference when a delete list was shown.
func (in *interpreter) deleteSignal(toks []string, text string, d Dialog, m *Meaning) (langMask, bool) {
	ref := ""
	if strings.IndexByte(text, '-') >= 0 {
		ref = normRef(refInText.FindString(text))
	}
	if _, asks := in.v.privacyAsked(words(text)); asks && ref == "" && in.asks(text) {
		return 0, false // "når sletter dere det jeg sendte?": a question about retention
	}
	// After the own-input list, a delete verb with a position picks from it
	// ("slett nummer 2", "delete the first one"); in the delete menu the
	// position alone does.
	_, verb := in.v.find(wordDeleteVerb, toks)
	if (d.MenuKind == MenuDelete && len(toks) <= 4) || (d.MenuKind == MenuOwn && verb && len(toks) <= 8) {
		_, latest := in.v.find(wordLatest, toks)
		_, first := in.v.find(wordFirst, toks)
		if (latest || first) && ref == "" && len(d.Menu) > 0 {
			ref = d.Menu[0] // "det siste", "the last one", "the first one": the list is newest first
		}
		for i, class := range []string{wordSecond, wordThird} {
			if _, ok := in.v.find(class, toks); ok && ref == "" && len(d.Menu) > i+1 {
				ref = d.Menu[i+1] // "slett det andre", "delete the second one"
			}
		}
		if ref == "" { // "slett nummer 2", "delete 2"
			for _, t := range toks {
				if n, ok := menuNumber(t); ok && n >= 1 && n <= len(d.Menu) {
					ref = d.Menu[n-1]
				}
			}
		}
		if ref != "" {
			m.Intent, m.Plan = IntentInputDelete, ""
			if d.MenuKind == MenuOwn && !strings.Contains(text, ref) {
				m.Pick = ref // picked by its place in the list shown: asked to confirm
			} else { // a choice in the delete menu, which asked which one
				m.Ref = ref
			}
			return 0, true
		}
	}
	if head, _, colon := strings.Cut(text, ":"); colon && ref == "" {
		toks = words(head) // "Forslag til vannplanen: fjern plastsøpla": a verb in the input's text is no command
	} else if _, verb := in.v.find(wordDeleteVerb, toks); verb && ref == "" && len(toks) > 6 {
		// "hmm actually can you delete it again, i want to ask her first":
		// the clause that asks, without its fillers; the rest is a reason
		for _, c := range splitAt(text, ",.;!?") {
			ct := words(c)
			if _, ok := in.v.find(wordDeleteVerb, ct); ok {
				toks = slices.DeleteFunc(ct, func(w string) bool { _, f := in.v.has(wordFiller, w); return f })
				break
			}
		}
	}
	if mk, ok := in.v.find(wordDeleteVerb, toks); ok && len(toks) <= 12 {
		_, obj := in.v.find(wordInputThing, toks)
		if !obj && len(toks) <= 6 { // "slett det", "delete it": only in a short message
			_, obj = in.v.find(wordPointer, toks)
		}
		if obj || ref != "" {
			m.Intent, m.Ref, m.Plan = IntentInputDelete, ref, ""
			_, m.Latest = in.v.find(wordLatest, toks)
			return mk, true
		}
	}
	return 0, false
}

// shortAnswer reads cancel, no and yes in the forms people type ("ok,
// send", "ja takk", "never mind"), and "nei, det gjelder kulturplanen" as
// a change of plan. Outside a dialog only a whole phrase counts.
func (in *interpreter) shortAnswer(toks []string, d Dialog, m *Meaning) (langMask, bool) {
	if mk, ok := in.shortAnswerAt(toks, d, m); ok {
		return mk, true
	}
	// "actually never mind", "ok, glem det": lead-in words before a short
	// answer, in a dialog only.
	if d.Step == "" || d.Step == StepIdle {
		return 0, false
	}
	rest := toks
	for len(rest) > 1 {
		if _, ok := in.v.has(wordFiller, rest[0]); !ok {
			break
		}
		rest = rest[1:]
	}
	if len(rest) < len(toks) {
		if mk, ok := in.shortAnswerAt(rest, d, m); ok {
			return mk, true
		}
	}
	// "nei forresten, avbryt": lead-in words inside it too
	var kept []string
	for _, t := range toks {
		if _, ok := in.v.has(wordFiller, t); !ok {
			kept = append(kept, t)
		}
	}
	if len(kept) < 2 || len(kept) == len(toks) || len(kept) == len(rest) {
		return 0, false // "nei vent" is no "nei"
	}
	return in.shortAnswerAt(kept, d, m)
}

func (in *interpreter) shortAnswerAt(toks []string, d Dialog, m *Meaning) (langMask, bool) {
	v := in.v
	inDialog := d.Step != "" && d.Step != StepIdle
	joined := ""
	if len(toks) <= 6 && v.startsShort(toks[0]) {
		joined = strings.Join(toks, " ")
	}
	for _, c := range []struct {
		class  string
		intent Intent
	}{{wordCancel, IntentCancel}, {wordNo, IntentNo}, {wordYes, IntentYes}} {
		if joined == "" {
			break // too long, or no short answer starts with its first word
		}
		mk, ok := v.short(c.class, toks, joined)
		_, whole := v.classes[c.class].whole[joined]
		if ok && (inDialog || d.MenuKind == MenuDelete || whole) {
			m.Intent, m.Plan = c.intent, ""
			return mk, true
		}
	}
	if inDialog && len(toks) > 1 {
		if mk, ok := v.has(wordNo, toks[0]); ok || in.startsCancel(toks) {
			if p := in.idx.resolve(strings.Join(toks[1:], " "), nil); p != "" && in.changeOnly(toks[1:]) {
				m.Intent, m.Plan = IntentPlanChange, p
				return mk, true
			}
		}
	}
	return 0, false
}

func (in *interpreter) startsCancel(toks []string) bool {
	_, ok := in.v.has(wordCancel, toks[0])
	return ok
}

// namesLang reports whether a language is named among toks.
func (in *interpreter) namesLang(toks []string) bool {
	for _, t := range toks {
		if _, ok := in.v.langName[t]; ok {
			return true
		}
	}
	return false
}

// langSwitch reads "kan du svare på engelsk?", "please answer in English",
// "svar på norsk": a language name with only framing words around it.
//
// A question about the languages themselves ("what languages do you
// speak?", "hvilke språk kan du?") names none: it returns "" and true, and
// the answer says which languages there are and how to choose.
func (in *interpreter) langSwitch(toks []string) (Lang, bool) {
	if len(toks) > 8 {
		return "", false
	}
	var want Lang
	about, asked := false, false
	for _, t := range toks {
		_, q := in.v.has(wordQuestion, t)
		asked = asked || q
		if l, ok := in.v.langName[t]; ok {
			want = l
			continue
		}
		if _, ok := in.v.has(wordLangWord, t); ok {
			about = true
			continue
		}
		if _, ok := in.v.has(wordLangFrame, t); ok {
			continue
		}
		if _, ok := in.v.has(wordPolite, t); ok {
			continue
		}
		if q {
			continue
		}
		return "", false
	}
	if want == "" {
		return "", about && (asked || len(toks) == 1)
	}
	return want, true
}

// inputText is the input a message carries after its introduction: the
// part after a colon or dash ("Forslag til kulturplanen: gratis konserter"), or
// the whole message when it says more than that it has input.
func (in *interpreter) inputText(text string, toks []string) string {
	if _, after, ok := in.splitIntro(text); ok {
		return after
	}
	if head, tail, ok := cutIntro(text); ok && in.hasContent(words(head)) && !in.hasContent(in.dropLeadIns(words(tail))) &&
		in.idx.und.Understand(tail).Plan != "" {
		return strings.TrimSpace(head) // "flere sykkelparkeringer ved Asker stasjon - til klimaplanen": the plan last
	}
	if in.hasContent(toks) && !in.planDoubtOnly(text) {
		return strings.TrimSpace(text)
	}
	return ""
}

// topicIntro reports whether the words before a colon are a plan's topic
// and a word for input, no more ("storm water input:", "skolemat-innspill:").
func (in *interpreter) topicIntro(before string) bool {
	toks := words(before)
	if len(toks) < 2 || len(toks) > 4 {
		return false
	}
	if _, ok := in.v.has(wordAnnounce, toks[len(toks)-1]); !ok {
		return false
	}
	return in.idx.und.Understand(strings.Join(toks[:len(toks)-1], " ")).Plan != ""
}

// planDoubtOnly reports whether text says no more than that an input
// comes and that the writer does not know which plan it belongs to ("Jeg
// har en idé, men vet ikke helt hvor den hører hjemme"): no text yet.
func (in *interpreter) planDoubtOnly(text string) bool {
	var rest []string
	doubt := false
	for _, c := range splitAt(text, ".,;!?") {
		for _, part := range splitWords(c, " men ", " but ") {
			toks := words(part)
			if _, ok := in.v.find(wordPlanDoubt, toks); ok {
				doubt = true
				continue
			}
			rest = append(rest, toks...)
		}
	}
	return doubt && !in.hasContent(in.dropLeadIns(rest))
}

// splitWords splits s at every one of seps (case-insensitive).
func splitWords(s string, seps ...string) []string {
	parts := []string{s}
	for _, sep := range seps {
		var next []string
		for _, p := range parts {
			low := strings.ToLower(p)
			for {
				i := strings.Index(low, sep)
				if i < 0 {
					break
				}
				next = append(next, p[:i])
				p, low = p[i+len(sep):], low[i+len(sep):]
			}
			next = append(next, p)
		}
		parts = next
	}
	return parts
}

// splitIntro splits an input at the colon or dash after its introduction
// ("Forslag til kulturplanen: gratis konserter"): ok when the part before
// says no more than that it is input (to a plan) and something follows.
func (in *interpreter) splitIntro(text string) (intro, after string, ok bool) {
	for _, sep := range []string{":", " - ", " – ", " — "} {
		if i := strings.Index(text, sep); i > 0 {
			before, rest := text[:i], strings.TrimSpace(text[i+len(sep):])
			if rest != "" && (!in.hasContent(in.dropLeadIns(words(before))) || in.describedIntro(before) || in.topicIntro(before)) {
				return before, rest, true
			}
			// "Aha, ingenting. Da vil jeg gi et innspill til barnehageplanen: …":
			// talk first, then a sentence that introduces the input
			if last := lastSentence(before); rest != "" && last != before && !in.hasContent(in.dropLeadIns(words(last))) &&
				in.idx.und.Understand(last).Intent == IntentInputSubmit {
				return last, rest, true
			}
		}
	}
	return "", "", false
}

// namedBefore reports whether a short sentence before the last one of
// text names plan ("Jeg mente egentlig skolekapasiteten. Kan jeg sende et
// innspill om den?"): "den" then points at it, not at the plan talked
// about before.
func (in *interpreter) namedBefore(text, plan string) bool {
	i := strings.LastIndexAny(strings.TrimRight(text, ".!? "), ".!?")
	if i <= 0 {
		return false
	}
	head := text[:i]
	if j := strings.LastIndexAny(head, ".!?"); j >= 0 {
		head = head[j+1:]
	}
	return len(words(head)) <= 6 && in.idx.und.Understand(head).Plan == plan
}

// ordinalIn reads a place in a list of n lines said in words ("the first
// one", "den andre", "the last one on your list"): its line number, or 0.
func (in *interpreter) ordinalIn(toks []string, n int) int {
	for i, class := range []string{wordFirst, wordSecond, wordThird} {
		if _, ok := in.v.find(class, toks); ok && i < n {
			return i + 1
		}
	}
	if _, ok := in.v.find(wordLatest, toks); ok && n > 0 {
		for _, t := range toks {
			if t == "last" || t == "siste" || t == "sist" {
				return n // the bottom line (not "the newest": that is the own-input list)
			}
		}
	}
	return 0
}

// announces reports whether text ends by announcing an input rather than
// making its point: "Eg driv gard i Hurum og vil seie noko til planen for
// landbruket.", "my mother is in a nursing home. I want to tell something to
// the plan for old people", "right, none yet. I'd like to submit one then".
// Its last clause is an introduction to input and says nothing more.
func (in *interpreter) announces(text string) bool {
	clauses := splitAt(text, ".,;!?")
	if len(clauses) == 0 {
		return false
	}
	last := clauses[len(clauses)-1]
	for _, sep := range []string{" og ", " and ", " men ", " but "} {
		if i := strings.LastIndex(strings.ToLower(last), sep); i >= 0 {
			last = last[i+len(sep):]
		}
	}
	toks := words(last)
	if len(toks) < 2 || in.idx.und.Understand(last).Intent != IntentInputSubmit {
		return false
	}
	if _, ok := in.v.find(wordAnnounce, toks); !ok {
		return false // a wish ("more outdoor lessons") makes its point
	}
	n := 0
	for _, t := range toks {
		if in.isContent(t) {
			n++
		}
	}
	return n <= 2 && in.contentWords(toks) <= 2
}

// hedges reports whether toks hedge an answer ("kanskje", "maybe", "I
// think"): an unsure answer is an answer, not a question.
func (in *interpreter) hedges(toks []string) bool {
	_, ok := in.v.find(wordHedge, toks)
	return ok
}

// splitAt splits text at every one of the punctuation marks in marks,
// dropping empty parts: the clauses or sentences of a message.
func splitAt(text, marks string) []string {
	return strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune(marks, r) })
}

// lastSentence is the part of s after its last full stop, exclamation or
// question mark (s itself when there is none).
func lastSentence(s string) string {
	if i := strings.LastIndexAny(s, ".!?"); i >= 0 && i+1 < len(s) {
		return strings.TrimSpace(s[i+1:])
	}
	return s
}

// describedIntro reports whether intro is an introduction to a plan named
// by description ("innspel til planen for personar med
// funksjonsnedsetjingar"): nothing but introduction before "planen for",
// and a plan the description names.
func (in *interpreter) describedIntro(intro string) bool {
	before := beforePlanName(intro)
	return len(before) > 0 && !in.hasContent(in.dropLeadIns(before)) && in.idx.resolve(intro, nil) != ""
}

// thanks reports whether a greeting is a thank-you ("takk!", "thanks a lot").
func (in *interpreter) thanks(text string) bool {
	_, ok := in.v.find(wordThanks, words(text))
	return ok
}

// changeOnly reports whether toks say no more than which plan is meant
// ("det gjelder kulturplanen", "feil plan, kulturplanen mente jeg",
// "actually it's for the culture plan").
func (in *interpreter) changeOnly(toks []string) bool {
	for _, t := range toks {
		if _, ok := in.v.has(wordChange, t); ok {
			continue
		}
		if in.isContent(t) {
			return false
		}
	}
	return true
}

// beforePlanName returns the words before a plan named by description at
// the end of text ("oi, det skulle eigentleg vore til planen for skule- og
// barnehagekapasitet", "it should go to the plan for older people"): the
// words after "planen for" name the plan, whatever words they use. A
// description that goes on after a comma or a full stop is more than a
// name; then toks is nil.
func beforePlanName(text string) []string {
	low := strings.ToLower(text)
	for _, head := range []string{"planen for ", "plan for ", "planen om ", "plan om ", "plan on ", "plan about "} {
		i := strings.Index(low, head)
		if i <= 0 || isLetter(low[i-1]) {
			continue
		}
		tail := strings.TrimRight(low[i+len(head):], ".!) ")
		if strings.ContainsAny(tail, ",.;:!?") || len(words(tail)) > 6 {
			return nil
		}
		return words(low[:i])
	}
	return nil
}

// changedToDescribed reports whether text says no more than that it is
// meant for a plan named by description at its end (beforePlanName).
func (in *interpreter) changedToDescribed(text string) bool {
	before := beforePlanName(text)
	return len(before) > 0 && in.changeOnly(before)
}

// hasContent reports whether toks say more than an introduction: a word
// that is neither an intro word ("jeg har et forslag til"), a polite word,
// nor a word that names a plan. It stops at the first such word.
func (in *interpreter) hasContent(toks []string) bool {
	for _, t := range toks {
		if in.isContent(t) {
			return true
		}
	}
	return false
}

// asks reports whether text is put as a question: a question mark, or a
// question word first (after lead-in words).
func (in *interpreter) asks(text string) bool {
	if hasQuestionMark(text) {
		return true
	}
	for i, t := range words(text) {
		if _, qw := in.v.has(wordQuestion, t); qw {
			return true
		}
		if _, filler := in.v.has(wordFiller, t); !filler || i >= 3 {
			return false
		}
	}
	return false
}

// pointsToSaid reports whether text points back at what was said before
// ("det", "that", "what I wrote").
func (in *interpreter) pointsToSaid(text string) bool {
	_, ok := in.v.find(wordBack, words(text))
	return ok
}

// contentWords counts the words of toks that say something beyond a plan
// reference and the words around one (yes, no, "actually", "it is for").
func (in *interpreter) contentWords(toks []string) int {
	n := 0
	for _, t := range toks {
		if len([]rune(t)) < 2 || in.idx.planWord(strings.ToLower(t)) {
			continue // only a plan's own name: "skulemat" says more than its plan
		}
		skip := false
		for _, class := range []string{wordYes, wordNo, wordFiller, wordChange, wordQuestion, wordIntro, wordPolite, wordPronoun, wordThanks} {
			if _, ok := in.v.has(class, t); ok {
				skip = true
				break
			}
		}
		if !skip {
			n++
		}
	}
	return n
}

// planTails are the words that end a plan's name ("the parking plan",
// "parkeringsplanen").
var planTails = []string{"planen", "planane", "planene", "plan", "plane", "planet"}

// namedPlanTail reads a message ending in the name of a plan ("... for the
// parking plan", "... til parkeringsplanen"): the name given and the words
// before it.
func namedPlanTail(toks []string) (given string, rest []string, ok bool) {
	n := len(toks)
	if n < 2 {
		return "", nil, false
	}
	last := toks[n-1]
	for _, tail := range planTails {
		switch {
		case last == tail:
			return toks[n-2], toks[:n-2], true
		case strings.HasSuffix(last, tail) && len(last) > len(tail)+3:
			return strings.TrimSuffix(strings.TrimSuffix(last, tail), "s"), toks[:n-1], true
		}
	}
	return "", nil, false
}

// introPlan is the plan named in the introduction of an input, before its
// colon or dash ("Forslag til grunnskoleplanen: mer fysisk aktivitet"), or
// "": a plan the text itself mentions does not override it.
func (in *interpreter) introPlan(text string) string {
	if intro, _, ok := in.splitIntro(text); ok {
		return in.idx.resolve(intro, nil)
	}
	return ""
}

// isContent reports whether word t is more than an introduction.
func (in *interpreter) isContent(t string) bool {
	if len([]rune(t)) < 2 {
		return false
	}
	if c, ok := in.v.correct(t); ok {
		t = c // "sugestion": an introduction's word, misspelt
	}
	if _, ok := in.v.has(wordIntro, t); ok {
		return false
	}
	if _, ok := in.v.has(wordPolite, t); ok {
		return false
	}
	if _, ok := in.v.has(wordPronoun, t); ok { // "eg har eit innspel til han"
		return false
	}
	return !in.isPlanWord(t)
}

// hasQuestionMark reports whether s has a question mark (ASCII, full-width or inverted).
func hasQuestionMark(s string) bool {
	return strings.IndexByte(s, '?') >= 0 || (!isASCII(s) && strings.ContainsAny(s, "？¿"))
}

// hasColon reports whether s has a colon.
func hasColon(s string) bool {
	return strings.IndexByte(s, ':') >= 0 || (!isASCII(s) && strings.Contains(s, "："))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// knows reports whether the matcher knows word t (then it is no typo);
// matchers without that ability know nothing.
func (in *interpreter) knows(t string) bool {
	k, ok := in.idx.und.(interface{ Knows(string) bool })
	return ok && k.Knows(t)
}

// planQuestion reports intents that ask about the plans' content: a
// misspelt word never turns those into something else.
// questionSentence returns the one question of a message of several
// sentences ("God dag. Når starter eldreplanen? Jeg er 84."), or "".
func questionSentence(text string) string {
	var q string
	sentences, questions := 0, 0
	start := 0
	for i, r := range text {
		if r != '.' && r != '!' && r != '?' && r != '\n' {
			continue
		}
		if s := strings.TrimSpace(text[start : i+1]); len(s) > 1 {
			sentences++
			if r == '?' {
				questions++
				q = s
			}
		}
		start = i + 1
	}
	if strings.TrimSpace(text[start:]) != "" {
		sentences++
	}
	if sentences < 2 || questions != 1 {
		return ""
	}
	return q
}

// usesPlan reports whether answers to intent i are about one plan.
func usesPlan(i Intent) bool {
	switch i {
	case IntentPlanPurpose, IntentPlanThemes, IntentPlanStart, IntentPlanInfo, IntentParticipationHow:
		return true
	}
	return false
}

func planQuestion(i Intent) bool {
	switch i {
	case IntentPlanPurpose, IntentPlanThemes, IntentPlanStart, IntentPlanInfo, IntentPlansList,
		IntentTemaplanAbout, IntentParticipationMeeting, IntentCorona:
		return true
	}
	return false
}

// questionIntent reports intents that ask about the plans.
func questionIntent(i Intent) bool {
	switch i {
	case IntentPlanPurpose, IntentPlanThemes, IntentPlanStart, IntentPlansList, IntentPlanInfo,
		IntentTemaplanAbout, IntentParticipationHow, IntentParticipationMeeting, IntentCorona, IntentHelp:
		return true
	}
	return false
}

var refPattern = regexp.MustCompile(`^INN-[0-9A-Z]{6}$`)

// normRef upper-cases a typed reference and adds a missing "INN-"; it returns
// "" when the result is not a well-formed reference (so no odd text ever
// reaches a query).
func normRef(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	if !strings.HasPrefix(s, "INN-") && len(s) == 6 {
		s = "INN-" + s
	}
	if !refPattern.MatchString(s) {
		return ""
	}
	return s
}

// knownLang maps a language name, code or locale ("nb", "English", "se-NO")
// to a language there are texts for: by the names in the locale files, by
// ParseLang, or by its code.
func (v *vocab) knownLang(s string) (Lang, bool) {
	if l, ok := v.langName[normWord(s)]; ok {
		return l, true
	}
	if l, ok := ParseLang(s); ok {
		return l, true
	}
	base := strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(base, "-_"); i > 0 {
		base = base[:i]
	}
	for _, l := range v.langs {
		if string(l) == base {
			return l, true
		}
	}
	return "", false
}
