package bot

// Intent is what a message is about.
type Intent string

// The intents every message is classified into (exactly one).
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
)

// Intents lists every intent.
var Intents = []Intent{
	IntentPlanPurpose, IntentPlanThemes, IntentPlanStart, IntentPlanInfo, IntentPlansList,
	IntentTemaplanAbout, IntentParticipationHow, IntentParticipationMeeting, IntentCorona,
	IntentInputSubmit, IntentHelp, IntentGreeting, IntentUnknown,
}

// Understanding is what the matcher made of a message.
type Understanding struct {
	Intent Intent
	Plan   string // plan id, empty when none was found
	Lang   Lang   // detected reply language (nynorsk -> NB)
	// LangSure is false when the text carried too little signal to tell
	// the language (e.g. a single plan name); callers then prefer other hints.
	LangSure bool
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
