package nlu

import (
	"strings"

	"github.com/askerkommune/temaplanbot/bot"
)

// has reports whether any of cues c were found.
func (a *analysis) has(c cue) bool { return a.cues&c != 0 }

// decide picks the intent. The order of the rules is the policy: topics
// that name themselves (corona, the meeting) win; then giving input and
// taking part; then questions about a named plan; then the general
// questions; then small talk.
func (a *analysis) decide(hasPlan, tied bool) bot.Intent {
	planish := hasPlan || tied
	switch {
	case a.has(cueCorona):
		return bot.IntentCorona
	case a.has(cueMeeting) && !(a.has(cueParticipate) && a.has(cueHow) && a.besides()) && (!a.has(cueInput) || a.qmark && (a.has(cueWhich|cueList|cueWhat) || !a.firstPerson || a.asksIfThereIs())):
		// (but "apart from meetings, how else can residents have a say?" asks how to take part)
		return bot.IntentParticipationMeeting
	case a.has(cueOfftopic) && a.has(cueHelp) && !a.has(cuePlanWord|cueTemaplan|cueInput|cueParticipate):
		return bot.IntentUnknown // "kan du hjelpe meg med mattelekser": help with something else
	case a.has(cueNoAnswer) && a.question && !a.has(cuePurpose|cueThemes|cueStart|cueWhen|cueMeeting|cueCorona|cueTemaplan|cueList|cueHelp):
		// "hvordan klager jeg på vedtaket?", "kan eg søkje om barnehageplass?":
		// casework, not the plans
		return bot.IntentUnknown
	case a.has(cueInput) && !planish && a.has(cueWhich|cueList) && a.plural && a.has(cuePlanWord|cueTemaplan):
		return bot.IntentPlansList // "which plans can I comment on?"
	case a.has(cueInput) && !hasPlan && a.qmark && a.plural && a.has(cuePlanWord|cueTemaplan) && !a.oneOf():
		// "Kan eg som innbyggar seie meininga mi om planane?": about the plans in general
		return bot.IntentParticipationHow
	case a.has(cueInput):
		asking := a.question || a.has(cueAsk)
		// "skal komme med et innspill", "har eit innspel": a statement
		// without its "jeg" is no question without a question mark
		if (a.has(cueHow) && (asking || !a.firstPerson)) || (asking && a.has(cueWhat)) || (a.qmark && !a.firstPerson) ||
			(asking && !a.firstPerson && !a.subjectless()) {
			return bot.IntentParticipationHow
		}
		return bot.IntentInputSubmit
	case a.has(cueTemaplan) && a.plural && a.question && a.has(cueAbout|cueWish) && a.has(cueWhat) &&
		!a.has(cueHow|cueInput|cueList|cueWhich):
		// "hva bygger temaplanene på?", "what are the theme plans based on?": what they
		// rest on, not a wish nor the list, whatever plan a word of it suggests
		return bot.IntentTemaplanAbout
	case planish && a.question && a.has(cueStart|cueWhen) && !a.has(cueHow):
		// "når kommer arbeidet med X i gang? ... kunne tenkt meg å følge med":
		// a question about the plan's start, whatever else is said
		return a.planIntent()
	case !planish && a.has(cueAbout) && a.has(cueTemaplan) && !a.has(cueHow):
		// "do the theme plans make new goals or just follow kommuneplanen"
		return a.temaplanIntent()
	case a.has(cueParticipate) && !(hasPlan && a.has(cueThemes|cuePurpose) && !a.has(cueHow)):
		// (but "kva tema skal vere med i medborgarskapsplanen?" asks its themes)
		return bot.IntentParticipationHow
	case a.opinion(planish):
		return bot.IntentInputSubmit
	case a.has(cueOfftopic|cueNoAnswer) && !a.has(strongCues&^cueInfo):
		return bot.IntentUnknown
	case a.has(cueNoAnswer) && !a.has(strongCues&^(cueInfo|cuePlanWord|cueTemaplan)):
		// "hvor mye koster klimaplanen?": about a plan, but nothing the catalogue says
		return bot.IntentUnknown
	case hasPlan && a.has(cuePlanWord) && a.unknown > 0 && a.asksWhoOrHowMuch() && !a.has(strongCues&^(cueTemaplan|cuePlanWord)):
		// "hvem er prosjektleder for kulturplanen?", "how many pages will the
		// culture plan be?": asks what the catalogue does not say
		return bot.IntentUnknown
	case planish:
		return a.planIntent()
	case a.has(cueHelp) && !a.has(cueThanks) && !(a.has(cueGreet) && !a.question):
		return bot.IntentHelp
	case a.has(cueTemaplan | cueAbout):
		return a.temaplanIntent()
	case a.has(cuePlanWord):
		return a.genericPlanIntent()
	case a.has(cueList):
		return bot.IntentPlansList
	case a.has(cueThemes) && a.unknown <= 1 && !a.has(cueOfftopic):
		// before purpose, as in planIntent: "hva skal den handle om?"
		return bot.IntentPlanThemes
	case a.has(cuePurpose) && a.unknown <= 1 && !a.has(cueOfftopic):
		return bot.IntentPlanPurpose
	case a.has(cueStart) && a.unknown <= 1 && !a.has(cueOfftopic):
		return bot.IntentPlanStart
	case a.has(cueInfo) && !a.has(cueOfftopic|cueGreet|cueThanks) && (a.question || len(a.toks) >= 3):
		// "hvor finner jeg mer info", "who can I contact": no plan named,
		// so the way to follow the work (the answer links the plans page)
		return bot.IntentParticipationHow
	case a.has(cueGreet | cueThanks):
		return bot.IntentGreeting
	}
	return bot.IntentUnknown
}

// asksIfThereIs reports whether the message opens "er det", "finnes det",
// "is there", "are there": it asks whether something exists ("Er det nokon
// møte der eg kan seie meininga mi?" asks about meetings).
func (a *analysis) asksIfThereIs() bool {
	if len(a.folded) < 2 {
		return false
	}
	switch a.folded[0] + " " + a.folded[1] {
	case "er det", "finnes det", "fins det", "blir det", "vert det", "is there", "are there", "will there":
		return true
	}
	return false
}

// subjectless reports whether a message opening with a verb goes on with
// its object or another verb, not a subject: "har eit innspel", "skal
// komme med et forslag" (the writer's "jeg" left out) rather than "kan
// innbyggjarar vere med?".
func (a *analysis) subjectless() bool {
	if len(a.toks) < 2 {
		return false
	}
	switch a.toks[1] {
	case "et", "eit", "en", "ein", "ei", "noe", "noko", "noen", "nokre", "nokon", "a", "an", "some", "something",
		"komme", "kome", "sende", "gi", "gje", "si", "seie", "legge", "leggje", "levere", "send", "give", "submit", "share":
		return true
	}
	return false
}

// besides reports whether the message sets something aside ("apart from
// meetings, how else …", "andre måter enn møter").
func (a *analysis) besides() bool {
	for _, t := range a.toks {
		switch t {
		case "else", "apart", "besides", "other", "utenom", "bortsett", "andre", "anna", "annan", "enn":
			return true
		}
	}
	return false
}

// oneOf reports whether the message picks among the plans ("one of the
// plans", "ein av planane"): input to one of them, not the plans in general.
func (a *analysis) oneOf() bool {
	for i := 0; i+1 < len(a.toks); i++ {
		switch a.toks[i] {
		case "one", "some", "en", "ein", "ei", "noen", "nokre", "et", "eit":
			if a.toks[i+1] == "of" || a.toks[i+1] == "av" {
				return true
			}
		}
	}
	return false
}

// asksWhoOrHowMuch reports whether the message opens with "who" or "how
// much/many", which the catalogue's purpose, themes and start never answer.
func (a *analysis) asksWhoOrHowMuch() bool {
	if len(a.toks) == 0 {
		return false
	}
	switch a.toks[0] {
	case "hvem", "kven", "who", "whom", "whos":
		return true
	case "hvor", "kor", "how":
		return len(a.toks) > 1 && (a.toks[1] == "mye" || a.toks[1] == "mange" || a.toks[1] == "mykje" || a.toks[1] == "much" || a.toks[1] == "many")
	}
	return false
}

// countsPlans reports whether the message asks how many plans there are:
// "many"/"mange" right before a word for the plans ("hvor mange temaplaner").
func (a *analysis) countsPlans() bool {
	for i := 0; i+1 < len(a.toks); i++ {
		if a.toks[i] != "many" && a.toks[i] != "mange" {
			continue
		}
		next := strings.TrimPrefix(strings.TrimPrefix(a.folded[i+1], "theme"), "tema")
		if next == "" && i+2 < len(a.toks) {
			next = a.folded[i+2] // "how many theme plans"
		}
		switch next {
		case "plans", "plan", "planer", "planar", "planene", "planane":
			return true
		}
	}
	return false
}

// opinion reports whether the message states a view about a plan ("the
// climate plan should do more for cyclists") rather than asking something.
func (a *analysis) opinion(planish bool) bool {
	if !a.has(cueOpinion|cueWish) || a.question || a.has(cueAsk|cueInfo|cueHelp|cueGreet) {
		return false
	}
	if planish || a.has(cuePlanWord|cueTemaplan) {
		return true
	}
	// "det burde vært flere benker i parken": a view without a plan
	return a.has(cueOpinion) && !a.has(cueOfftopic) && len(a.toks) >= 4
}

// planIntent is the intent of a question about one named plan.
func (a *analysis) planIntent() bot.Intent {
	switch {
	case a.has(cueThemes):
		return bot.IntentPlanThemes
	case a.has(cuePurpose):
		return bot.IntentPlanPurpose
	case a.has(cueStart | cueWhen):
		return bot.IntentPlanStart
	}
	return bot.IntentPlanInfo
}

// temaplanIntent is the intent of a question about theme plans in general:
// the list when several are meant, else what a theme plan is.
func (a *analysis) temaplanIntent() bot.Intent {
	switch {
	case a.countsPlans(), a.has(cueWhich) && a.plural && !a.has(cueDefine):
		// "how many plans is the council working on", "which plans is the
		// council working on": the list, whoever decided it
		return bot.IntentPlansList
	case a.has(cueAbout):
		return bot.IntentTemaplanAbout
	case a.has(cueList | cueWhich):
		return bot.IntentPlansList
	case a.has(cueDefine|cuePurpose) && !a.definite:
		return bot.IntentTemaplanAbout
	case a.plural && !a.has(cueHow):
		return bot.IntentPlansList
	}
	return bot.IntentTemaplanAbout
}

// genericPlanIntent is the intent of a question about "the plan" or "the
// plans" without a name.
func (a *analysis) genericPlanIntent() bot.Intent {
	switch {
	case a.has(cueList|cueWhich) || (a.plural && !a.has(cuePurpose|cueThemes|cueStart|cueWhen)):
		return bot.IntentPlansList
	case a.has(cueThemes):
		return bot.IntentPlanThemes
	case a.has(cuePurpose):
		return bot.IntentPlanPurpose
	case a.has(cueStart | cueWhen):
		return bot.IntentPlanStart
	case a.has(cueDefine):
		return bot.IntentTemaplanAbout
	}
	return bot.IntentPlansList
}

// confidence is a rough score in [0,1] for the decision.
func (a *analysis) confidence(i bot.Intent, plan bool, best float32) float64 {
	s := 0.5
	switch {
	case i == bot.IntentUnknown:
		s = 0.2
		if len(a.toks) == 0 {
			s = 0
		}
	case plan && a.has(strongCues&^(cueTemaplan|cuePlanWord)):
		s = 0.9
	case plan:
		s = 0.6 + 0.1*float64(min(best, 2))
	case a.has(strongCues | cueGreet | cueThanks):
		s = 0.8
	}
	if a.fuzzy {
		s -= 0.15
	}
	if a.unknown > 2 {
		s -= 0.1
	}
	return max(0, min(1, s))
}

// langEvidence counts how Norwegian and how English each word is.
func (m *Matcher) langEvidence(a *analysis) {
	for i, t := range a.toks {
		v, ok := m.accented[t]
		if !ok {
			var w word
			w, ok = m.words[a.folded[i]]
			v = w.lang
		}
		if s := shapeLang(t, a.folded[i]); !ok || s == 2 {
			v = s
			if v == 0 {
				v = m.atomLang(a, i)
			}
		}
		switch {
		case v > 0:
			a.nb += int(v)
		case v < 0:
			a.en -= int(v)
		}
	}
}

// atomLang is the language of token i as the lexicon read it: a compound
// of known words is Norwegian (English does not write them as one word); an
// inflected or misspelt word has the language of the word it was taken for.
func (m *Matcher) atomLang(a *analysis, i int) int8 {
	for _, at := range a.atoms {
		if at.tok != i || at.entry < 0 {
			continue
		}
		if at.part {
			return 1
		}
		return m.entries[at.entry].lang
	}
	return 0
}

// shapeLang guesses a word's language from its letters: æ, ø and å and
// Norwegian inflections of plan words are Norwegian; w, th and -tion are
// English.
func shapeLang(t, f string) int8 {
	switch {
	case strings.ContainsAny(t, "æøå"):
		return 1
	case strings.Contains(f, "plan") && hasAnySuffix(f, "planen", "planens", "planene", "planer", "planar", "planane"):
		return 2
	case strings.ContainsRune(f, 'w') || strings.Contains(f, "th") || strings.HasSuffix(f, "tion") || strings.HasSuffix(f, "ly"):
		return -1
	case strings.HasPrefix(f, "hv") || strings.HasPrefix(f, "kj") || strings.HasPrefix(f, "skj") ||
		strings.HasSuffix(f, "sjon") || strings.HasSuffix(f, "ene") || strings.HasSuffix(f, "lig"):
		return 1
	}
	return 0
}

func hasAnySuffix(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// lang returns the reply language and whether the evidence was clear.
// langPure reports whether every word of a message of two words or more
// is a word of one language alone (each counts 2 then, see langEvidence).
func (a *analysis) langPure() bool {
	n := 2 * len(a.toks)
	return len(a.toks) >= 2 && a.unknown == 0 && (a.nb == 0 && a.en >= n || a.en == 0 && a.nb >= n)
}

func (a *analysis) lang() (bot.Lang, bool) {
	d := a.nb - a.en
	// Two words of evidence, or one with none against it in a message of
	// two known words or more ("citizenship plan"); one word alone
	// ("klima"), or with words not known ("Mail kari@example.no"), stays
	// unsure.
	oneSided := len(a.toks) >= 2 && a.unknown == 0 && (a.nb == 0 || a.en == 0)
	if d < 0 {
		return bot.EN, -d >= 2 || oneSided
	}
	return bot.NB, d >= 2 || (d >= 1 && oneSided)
}
