package bot

import (
	"strings"
	"unicode"
)

// Command keys; the words users type for them come from the locale files
// ("command.<key>": "word|synonym"), every language at once, so adding a
// language adds its command words without Go changes.
const (
	cmdHelp      = "help"
	cmdPlans     = "plans"
	cmdPlan      = "plan"
	cmdInput     = "input"
	cmdMy        = "my"
	cmdDelete    = "delete"
	cmdLanguage  = "language"
	cmdPrivacy   = "privacy"
	cmdAsk       = "ask"
	cmdReminders = "reminders"
	cmdDigest    = "digest"
	cmdStart     = "start"
	cmdHide      = "hide"
	cmdUnhide    = "unhide"
	cmdArchive   = "archive"
)

var commandKeys = []string{cmdHelp, cmdPlans, cmdPlan, cmdInput, cmdMy, cmdDelete, cmdLanguage,
	cmdPrivacy, cmdAsk, cmdReminders, cmdDigest, cmdStart, cmdHide, cmdUnhide, cmdArchive}

// Word classes ("word.<class>" in the locale files): short answers and the
// words free-text understanding looks for. Phrases are separated by "|"; a
// phrase ending in "*" matches any word that starts with it.
const (
	wordYes    = "yes"
	wordNo     = "no"
	wordCancel = "cancel"
	wordPolite = "polite" // words that may surround a short answer ("ja takk", "yes please")
	wordOn     = "on"
	wordOff    = "off"
	wordHere   = "here"
	wordNow    = "now"
	// Free-text signals.
	wordList       = "input.list"     // "vis mine innspill", "what did I submit": asks for the own-input list
	wordMine       = "input.mine"     // "mine innspill", "my input": the list when said (almost) alone
	wordDeleteVerb = "input.delete"   // "slett", "delete"
	wordInputThing = "input.object"   // "innspill*", "input*": what a delete verb acts on
	wordPointer    = "input.pointer"  // "mitt", "it": a delete object in a short message
	wordPrivacy    = "privacy"        // "personvern", "what do you store"
	wordLangFrame  = "language.frame" // "svar på", "answer in": words around a language name
	wordLangSelf   = "language.self"  // the names of the file's own language ("engelsk", "english")
	wordLangWord   = "language.word"  // "språk", "languages": a question about the languages spoken
	wordIntro      = "input.intro"    // words that only introduce input ("jeg har et forslag til")
	wordQuestion   = "question"       // words that make a message a question when they come first
	wordPronoun    = "pronoun"        // words that point back to the plan talked about ("den", "it")
	wordTopic      = "topic"          // what questions about a plan ask for ("formål", "themes")
	wordLangNot    = "language.not"   // "ikke", "don't": "I don't speak Norwegian" asks for the other language
	wordSee        = "input.see"      // "se", "find": with "innspillene mine" asks for the list
	wordChange     = "plan.change"    // "feil", "actually": words around the plan meant instead
	wordThanks     = "thanks"         // "takk", "thanks"
	wordLatest     = "latest"         // "siste", "last": the newest own input
	wordFirst      = "first"          // "første", "first": the first of a list just shown
	wordBack       = "back"           // "det", "that", "what I wrote": what was said just before
	wordAnnounce   = "input.announce" // "vil seie noko", "submit one": words that announce an input
	wordHedge      = "hedge"          // "kanskje", "maybe": an unsure answer
	wordSecond     = "second"         // "andre", "second": the second of a list just shown
	wordThird      = "third"          // "tredje", "third": the third of a list just shown
	wordFiller     = "filler"         // "actually", "egentlig": lead-ins before a short answer in a dialog
	wordPlanDoubt  = "plan.doubt"     // "vet ikke hvor den hører hjemme", "not sure which plan": talk about the plan, no text
	// Answers to the amend question (amend.go).
	wordAmendAdd     = "amend.add"     // "legg til", "add"
	wordAmendReplace = "amend.replace" // "erstatt", "replace"
	wordAmendKeep    = "amend.keep"    // "send det første", "send it as it was"
	wordAmendVague   = "amend.vague"   // "noe", "something", "more": what an addition is before it is said
	// Courtesy around a message (courtesy.go).
	wordSalutation    = "salutation"     // "god dag", "hello": a greeting before what is asked
	wordSignOff       = "signoff"        // "mvh", "regards": a sign-off, a name after it
	wordSignOffThanks = "signoff.thanks" // "takk", "thanks": a sign-off alone or before a name
)

// spellClasses are the lists whose words are corrected when misspelt.
var spellClasses = []string{wordList, wordMine, wordDeleteVerb, wordInputThing, wordPrivacy, wordLangFrame, wordSee}

var wordClasses = []string{wordYes, wordNo, wordCancel, wordPolite, wordOn, wordOff, wordHere, wordNow,
	wordList, wordMine, wordDeleteVerb, wordInputThing, wordPrivacy, wordLangFrame, wordIntro, wordQuestion, wordPronoun, wordPointer, wordTopic, wordLangNot, wordSee, wordChange, wordThanks, wordLatest, wordFirst, wordBack, wordAnnounce, wordHedge, wordSecond, wordThird, wordFiller, wordPlanDoubt, wordLangWord,
	wordAmendAdd, wordAmendReplace, wordAmendKeep, wordAmendVague,
	wordSalutation, wordSignOff, wordSignOffThanks, wordPrivacyKeep, wordPrivacyWho, wordPrivacyObject,
	wordSummaryAsk, wordPeriodLast, wordPeriodThis, wordPeriodSince, wordPeriodDay, wordPeriodWeek, wordPeriodMonth}

// phraseSet is a set of phrases of one class, each tagged with the
// language(s) whose locale file lists it.
type phraseSet struct {
	whole    map[string]langMask // normalised phrase -> languages
	first    map[string][][]string
	prefixes []prefixWord
	single   map[string]langMask // every single word of every phrase
}

type prefixWord struct {
	p    string
	mask langMask
}

// langMask is a set of indexes into vocab.langs.
type langMask uint32

// vocab holds the words of every locale file: command words, short
// answers, free-text signals and language names.
type vocab struct {
	langs    []Lang
	commands map[string]string
	cmdLang  map[string]langMask
	classes  map[string]*phraseSet
	langName map[string]Lang     // a name of a language -> that language
	known    map[string]bool     // every word of the lists (spelling)
	spell    map[string][]string // a word or a one-letter deletion of it -> list words (spell.go)
}

func buildVocab(l Localizer, langs []Lang) *vocab {
	v := &vocab{langs: langs, commands: map[string]string{}, cmdLang: map[string]langMask{},
		classes: map[string]*phraseSet{}, langName: map[string]Lang{}, known: map[string]bool{},
		spell: map[string][]string{}}
	for _, c := range wordClasses {
		v.classes[c] = &phraseSet{whole: map[string]langMask{}, first: map[string][][]string{}, single: map[string]langMask{}}
	}
	for i, lang := range langs {
		bit := langMask(1) << i
		for _, key := range commandKeys {
			for _, w := range commandWords(l.Text(lang, "command."+key, nil)) {
				v.commands[w] = key
				v.cmdLang[w] |= bit
			}
		}
		for _, class := range wordClasses {
			v.classes[class].add(splitList(l.Text(lang, "word."+class, nil)), bit)
		}
		for _, w := range splitList(l.Text(lang, "word."+wordLangSelf, nil)) {
			v.langName[w] = lang
		}
	}
	for _, c := range spellClasses {
		for w := range v.classes[c].single {
			v.addSpelling(w)
		}
		for _, p := range v.classes[c].prefixes {
			v.addSpelling(p.p) // "personvenr" -> personvern(*)
		}
	}
	for w := range v.langName {
		v.addSpelling(w)
	}
	return v
}

// commandWords splits a "|" list of command words, each normalised as a
// single word ("vis-igjen" stays whole).
func commandWords(s string) []string {
	if strings.HasPrefix(s, "command.") {
		return nil
	}
	var out []string
	for _, w := range strings.Split(s, "|") {
		if w = normWord(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// splitList splits a "|" list and normalises every entry; a message id
// missing from the locale files (returned as the id itself) gives nothing.
func splitList(s string) []string {
	if strings.HasPrefix(s, "word.") || strings.HasPrefix(s, "command.") {
		return nil
	}
	var out []string
	for _, w := range strings.Split(s, "|") {
		star := strings.HasSuffix(strings.TrimSpace(w), "*")
		// Phrases are matched word by word, as messages are split ("ok, send" = ok send).
		if w = strings.Join(words(w), " "); w != "" {
			if star {
				w += "*"
			}
			out = append(out, w)
		}
	}
	return out
}

func (ps *phraseSet) add(list []string, bit langMask) {
	for _, w := range list {
		if p, ok := strings.CutSuffix(w, "*"); ok {
			ps.prefixes = append(ps.prefixes, prefixWord{p, bit})
			continue
		}
		ps.whole[w] |= bit
		toks := strings.Fields(w)
		ps.first[toks[0]] = append(ps.first[toks[0]], toks)
		for _, t := range toks {
			ps.single[t] |= bit
		}
	}
}

// normWord lowercases s, drops surrounding punctuation and collapses spaces.
func normWord(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r) })
	return strings.Join(strings.Fields(s), " ")
}

// words splits s into lowercase words without punctuation ("ok, send!" ->
// ok send). Apostrophes are dropped inside words ("don't" -> dont).
func words(s string) []string {
	s = strings.ToLower(s)
	s = strings.ReplaceAll(s, "'", "")
	s = strings.ReplaceAll(s, "’", "")
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// command returns the command key for word, or "".
func (v *vocab) command(word string) string { return v.commands[normWord(word)] }

// is reports whether the whole of s is a phrase of class.
func (v *vocab) is(class, s string) bool {
	_, ok := v.classes[class].whole[strings.Join(words(s), " ")]
	return ok
}

// has reports whether word w (one word) belongs to class, as a whole word,
// a word of one of its phrases, or by a prefix entry.
func (v *vocab) has(class, w string) (langMask, bool) {
	ps := v.classes[class]
	if m, ok := ps.single[w]; ok {
		return m, true
	}
	for _, p := range ps.prefixes {
		if strings.HasPrefix(w, p.p) {
			return p.mask, true
		}
	}
	return 0, false
}

// find reports whether a phrase of class occurs in toks and the languages
// whose files list the first one found.
func (v *vocab) find(class string, toks []string) (langMask, bool) {
	ps := v.classes[class]
	for i, t := range toks {
		for _, ph := range ps.first[t] {
			if i+len(ph) <= len(toks) && equalWords(toks[i:i+len(ph)], ph) {
				return ps.whole[strings.Join(ph, " ")], true
			}
		}
		for _, p := range ps.prefixes {
			if strings.HasPrefix(t, p.p) {
				return p.mask, true
			}
		}
	}
	return 0, false
}

// leading returns how many words of toks the longest phrase of class at
// their start takes, or 0.
func (v *vocab) leading(class string, toks []string) int {
	if len(toks) == 0 {
		return 0
	}
	n := 0
	for _, ph := range v.classes[class].first[toks[0]] {
		if len(ph) > n && len(ph) <= len(toks) && equalWords(toks[:len(ph)], ph) {
			n = len(ph)
		}
	}
	return n
}

func equalWords(a, b []string) bool {
	for i := range b {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// short reports whether toks are a short answer of class: a phrase of the
// class on its own, or its words with polite words around them ("ja takk,
// send det", "yes please"). The first word must belong to the class.
func (v *vocab) short(class string, toks []string, joined string) (langMask, bool) {
	if len(toks) == 0 || len(toks) > 6 {
		return 0, false
	}
	ps := v.classes[class]
	if m, ok := ps.whole[joined]; ok {
		return m, true
	}
	if len(toks) == 1 { // "jaaa", "yess", "okk": a held-down key
		if m, ok := ps.whole[squeeze(toks[0])]; ok {
			return m, true
		}
	}
	// The message must start with a whole phrase of the class ("send det"
	// is yes although "send" is a word of "ikke send").
	n := 0
	var m langMask
	for _, ph := range ps.first[toks[0]] {
		if len(ph) > n && len(ph) <= len(toks) && equalWords(toks[:len(ph)], ph) {
			n, m = len(ph), ps.whole[strings.Join(ph, " ")]
		}
	}
	if n == 0 {
		return 0, false
	}
	for _, t := range toks[n:] {
		if _, ok := ps.single[t]; ok {
			continue
		}
		if _, ok := v.classes[wordPolite].single[t]; !ok {
			return 0, false
		}
	}
	return m, true
}

// startsShort reports whether a short answer (yes, no, cancel) can start
// with word w.
func (v *vocab) startsShort(w string) bool {
	for _, c := range []string{wordYes, wordNo, wordCancel} {
		ps := v.classes[c]
		if len(ps.first[w]) > 0 {
			return true
		}
		if _, ok := ps.whole[squeeze(w)]; ok {
			return true
		}
	}
	return false
}

// squeeze drops a letter repeated right after itself ("jaaa" -> "ja").
func squeeze(w string) string {
	repeated := false
	for i := 1; i < len(w); i++ {
		if w[i] == w[i-1] {
			repeated = true
			break
		}
	}
	if !repeated {
		return w
	}
	var b strings.Builder
	var last rune
	for i, r := range w {
		if i > 0 && r == last {
			continue
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

// lang returns the one language in mask, or false when there are none or several.
func (v *vocab) lang(mask langMask) (Lang, bool) {
	var found Lang
	n := 0
	for i, l := range v.langs {
		if mask&(1<<i) != 0 {
			found, n = l, n+1
		}
	}
	return found, n == 1
}

// splitFirst splits s into its first word and the trimmed rest.
func splitFirst(s string) (string, string) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}
