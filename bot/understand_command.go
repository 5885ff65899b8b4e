package bot

import (
	"strings"
	"unicode"
)

// Command words: "/temaplan <word> [arguments]" (and the same words in a
// Discord subcommand) are the most confident way of saying an intent.

// command understands "<command word> [arguments]". ok is false when the
// first word is no command word (the text is then read as free text).
func (in *interpreter) command(args string, d Dialog) (Meaning, bool) {
	m := Meaning{Command: true, Intent: IntentHelp}
	if args == "" {
		return m, true
	}
	word, rest := splitFirst(args)
	key := in.v.command(word)
	if key == "" {
		return m, false
	}
	m.Lang, m.LangSure = in.v.lang(in.v.cmdLang[normWord(word)])
	if u := in.idx.und.Understand(args); u.LangSure {
		m.Lang, m.LangSure = u.Lang, true
	}
	switch key {
	case cmdHelp:
	case cmdPlans:
		m.Intent, m.Skip = IntentPlansList, lineArg(rest)
	case cmdPlan:
		m.Intent = IntentPlanInfo
		if rest == "" {
			m.Intent = IntentPlansList
		} else if m.Plan = in.idx.resolve(rest, d.Menu); m.Plan == "" {
			m.Given = rest
		}
	case cmdInput:
		m.Intent = IntentInputSubmit
		m.Plan, m.Text, m.Given = in.inputArgs(rest)
	case cmdMy:
		m.Intent, m.Skip = IntentInputList, lineArg(rest)
	case cmdDelete:
		m.Intent, m.Ref, m.Given = IntentInputDelete, normRef(leadWord(rest)), rest
	case cmdLanguage:
		m.Intent = IntentLanguage
		m.Want, _ = in.v.knownLang(rest)
	case cmdPrivacy:
		m.Intent = IntentPrivacy
	case cmdAsk:
		if rest == "" {
			return m, true
		}
		return in.free(rest, d), true
	case cmdUnhide:
		// "vis" also reads as "show": "/temaplan vis klima" shows the plan.
		if normRef(leadWord(rest)) == "" {
			if p := in.idx.resolve(rest, d.Menu); p != "" {
				m.Intent, m.Plan = IntentPlanInfo, p
				return m, true
			}
			if in.free(args, d).Intent == IntentInputList { // "/temaplan vis mine innspill"
				m.Intent = IntentInputList
				return m, true
			}
		}
		m.Intent, m.Args = IntentStaffUnhide, rest
	default:
		m.Intent, m.Args = staffIntents[key], rest
	}
	return m, true
}

// staffCommand reports whether a staff member's message without
// /temaplan starts with a staff command word ("varsler av", "digest now",
// "oppstart klima 2027-03-01"): it is read as that command, as if typed
// with /temaplan. Residents' words are never read so, and a staff member's
// only where no resident reading fits: "vis mine innspill" lists their own
// input, as it would for anyone.
func (in *interpreter) staffCommand(msg Message) bool {
	if !msg.Staff || msg.Command {
		return false
	}
	text := strings.TrimSpace(msg.Text)
	if _, ok := staffIntents[in.v.command(leadWord(text))]; !ok {
		return false
	}
	switch in.free(text, Dialog{}).Intent {
	case IntentInputList, IntentInputDelete, IntentPrivacy, IntentLanguage:
		return false
	}
	return true
}

// staffIntents maps staff command keys to their intents.
var staffIntents = map[string]Intent{
	cmdReminders: IntentStaffReminders, cmdDigest: IntentStaffDigest, cmdStart: IntentStaffStart,
	cmdHide: IntentStaffHide, cmdUnhide: IntentStaffUnhide, cmdArchive: IntentStaffArchive,
}

func leadWord(s string) string {
	w, _ := splitFirst(s)
	return w
}

// inputArgs splits "[plan] [text]" after an input command: the first word
// (or two) name the plan when they can; otherwise it is all text. A single
// word that names no plan was meant as one (given).
func (in *interpreter) inputArgs(rest string) (plan, text, given string) {
	if rest == "" {
		return "", "", ""
	}
	if p, after, ok := in.leadingPlan(rest); ok {
		return p, after, ""
	}
	first, after := splitFirst(rest)
	if after == "" {
		if p := in.idx.resolve(first, nil); p != "" {
			return p, "", ""
		}
		return "", "", first
	}
	if in.isPlanWord(first) {
		if p := in.idx.resolve(first, nil); p != "" {
			return p, after, ""
		}
	}
	// "trafikk Flere gangfelt": a lower-case word before a capitalised
	// sentence was meant as the plan.
	if r := []rune(after); unicode.IsUpper(r[0]) && !unicode.IsUpper([]rune(first)[0]) && unicode.IsLetter([]rune(first)[0]) {
		return "", after, first
	}
	return "", rest, ""
}

// leadingPlan finds a plan named exactly by the first one to five words of
// s ("idrett og friluftsliv Flere turstier"), longest first, and the rest
// of s as written.
func (in *interpreter) leadingPlan(s string) (plan, rest string, ok bool) {
	var ends []int // byte offset after each of the first five words
	inWord := false
	for i, r := range s {
		sp := unicode.IsSpace(r)
		if inWord && sp {
			ends = append(ends, i)
			if len(ends) == 5 {
				break
			}
		}
		inWord = !sp
	}
	if inWord && len(ends) < 5 {
		ends = append(ends, len(s))
	}
	for k := len(ends); k >= 1; k-- {
		if p := in.idx.exact(s[:ends[k-1]]); p != "" {
			return p, strings.TrimSpace(s[ends[k-1]:]), true
		}
	}
	return "", "", false
}
