package bot

import (
	"strings"
	"sync"
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

// Word classes for short answers ("word.<class>" in the locale files).
const (
	wordYes    = "yes"
	wordNo     = "no"
	wordCancel = "cancel"
	wordOn     = "on"
	wordOff    = "off"
	wordHere   = "here"
	wordNow    = "now"
)

var wordClasses = []string{wordYes, wordNo, wordCancel, wordOn, wordOff, wordHere, wordNow}

// vocab maps typed words to command keys and word classes.
type vocab struct {
	commands map[string]string
	words    map[string]map[string]bool // class -> set of phrases
}

type vocabCache struct {
	once sync.Once
	v    *vocab
}

func buildVocab(l Localizer, langs []Lang) *vocab {
	v := &vocab{commands: map[string]string{}, words: map[string]map[string]bool{}}
	for _, lang := range langs {
		for _, key := range commandKeys {
			for _, w := range strings.Split(l.Text(lang, "command."+key, nil), "|") {
				if w = normWord(w); w != "" {
					v.commands[w] = key
				}
			}
		}
		for _, class := range wordClasses {
			if v.words[class] == nil {
				v.words[class] = map[string]bool{}
			}
			for _, w := range strings.Split(l.Text(lang, "word."+class, nil), "|") {
				if w = normWord(w); w != "" {
					v.words[class][w] = true
				}
			}
		}
	}
	return v
}

// normWord lowercases s, drops surrounding punctuation and collapses spaces.
func normWord(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r) })
	return strings.Join(strings.Fields(s), " ")
}

// command returns the command key for word, or "".
func (v *vocab) command(word string) string { return v.commands[normWord(word)] }

// is reports whether the whole of s is a phrase of class.
func (v *vocab) is(class, s string) bool { return v.words[class][normWord(s)] }

// splitFirst splits s into its first word and the trimmed rest.
func splitFirst(s string) (string, string) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}
