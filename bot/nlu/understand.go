package nlu

import (
	"strings"

	"github.com/askerkommune/temaplanbot/bot"
)

// maxPlans is how many plans the matcher scores without allocating.
const maxPlans = 32

// analysis is what the matcher found in one message.
type analysis struct {
	toks        []string // normalised words
	folded      []string
	atoms       []atom
	cues        cue
	scores      []float32 // per plan
	touched     []int16   // plans with a score, when there are more than maxPlans
	fuzzy       bool      // some plan word was matched with a typo
	question    bool      // a question mark or a question word first
	qmark       bool      // a question mark
	plural      bool      // "temaplaner", "plans": more than one plan meant
	definite    bool      // "temaplanene", "the plans"
	unknown     int       // words neither in the lexicon nor known function words
	firstPerson bool      // jeg, eg, vi, I, we: the writer speaks for themselves
	nb, en      int       // language evidence
}

// Understand classifies text: its intent, the plan it is about (a catalogue
// id, or "" when none or several fit equally) and the language to reply in
// (bot.NB when unsure). It never fails; text it cannot place is
// bot.IntentUnknown.
func (m *Matcher) Understand(text string) bot.Understanding {
	var a analysis
	var scores [maxPlans]float32
	if len(m.ids) <= maxPlans {
		a.scores = scores[:len(m.ids)]
	} else {
		// A large catalogue: reuse a zeroed array and clear only what
		// this message touched, so the cost follows the message.
		big := m.scorePool.Get().(*[]float32)
		a.scores, a.touched = *big, make([]int16, 0, 16)
		defer func() {
			for _, p := range a.touched {
				a.scores[p] = 0
			}
			m.scorePool.Put(big)
		}()
	}
	m.analyse(text, &a)
	plan, best, tied := a.bestPlan()
	id := ""
	if plan >= 0 {
		id = m.ids[plan]
	}
	intent := a.decide(plan >= 0, tied)
	keep := intent == bot.IntentCorona || (intent == bot.IntentUnknown || intent == bot.IntentParticipationMeeting) && a.has(cuePlanWord)
	if intent == bot.IntentParticipationHow && (!a.has(cuePlanWord) || a.plural) {
		id = "" // "can clubs take part?": a topic word is no plan asked about
	}
	if !usesPlan(intent) && (!keep || tied) {
		// a question about corona and one plan keeps the plan (its delay),
		// and so does one about a plan that the catalogue cannot answer
		// ("what does the climate plan cost?": what it can tell instead)
		id = ""
	}
	lang, sure := a.lang()
	return bot.Understanding{
		Intent:   intent,
		Plan:     id,
		Lang:     lang,
		LangSure: sure,
		LangPure: a.langPure(),
		Score:    a.confidence(intent, id != "", best),
	}
}

// usesPlan reports whether intent i carries a plan.
func usesPlan(i bot.Intent) bool {
	switch i {
	case bot.IntentPlanPurpose, bot.IntentPlanThemes, bot.IntentPlanStart, bot.IntentPlanInfo,
		bot.IntentParticipationHow, bot.IntentInputSubmit:
		return true
	}
	return false
}

// shorthand spells out chat shorthand before anything else reads the
// words: "wat" must not meet the stem of "water", nor "u" stay unknown.
var shorthand = map[string]string{
	"wat": "what", "wot": "what", "wht": "what", "wut": "what",
	"u": "you", "ur": "your", "r": "are", "abt": "about", "bout": "about",
	"pls": "please", "plz": "please", "thx": "thanks", "tnx": "thanks",
	"bhg": "barnehage", "bhgen": "barnehagen",
	"smth": "something", "sth": "something", "smt": "something", "n": "and", "bc": "because", "cuz": "because",
	"noko": "noko", "nåt": "noe", "noe": "noe",
	// dialect pronouns and forms ("ka kan æ spørr dæ om")
	"æ": "eg", "dæ": "deg", "mæ": "meg", "sæ": "seg", "spørr": "spørre",
}

// analyse fills a from text.
func (m *Matcher) analyse(text string, a *analysis) {
	a.toks = strings.Fields(Normalize(text))
	for i, t := range a.toks {
		if full, ok := shorthand[t]; ok {
			a.toks[i] = full
		}
	}
	a.folded = make([]string, len(a.toks))
	a.atoms = make([]atom, 0, len(a.toks)+2)
	for i, t := range a.toks {
		f := fold(t)
		a.folded[i] = f
		a.atoms = m.resolve(f, i, a.atoms)
	}
	consumed := m.matchPhrases(a)
	for i, at := range a.atoms {
		if at.entry < 0 {
			if !at.part {
				if !m.words[a.folded[at.tok]].known {
					a.unknown++
				}
			}
			continue
		}
		e := &m.entries[at.entry]
		if !consumed[i] {
			c := e.cues
			if at.part && i+1 < len(a.atoms) && a.atoms[i+1].tok == at.tok {
				// The first part of a compound only qualifies the last:
				// "møteplassar" (meeting places) is not about the meeting.
				c &^= cueMeeting
			}
			a.cues |= c
		} else {
			a.cues |= e.cues & (cuePlanWord | cueTemaplan | cueWhat)
		}
		w := float32(1)
		if len(e.plans) > 0 && m.namesAsPlan(a, i) {
			// "digitaliseringsplanen", "the water plan": a plan named as a
			// plan outweighs a topic word of another ("Til
			// digitaliseringsplanen: Ansatte må få …" is no input about
			// the employer policy)
			w = namedWeight
		}
		if at.fuzzy {
			w = 0.75
			if len(e.plans) > 0 {
				a.fuzzy = true
			}
		}
		for _, pw := range e.plans {
			a.score(pw.plan, pw.w*w)
		}
	}
	a.question = strings.ContainsAny(text, "?？¿")
	a.qmark = a.question
	if len(a.folded) > 0 {
		if questionStart(a.folded[0]) {
			a.question = true
		}
	}
	if !a.question && questionClause(text) {
		a.question = true // "jeg har fått parkeringsbot, hvem klager jeg til"
	}
	a.positional()
	a.number()
	a.whatPlans()
	a.whatDo()
	m.langEvidence(a) // before firstPerson, which weighs the languages
	a.firstPerson = slicesContain(a.folded, "jeg", "eg", "je", "vi", "we", "ive", "id", "im", "my", "our") ||
		(slicesContain(a.folded, "i") && a.en > a.nb)
}

// namedWeight is the weight of plan evidence from a word that names a plan
// as a plan, against 1 for a topic word.
const namedWeight = 1.5

// namesAsPlan reports whether atom i names its plan as a plan: its entry is
// a plan's name with the plan word in it ("klimaplanen"), or the next atom
// is the plan word alone ("water plan", "idrett|planen").
func (m *Matcher) namesAsPlan(a *analysis, i int) bool {
	if m.entries[a.atoms[i].entry].cues&cuePlanWord != 0 {
		return true
	}
	if i+1 >= len(a.atoms) || a.atoms[i+1].entry < 0 {
		return false
	}
	next := &m.entries[a.atoms[i+1].entry]
	return next.cues&cuePlanWord != 0 && len(next.plans) == 0
}

// matchPhrases finds the lexicon's phrases in a (longest first at each
// word), adds their cues and plan evidence, and reports which atoms a cue
// phrase used up: their own single-word cues no longer count ("meningen
// med" is purpose, not opinion).
func (m *Matcher) matchPhrases(a *analysis) []bool {
	consumed := make([]bool, len(a.atoms))
	for i := range a.atoms {
		pi, ok := m.phraseAt(a, i, consumed)
		if !ok {
			continue
		}
		p := &m.phrases[pi]
		a.cues |= p.cues
		for _, pw := range p.plans {
			a.score(pw.plan, pw.w)
		}
		if p.cues != 0 || len(p.plans) > 0 { // a plan's name is a name: "the theme plan for citizenship" asks no themes
			for j := i; j < i+len(p.keys); j++ {
				consumed[j] = true
			}
		}
	}
	return consumed
}

// phraseAt returns the phrase found in a's atoms from position i on, none
// of them used up by an earlier cue phrase: the longest (the first added
// among equally long ones) of those starting with the atom's key, else of
// those starting with its own word.
func (m *Matcher) phraseAt(a *analysis, i int, consumed []bool) (int32, bool) {
	if consumed[i] {
		return 0, false
	}
	at := &a.atoms[i]
	heads := [2]string{at.key, at.own}
	for h, head := range heads {
		if h == 1 && head == at.key {
			break
		}
		best, bestLen := int32(-1), 0
		if n := m.phraseHead[head]; n != nil {
			a.walkPhrases(n, i+1, 1, consumed, &best, &bestLen)
		}
		if best >= 0 {
			return best, true
		}
	}
	return 0, false
}

// walkPhrases follows the trie from n along the atoms from position j on
// (each by its key or its own word), keeping the best phrase that ends.
func (a *analysis) walkPhrases(n *phraseNode, j, depth int, consumed []bool, best *int32, bestLen *int) {
	if p := n.phrase; p >= 0 && (depth > *bestLen || (depth == *bestLen && p < *best)) {
		*best, *bestLen = p, depth
	}
	if n.next == nil || j >= len(a.atoms) || consumed[j] {
		return
	}
	at := &a.atoms[j]
	if c := n.next[at.key]; c != nil {
		a.walkPhrases(c, j+1, depth+1, consumed, best, bestLen)
	}
	if at.own != at.key {
		if c := n.next[at.own]; c != nil {
			a.walkPhrases(c, j+1, depth+1, consumed, best, bestLen)
		}
	}
}

// positional adds cues that depend on where a word stands: "what is it
// about", "hva går den ut på", "what is the plan for".
func (a *analysis) positional() {
	n := len(a.folded)
	if n < 2 {
		return
	}
	last := a.folded[n-1]
	asks := a.question || a.cues&(cueWhat|cueDefine|cueHow) != 0
	switch {
	case last == "about" && asks:
		a.cues |= cueThemes
	case last == "om" && asks && a.cues&(cueInfo) == 0:
		a.cues |= cueThemes
	case last == "opp" && (a.has(cueWhat) || a.question) && slicesContain(a.folded, "tar", "tek"):
		a.cues |= cueThemes
	case last == "til" && a.folded[n-2] == "bidra": // "hva skal planen bidra til"
		a.cues = a.cues&^(cueInput|cueParticipate) | cuePurpose
	case last == "pa" && a.folded[n-2] == "ut":
		a.cues |= cuePurpose
	case last == "for" && a.cues&(cueWhat|cueDefine) != 0:
		a.cues |= cuePurpose
	case (last == "do" || last == "gjore" || last == "gjere" || last == "achieve") && a.cues&(cueWhat|cueDefine) != 0:
		a.cues |= cuePurpose
	}
}

// whatPlans turns "what plans", "what theme plans", "kva planar" into
// "which plans".
func (a *analysis) whatPlans() {
	for i, f := range a.folded {
		if f != "what" && f != "hva" && f != "kva" && f != "ka" {
			continue
		}
		for j := i + 1; j < len(a.folded) && j <= i+2; j++ {
			g := a.folded[j]
			if j == i+2 && !slicesContain(a.folded[i+1:i+2], "theme", "tema", "thematic") {
				break
			}
			if g == "plans" || hasAnySuffix(g, "planer", "planar") {
				if k := j + 1; k < len(a.folded) && (a.folded[k] == "er" || a.folded[k] == "are") &&
					(k+1 == len(a.folded) || slicesContain(a.folded[k+1:k+2], "kan", "can", "could", "jeg", "eg", "i",
						"og", "and", "men", "but", "egentlig", "eigentleg", "actually", "really", "exactly", "forklar", "explain", "please")) {
					// "hva temaplaner er", "what theme plans are": what they are, not which
					a.cues |= cueDefine
					return
				}
				a.cues |= cueWhich
				return
			}
		}
	}
}

// whatDo reads "hva vil klimaplanen gjøre med ...", "what will the plan
// do about ..." as a question about the plan's purpose.
func (a *analysis) whatDo() {
	if !a.has(cueWhat) || !slicesContain(a.folded, "vil", "skal", "will", "shall", "should", "going") {
		return
	}
	if slicesContain(a.folded, "gjore", "gjere", "do") {
		a.cues |= cuePurpose
	}
}

// number tells whether plans are meant in the plural ("temaplaner",
// "the plans") and with the definite form.
func (a *analysis) number() {
	for i, f := range a.folded {
		if !strings.Contains(f, "plan") {
			continue
		}
		switch {
		case strings.HasSuffix(f, "planene") || strings.HasSuffix(f, "planane"):
			a.plural, a.definite = true, true
		case strings.HasSuffix(f, "planer") || strings.HasSuffix(f, "planar"):
			a.plural = true
		case strings.HasSuffix(f, "plans"):
			a.plural = true
			if i > 0 && (a.folded[i-1] == "the" || (i > 1 && a.folded[i-2] == "the")) {
				a.definite = true
			}
		}
	}
}

// bestPlan returns the plan with the highest score, or -1 when no plan has
// enough evidence or two plans share the top (tied is then true).
func (a *analysis) bestPlan() (plan int, best float32, tied bool) {
	plan = -1
	var second float32
	consider := func(i int, s float32) {
		switch {
		case s > best:
			second, best, plan = best, s, i
		case s > second:
			second = s
		}
	}
	if a.touched != nil {
		for _, p := range a.touched {
			consider(int(p), a.scores[p])
		}
	} else {
		for i, s := range a.scores {
			consider(i, s)
		}
	}
	if best < 0.5 {
		return -1, best, false
	}
	if best-second < 0.2 {
		return -1, best, true
	}
	return plan, best, false
}

// score adds w to plan's score.
func (a *analysis) score(plan int16, w float32) {
	if a.touched != nil && a.scores[plan] == 0 {
		a.touched = append(a.touched, plan)
	}
	a.scores[plan] += w
}

// questionClause reports whether a clause after a comma or a full stop
// opens with a question word that asks rather than joins ("hvem", "hva",
// "who", "what"; not "when"/"når", "som", which also join clauses).
func questionClause(text string) bool {
	for _, sep := range []string{", ", ". "} {
		rest := text
		for {
			i := strings.Index(rest, sep)
			if i < 0 {
				break
			}
			rest = rest[i+len(sep):]
			first, _, _ := strings.Cut(rest, " ")
			switch strings.ToLower(first) {
			case "hvem", "kven", "kem", "hva", "kva", "hvordan", "korleis", "hvorfor", "kvifor",
				"who", "what", "how", "why", "whom":
				return true
			}
		}
	}
	return false
}

// questionStart reports whether folded word f makes a message a question
// when it comes first.
func questionStart(f string) bool {
	switch f {
	case "hva", "kva", "ka", "hvem", "kven", "hvor", "kor", "kvar", "nar", "hvordan", "korleis",
		"assen", "koss", "hvorfor", "kvifor", "hvilke", "hvilken", "hvilket", "kan", "skal", "blir",
		"finnes", "fins", "gjelder", "what", "whats", "when", "where", "which", "who", "why", "how",
		"is", "are", "does", "dos", "do", "did", "can", "could", "will", "would", "has", "have",
		"should", "er", "har", "starter", "begynner":
		return true
	}
	return false
}

// slicesContain reports whether list holds any of words.
func slicesContain(list []string, words ...string) bool {
	for _, l := range list {
		for _, w := range words {
			if l == w {
				return true
			}
		}
	}
	return false
}
