package bot

// Intent is what a message is about.
type Intent string

// The intents every message is classified into (exactly one). The question
// intents come from the free-text matcher; the others from command words,
// locale word lists, buttons and forms, and the dialog state.
const (
	IntentPlanPurpose          Intent = "plan.purpose"
	IntentPlanThemes           Intent = "plan.themes"
	IntentPlanStart            Intent = "plan.start"
	IntentPlanInfo             Intent = "plan.info"
	IntentPlansList            Intent = "plans.list"
	IntentTemaplanAbout        Intent = "temaplan.about"
	IntentParticipationHow     Intent = "participation.how"
	IntentParticipationMeeting Intent = "participation.meeting"
	IntentCorona               Intent = "corona"
	IntentInputSubmit          Intent = "input.submit"
	IntentHelp                 Intent = "help"
	IntentGreeting             Intent = "greeting"
	IntentUnknown              Intent = "unknown"

	IntentInputList      Intent = "input.list"      // list my own input
	IntentInputDelete    Intent = "input.delete"    // delete my own input (Ref, or choose from a list)
	IntentPrivacy        Intent = "privacy"         // what is stored and why
	IntentLanguage       Intent = "language.choose" // reply in another language (Lang)
	IntentYes            Intent = "yes"             // confirm
	IntentNo             Intent = "no"              // decline
	IntentCancel         Intent = "cancel"          // leave the dialog
	IntentPlanChange     Intent = "plan.change"     // the input is for another plan (Plan)
	IntentStaffReminders Intent = "staff.reminders" // staff: start reminders in this channel
	IntentStaffDigest    Intent = "staff.digest"    // staff: input digests in this channel
	IntentStaffStart     Intent = "staff.start"     // staff: move a plan's start date
	IntentStaffHide      Intent = "staff.hide"      // staff: hide a submission
	IntentStaffUnhide    Intent = "staff.unhide"    // staff: show a hidden submission again
	IntentStaffArchive   Intent = "staff.archive"   // staff: archive a submission under a case number
	IntentStaffSummary   Intent = "staff.summary"   // staff: what residents are saying about a plan (insight.go)
)

// Intents lists every intent.
var Intents = []Intent{
	IntentPlanPurpose, IntentPlanThemes, IntentPlanStart, IntentPlanInfo, IntentPlansList,
	IntentTemaplanAbout, IntentParticipationHow, IntentParticipationMeeting, IntentCorona,
	IntentInputSubmit, IntentHelp, IntentGreeting, IntentUnknown,
	IntentInputList, IntentInputDelete, IntentPrivacy, IntentLanguage, IntentYes, IntentNo, IntentCancel,
	IntentPlanChange, IntentStaffReminders, IntentStaffDigest, IntentStaffStart, IntentStaffHide,
	IntentStaffUnhide, IntentStaffArchive, IntentStaffSummary,
}

// Understanding is what the matcher made of a message.
type Understanding struct {
	Intent Intent
	Plan   string // plan id, empty when none was found
	Lang   Lang   // detected reply language (nynorsk -> NB)
	// LangSure is false when the text carried too little signal to tell
	// the language (e.g. a single plan name); callers then prefer other hints.
	LangSure bool
	// LangPure is set when every word is a word of Lang alone ("hvem lager
	// planene?"): clear even in three words.
	LangPure bool
	// Score is the matcher's confidence in [0,1].
	Score float64
}

// Understander classifies free text.
type Understander interface {
	Understand(text string) Understanding
	// NearestPlans returns up to limit plan ids whose names or aliases are
	// closest to text, best first (for "did you mean" and autocomplete).
	NearestPlans(text string, limit int) []string
}
