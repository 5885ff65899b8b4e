package bot

import "strconv"

// Words that narrow a privacy question to one short answer (privacyFor).
const (
	wordPrivacyKeep = "privacy.keep" // "hvor lenge lagrer dere", "how long do you keep"
	wordPrivacyWho  = "privacy.who"  // "hvem kan se", "who can see"
	// wordPrivacyObject: what a keep/who question is about when it is about
	// privacy ("tar vare på", "innspillene mine", "keep", "my input").
	wordPrivacyObject = "privacy.object"
)

// privacyAsked reports whether toks ask how long the resident's input is
// kept or who can see it in words the privacy list does not hold ("hvor
// lenge tar dere vare på det?", "kven får lese innspela mine"): a keep or
// who phrase together with a word about storing or about the own input.
// "hvor lenge varer planarbeidet?" has no such word and stays a plan question.
func (v *vocab) privacyAsked(toks []string) (langMask, bool) {
	if len(toks) > 32 {
		return 0, false
	}
	if _, ok := v.find(wordPrivacyObject, toks); !ok {
		return 0, false
	}
	if mk, ok := v.find(wordPrivacyKeep, toks); ok {
		return mk, true
	}
	if mk, ok := v.find(wordPrivacyWho, toks); ok {
		return mk, true
	}
	return 0, false
}

// privacyFor answers a privacy question: "how long do you keep my input?"
// and "who can see it?" get a short, direct answer (with the retention
// period and the municipality's contact from the configuration); anything
// else gets the whole notice.
func (a *Answerer) privacyFor(lang Lang, m Meaning) Reply {
	toks := words(m.Raw)
	v := a.vocab()
	var body string
	if _, ok := v.find(wordPrivacyKeep, toks); ok {
		body = a.retentionText(lang)
	} else if _, ok := v.find(wordPrivacyWho, toks); ok {
		body = a.t(lang, "privacy.who", nil)
	} else {
		return a.Privacy(lang)
	}
	r := Reply{Lang: lang, Text: body + "\n" + a.contactText(lang)}
	r.Intent, r.Private = IntentPrivacy, true
	return r
}

// retentionText says how long input is kept (Config.Retention).
func (a *Answerer) retentionText(lang Lang) string {
	ret := a.cfg.Retention
	if ret.Days <= 0 {
		return a.t(lang, "privacy.keep.off", nil)
	}
	action := a.t(lang, "privacy.action.delete", nil)
	if ret.Anonymise {
		action = a.t(lang, "privacy.action.anonymise", nil)
	}
	id := "privacy.keep.adoption"
	if ret.From == RetentionFromInput {
		id = "privacy.keep.input"
	}
	return a.t(lang, id, map[string]any{"Days": strconv.Itoa(ret.Days), "Action": action})
}

// contactText says whom to ask about one's data.
func (a *Answerer) contactText(lang Lang) string {
	if a.cfg.Retention.Contact == "" {
		return a.t(lang, "privacy.contact.none", nil)
	}
	return a.t(lang, "privacy.contact", map[string]any{"Contact": a.cfg.Retention.Contact})
}
