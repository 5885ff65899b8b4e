package bot

import (
	"context"
	"slices"
	"strings"

	"github.com/askerkommune/temaplanbot/bot/act"
)

// The dialog: one explicit state machine over the resident's stored state
// (Dialog.Step) and the meaning of the new message (Meaning.Intent). Before
// the table decides, every turn gets its dialog act (acts.go): exact rules
// first (buttons, command words, short answers, references, numbers, plan
// names), then the learned model (package act) for the rest. Plan
// references resolve in one order everywhere: a named plan > "den"/"it"
// (the last plan talked about: asked about, picked from a menu, or given
// input to) > a menu number > a guess from the content, which the
// confirmation marks as a guess. Free text with a number in it is no menu
// choice ("jeg har 2 barn").
//
//	state    act / intent                 -> next state, replies
//	any      cancel                       -> idle: "cancelled"
//	any      input.list, privacy,         -> same state: the answer, plus what the
//	         language.choose, staff.*        dialog still waits for (at confirm: the
//	                                         confirmation again, in the new language)
//	any      input.delete + reference     -> same state: deleted (or why not)
//	idle     input.list                   -> idle: the list; its references kept (MenuOwn), so
//	                                         "slett nummer 2" / "delete the first one" next picks
//	                                         that line and asks to confirm (delete, one listed)
//	idle     a statement not understood   -> idle: "can't answer" + "send it as input?"; its words
//	         (3+ content words)              kept one turn (MenuSaid): "kan jeg sende det som
//	                                         innspill?" next starts an input with them as the text
//	idle     input.delete                 -> delete: own input as a numbered list (the newest
//	                                         only for "det siste")
//	idle     start an input (words or act) -> plan | text | confirm (text kept, checked);
//	                                         an introduction alone ("hvis det går an vil jeg
//	                                         gjerne komme med et forslag til X"), or a message
//	                                         that ends by announcing one ("... og vil seie noko
//	                                         til planen for landbruket"), asks the text
//	idle     a second input: a plan named -> confirm: the point after the plan's name, without
//	         then the point (after a        the word "innspill" ("Klimaplanen: flere ladepunkter");
//	         receipt, the act "input", or   "<plan>: <text>" is an input in any state idle
//	         a plan and a colon)
//	idle     a question                   -> idle: the answer (a numbered list keeps its menu,
//	                                         a plan answered is what "den"/"it" means next)
//	idle     yes / no                     -> idle: nothing waits; after a plan's card "ja" is
//	                                         told that nothing was sent
//	plan     plan.change (name, number,   -> text, or confirm when the text was given ("kanskje
//	         "the first one", description)   den om grunnskulen?" is an answer, not a question)
//	plan     4+ content words, no plan    -> plan: the words kept as the text, plan asked again
//	plan     input.submit with text       -> plan: text kept, plan asked again
//	plan     no                           -> idle: cancelled
//	plan     a question                   -> plan: the answer + "still waiting for the plan"
//	plan     anything else                -> plan: "no plan called ..." + suggestions
//	text     plan.change                  -> text, for the other plan (a wish naming its own
//	                                         plan, "betre skulemat på ungdomsskulen", is the text)
//	text     no                           -> idle: cancelled (never taken as text)
//	text     yes                          -> text: asked for the text again
//	text     a question only about a plan -> text: the answer + "still waiting for the text"
//	text     anything else                -> confirm (the text checked; added to the text
//	                                         when an addition was asked for), or text with why not
//	confirm  yes, or act confirm          -> idle: stored, receipt ("ja, det ser bra ut, send";
//	                                         a longer yes must say yes: "det er nok kloakk ..." is
//	                                         no yes; "Ja. Takk for at dere lytter." is one)
//	confirm  "change X to Y" (X in text)  -> confirm with X replaced, shown for a yes
//	confirm  another plan and nothing else -> confirm for that plan ("nei sorry, klimaplanen var
//	                                         riktig")
//	confirm  content after a text that    -> confirm with the content as the text
//	         only announced an input
//	confirm  no, or act refuse / cancel   -> idle: cancelled ("nei vent" is no "nei")
//	confirm  plan.change, or act plan     -> confirm for the other plan (no plan named: plan asked)
//	confirm  act replace                  -> confirm with the text after a colon, or text:
//	                                         "write the new text" ("I want to change the text")
//	confirm  act add                      -> confirm with the words after a colon added, or
//	                                         text: "write what to add"
//	confirm  act language                 -> confirm: the language switched, asked again
//	confirm  a question (act ask)         -> confirm: the answer + "not sent yet"
//	confirm  a new version of the text    -> confirm: it replaces the text, shown to confirm
//	confirm  "erstatt"/"legg til" (or act -> confirm: "that is the text now", shown again (the
//	         replace/add, no new words)      turn before replaced or added to the text; the
//	         right after a change            resident agrees with it; "ja" sends it)
//	confirm  thanks, a question about the  -> confirm: the confirmation shown again
//	         text ("kan du vise det igjen?")
//	confirm  anything else with content   -> amend: the text with the words added shown, and
//	                                         1 add / 2 replace / 3 send as it was / 4 cancel
//	                                         (words that could not be sent: why, and confirm)
//	confirm  anything else                -> confirm: asked again
//	amend    yes                          -> idle: the text as the question showed it stored
//	amend    1 / "legg til" / act add     -> confirm, the words added
//	amend    2 / "erstatt" / act replace  -> confirm, the words as the text
//	amend    "send it as it was" (words   -> idle: the text as it was stored
//	         with send), the button
//	amend    3 / "keep the old one"       -> confirm: the text as it was, for a last yes
//	amend    4 / cancel                   -> idle: cancelled
//	amend    no                           -> confirm: the text as it was, asked again
//	amend    plan.change / a question     -> amend for the other plan / the answer, asked again
//	delete   a number, ref, "the last"    -> idle: deleted
//	delete   yes, "ja, slett det" (one     -> idle: deleted
//	         input listed)
//	delete   no                           -> idle: nothing deleted
//	delete   anything else                -> as idle
//	any      form opened / submitted      -> same state / idle once stored
//	input    /temaplan innspill <plan>    -> starts the input over
//
// Staff command words typed without /temaplan count only where no resident
// reading fits ("vis mine innspill" lists the staff member's own input).
// Buttons and forms arrive as the same intents (interpreter.action in form.go).

// outcome is what one dialog step decided: the replies and the next state.
type outcome struct {
	replies []Reply
	next    Dialog // the state after the step
	save    bool   // store next
	drop    bool   // forget the state
	changed bool   // next.MenuKind is MenuChanged for this turn's change
}

func reply(rs ...Reply) outcome { return outcome{replies: rs} }

func (o outcome) then(d Dialog) outcome { o.next, o.save = d, true; return o }

func (o outcome) done() outcome { o.drop = true; return o }

// unplaced returns the words of a turn that stated something the bot could
// not answer ("jeg er så lei av at bussen alltid er sein"), checked as
// input, to keep for one turn: a resident who then asks to send "that" as
// input does not have to type it again.
func (e *Engine) unplaced(t *turn, m Meaning, o outcome) (string, bool) {
	if t.m.Action != nil || m.Command || m.Intent != IntentUnknown || m.Question || o.drop || inInput(o.next) || o.next.MenuKind != "" {
		return "", false
	}
	if e.ans.interp().contentWords(words(m.Raw)) < 3 {
		return "", false
	}
	c := CheckInput(m.Raw)
	if !c.OK() {
		return "", false
	}
	return c.Text, true
}

// converse runs one turn: load the state, understand, step, store the state.
func (e *Engine) converse(ctx context.Context, t *turn) []Reply {
	d, err := e.loadDialog(ctx, t)
	in := e.ans.interp()
	var m Meaning
	if t.m.Action != nil {
		m = in.action(t.m.Action, d)
	} else {
		m = in.staffSummary(t.m, in.parse(t.m.Text, t.m.Command || in.staffCommand(t.m), d))
	}
	if m.Intent == IntentInputSubmit && m.Plan == "" && m.Given == "" && t.m.PagePlan != "" && !inInput(d) {
		m.Plan = in.idx.resolve(t.m.PagePlan, nil) // "I have a suggestion" on the plan's own page
	}
	e.chooseLang(t, m, d)
	if err != nil {
		return e.withoutStore(t, m)
	}
	if rs, ok := e.replayedReceipt(t, d, m); ok {
		return rs
	}
	d.Receipt, d.ReceiptEvent = "", "" // only the event that earned it may see it again
	if d.MenuKind == MenuSaid && !inInput(d) {
		if m.Intent == IntentInputSubmit && m.Text == "" && in.pointsToSaid(m.Raw) {
			m.Text = d.Text // "kan jeg sende det som innspill?": the words said just before
		}
		d.Text, d.Menu, d.MenuKind = "", nil, "" // only the turn right after
	}
	o := e.step(ctx, t, d, m)
	if !o.save && !o.drop {
		o.next = d
	}
	if o.next.MenuKind == MenuChanged && !o.changed && !o.drop {
		o.next.MenuKind, o.save = "", true // only the turn right after the change reads it
	}
	if menu, kind, ok := menuOf(o.replies, e.catalog()); ok && !o.drop {
		o.next.Menu, o.next.MenuKind, o.save = menu, kind, true
	}
	if p := talkedAbout(o.replies); p != "" && !o.drop && !inInput(o.next) && o.next.Step != StepDelete && p != o.next.Plan {
		o.next.Plan, o.save = p, true // what "den" / "it" means next time
	}
	if said, ok := e.unplaced(t, m, o); ok {
		o.next.Text, o.next.Menu, o.next.MenuKind, o.save = said, nil, MenuSaid, true
		if n := len(o.replies); n > 0 {
			o.replies[n-1].Text += "\n\n" + e.text(t.lang, "unknown.said_hint", nil)
		}
	}
	if o.drop && d.Plan != "" && !o.save && (d.Step == StepPlan || d.Step == StepText || d.Step == StepConfirm || d.Step == StepAmend) {
		// a cancelled input: "den"/"it" still means its plan
		o.next, o.drop, o.save = Dialog{Step: StepIdle, Plan: d.Plan}, false, true
	}
	if d.Step != "" && d.Lang != "" && d.Lang != t.lang && !o.drop {
		o.save = true // the conversation goes on in the language answered in ("ok" next)
	}
	switch {
	case o.drop && d.Step != "":
		e.dropDialog(ctx, t)
	case o.save && !o.drop:
		if o.next.Step == "" {
			o.next.Step = StepIdle
		}
		if err := e.saveDialog(ctx, t, o.next); err != nil && o.next.Step != StepIdle {
			return append(o.replies, e.unavailable(t))
		}
	}
	for i := range o.replies { // every reply of a turn carries what the turn was understood as
		o.replies[i].Intent = m.Intent
	}
	return o.replies
}

// step is the transition function: state d, meaning m -> outcome.
func (e *Engine) step(ctx context.Context, t *turn, d Dialog, m Meaning) outcome {
	if m.Form { // the form button or a filled-in form, in any state
		return e.formIntent(ctx, t, m)
	}
	switch m.Intent {
	case IntentCancel:
		if d.Step == StepIdle || d.Step == "" {
			return reply(e.simple(t, m.Intent, "cancel.idle", nil)).done()
		}
		return reply(e.simple(t, m.Intent, "input.cancelled", nil)).done()
	case IntentInputList:
		r, refs := e.mineRefs(ctx, t, m.Skip)
		if (d.Step == StepIdle || d.Step == "") && m.Skip == 0 && len(refs) > 0 {
			d.Step, d.Menu, d.MenuKind = StepIdle, refs, MenuOwn // "slett nummer 2" next
			return reply(r).then(d)
		}
		return e.aside(t, d, r)
	case IntentPrivacy:
		return e.aside(t, d, e.ans.privacyFor(t.lang, m))
	case IntentLanguage:
		r := e.setLanguage(ctx, t, m.Want)
		if d.Step == StepConfirm && m.Want != "" { // asked again in the new language, nothing added
			return reply(r, e.confirmPrompt(t, d))
		}
		return e.aside(t, d, r)
	case IntentStaffReminders, IntentStaffDigest, IntentStaffStart, IntentStaffHide, IntentStaffUnhide, IntentStaffArchive:
		return e.aside(t, d, e.staffCommand(ctx, t, m))
	case IntentStaffSummary:
		return e.aside(t, d, e.summaryCommand(ctx, t, m))
	case IntentInputDelete:
		if d.Step == StepDelete && len(d.Menu) == 1 && m.Ref == "" && m.Pick == "" && !m.Latest {
			return reply(e.deleteOwn(ctx, t, d.Menu[0])).done() // "ja, slett det": the one asked about
		}
		if m.Pick != "" { // a line of a list, by its number or place: confirmed first
			return e.deleteConfirm(ctx, t, m.Pick)
		}
		if m.Ref != "" || m.Command {
			o := reply(e.deleteOwn(ctx, t, m.Ref))
			if d.Step == StepDelete {
				return o.done()
			}
			return o
		}
		if inInput(d) {
			return e.aside(t, d, e.mine(ctx, t, 0))
		}
		return e.deleteMenu(ctx, t, m.Latest)
	}
	if m.Command && m.Intent == IntentInputSubmit && m.Plan != "" && inInput(d) {
		return e.idle(ctx, t, Dialog{}, m) // "/temaplan innspill <plan> ..." starts over
	}
	switch d.Step {
	case StepPlan:
		return e.atPlan(ctx, t, d, m)
	case StepText:
		return e.atText(ctx, t, d, m)
	case StepConfirm:
		return e.atConfirm(ctx, t, d, m)
	case StepAmend:
		return e.atAmend(ctx, t, d, m)
	case StepDelete:
		return e.atDelete(ctx, t, d, m)
	}
	return e.idle(ctx, t, d, m)
}

func inInput(d Dialog) bool {
	return d.Step == StepPlan || d.Step == StepText || d.Step == StepConfirm || d.Step == StepAmend
}

// aside answers without changing the state, and reminds the resident what
// an unfinished input waits for.
func (e *Engine) aside(t *turn, d Dialog, r Reply) outcome {
	if w := e.waiting(t, d); w != nil {
		return reply(r, *w)
	}
	return reply(r)
}

// waiting is the reminder of what the dialog waits for, or nil.
func (e *Engine) waiting(t *turn, d Dialog) *Reply {
	ids := map[string]string{StepPlan: "input.waiting.plan", StepText: "input.waiting.text", StepConfirm: "input.waiting.confirm", StepAmend: "input.waiting.confirm"}
	id, ok := ids[d.Step]
	if !ok {
		return nil
	}
	r := e.simple(t, IntentInputSubmit, id, nil)
	return &r
}

// idle handles a message when no input is under way.
func (e *Engine) idle(ctx context.Context, t *turn, d Dialog, m Meaning) outcome {
	switch m.Intent {
	case IntentInputSubmit:
		if m.Plan == "" && m.Given != "" {
			return e.startInput(ctx, t, "", m.Text, m.Given)
		}
		o := e.guessed(t, m, e.startInput(ctx, t, m.Plan, m.Text, ""))
		if o.next.Step == StepPlan && o.next.Plan == "" {
			o.next.Plan = d.Plan // what "den" means while the plan is asked for
		}
		return o
	case IntentYes:
		if m.Command { // the Send button with nothing pending
			return reply(e.privateSimple(t, m.Intent, "input.nothing_to_confirm", nil))
		}
		if p, ok := e.catalog().Plan(d.Plan); ok && d.Receipt == "" { // "ja" after a plan's card: nothing was sent
			return reply(e.simple(t, m.Intent, "ack.idle.plan", map[string]any{"Name": p.Short.In(t.lang)}))
		}
		return reply(e.simple(t, m.Intent, "ack.idle", nil)) // "ok" after an answer
	case IntentNo:
		return reply(e.simple(t, m.Intent, "cancel.idle", nil))
	case IntentPlanChange:
		m.Intent = IntentPlanInfo
	}
	if m.Intent == IntentPlanInfo && m.Plan == "" && m.Given != "" {
		return reply(e.unknownPlan(t, m.Given, ActPlanInfo))
	}
	if m.Intent == IntentGreeting && e.ans.interp().thanks(m.Raw) {
		return reply(e.simple(t, m.Intent, "thanks.text", nil))
	}
	if m.Intent == IntentUnknown && m.Given == "#" {
		return reply(e.simple(t, m.Intent, "menu.out_of_range", nil))
	}
	r := e.ans.Answer(Understanding{Intent: m.Intent, Plan: m.Plan}, t.lang)
	if m.Intent == IntentPlansList && m.Skip > 0 {
		r = e.ans.PlansPage(t.lang, m.Skip)
	}
	if m.Intent == IntentHelp && t.m.Staff { // staff also see their own commands
		r.Sections = append(r.Sections, Section{Title: e.text(t.lang, "help.staff.title", nil), Body: e.text(t.lang, "help.staff.text", nil)})
		r.Text = joinSections(r.Sections)
	}
	return reply(r)
}

// sideQuestion reports whether m is a question to answer mid-dialog
// rather than an answer to what the dialog asked.
func sideQuestion(m Meaning) bool {
	if m.Intent == IntentUnknown && m.Plan != "" && hasQuestionMark(m.Raw) && m.Words <= 15 {
		return true // "how much does the water plan cost?": asked, not said (the answer says it is not known)
	}
	if !questionIntent(m.Intent) || m.Words > 15 {
		return false
	}
	return m.Question || (m.Words <= 2 && (m.Intent == IntentHelp || m.Intent == IntentPlansList))
}

// atPlan: the dialog waits for the plan (d.Text may hold checked text).
func (e *Engine) atPlan(ctx context.Context, t *turn, d Dialog, m Meaning) outcome {
	switch {
	case m.Intent == IntentNo:
		return reply(e.simple(t, m.Intent, "input.cancelled", nil)).done()
	case m.Intent == IntentPlanChange || (m.Intent == IntentInputSubmit && m.Plan != ""):
		d.Plan = m.Plan
		text := d.Text
		if m.Intent == IntentInputSubmit && m.Text != "" {
			text = m.Text
		}
		if text != "" {
			return e.takeText(t, d, text)
		}
		d.Step = StepText
		return reply(e.askText(t, d.Plan)).then(d)
	case m.Intent == IntentInputSubmit && m.Text != "":
		c := CheckInput(m.Text)
		if !c.OK() {
			return reply(e.problemReply(t, c), e.askPlan(t, "input.ask_plan", nil)).then(d)
		}
		d.Text, d.Flags = c.Text, c.Flags
		ask := e.askPlan(t, "input.ask_plan", nil)
		ask.Text = e.text(t.lang, "input.kept", nil) + "\n\n" + quote(d.Text) + "\n\n" + ask.Text
		return reply(ask).then(d)
	case m.Intent == IntentYes || m.Intent == IntentInputSubmit:
		return reply(e.askPlan(t, "input.ask_plan", nil))
	case sideQuestion(m):
		return e.aside(t, d, e.ans.Answer(Understanding{Intent: m.Intent, Plan: m.Plan}, t.lang))
	}
	if d.Text == "" && m.Given == "" && m.Plan == "" && !m.Question && e.ans.interp().contentWords(words(m.Raw)) >= 4 {
		// "Hold a yearly open day where …" while the plan is asked for: the
		// text came first; it is kept and the plan asked for again
		if c := CheckInput(m.Raw); c.OK() {
			d.Text, d.Flags = c.Text, c.Flags
			ask := e.askPlan(t, "input.ask_plan", nil)
			ask.Text = e.text(t.lang, "input.kept", nil) + "\n\n" + quote(d.Text) + "\n\n" + ask.Text
			return reply(ask).then(d)
		}
	}
	given := m.Raw
	if m.Given != "" && m.Given != "#" {
		given = m.Given
	}
	return reply(e.unknownPlan(t, given, ActChoosePlan))
}

// atText: the dialog waits for the input text for d.Plan.
func (e *Engine) atText(ctx context.Context, t *turn, d Dialog, m Meaning) outcome {
	if o, ok := e.atTextActs(ctx, t, d, m); ok {
		return o
	}
	if plan, text, ok := e.wholeInput(m); ok && d.MenuKind != MenuAdd {
		// the whole input sent again ("innspill til X: ...", after a refusal
		// or a second thought): its text, and the plan it names
		if plan != "" {
			d.Plan = plan
		}
		return e.takeText(t, d, text)
	}
	switch {
	case m.Intent == IntentNo:
		return reply(e.simple(t, m.Intent, "input.cancelled", nil)).done()
	case m.Intent == IntentPlanChange && e.ans.interp().contentWords(words(m.Raw)) < 2:
		d.Plan = m.Plan
		return reply(e.askText(t, d.Plan)).then(d)
	case m.Intent == IntentPlanChange && m.Plan == d.Plan:
		return e.takeText(t, d, m.Raw) // "betre skulemat på ungdomsskulen": the text, naming its plan
	case m.Intent == IntentYes:
		return reply(e.askText(t, d.Plan))
	case sideQuestion(m) && (e.ans.interp().asksOnly(words(m.Raw)) || m.Intent == IntentUnknown):
		return e.aside(t, d, e.ans.Answer(Understanding{Intent: m.Intent, Plan: m.Plan}, t.lang))
	case m.Intent == IntentGreeting && m.Words <= 3 && !e.ans.interp().hasContent(words(m.Raw)):
		return e.aside(t, d, e.ans.Answer(Understanding{Intent: m.Intent}, t.lang))
	case m.Intent == IntentInputSubmit && m.Text == "" && (m.Plan == "" || m.Plan == d.Plan) && e.ans.interp().contentWords(words(m.Raw)) >= 2:
		return e.takeText(t, d, m.Raw) // "betre skulemat på ungdomsskulen": a wish naming its plan is the text
	case m.Intent == IntentInputSubmit && m.Text == "":
		if m.Plan != "" && m.Plan != d.Plan {
			d.Plan = m.Plan
			return reply(e.askText(t, d.Plan)).then(d)
		}
		return reply(e.askText(t, d.Plan))
	case m.Intent == IntentInputSubmit && m.Text != "" && d.MenuKind != MenuAdd:
		return e.takeText(t, d, m.Text) // a plan named inside the text does not move it
	}
	if d.MenuKind == MenuAdd && d.Text != "" { // the addition asked for
		d.MenuKind = ""
		return e.takeText(t, d, d.Text+"\n"+m.Raw)
	}
	return e.takeText(t, d, m.Raw)
}

// wholeInput reports whether m is a whole input sent again: an
// introduction naming input (and maybe a plan), a colon and the text
// ("input for the employer policy plan: night shifts are understaffed").
// It returns the plan the introduction names ("" for none) and the text
// after the colon.
func (e *Engine) wholeInput(m Meaning) (plan, text string, ok bool) {
	head, _, found := strings.Cut(m.Raw, ":")
	text = afterColon(m.Raw)
	if m.Command || !found || text == "" {
		return "", "", false
	}
	in := e.ans.interp()
	toks := words(head)
	if _, says := in.v.find(wordInputThing, toks); !says || len(toks) > 12 {
		return "", "", false
	}
	return in.idx.resolve(head, nil), text, true
}

// atConfirm: the dialog waits for yes or no to send d.Text to d.Plan.
func (e *Engine) atConfirm(ctx context.Context, t *turn, d Dialog, m Meaning) outcome {
	switch {
	case m.Intent == IntentYes:
		return e.save(ctx, t, d)
	case m.Intent == IntentNo:
		return reply(e.simple(t, m.Intent, "input.cancelled", nil)).done()
	case m.Intent == IntentPlanChange && m.Plan == d.Plan && !m.Command && e.ans.interp().sure(m.Raw) == act.Confirm:
		return e.save(ctx, t, d) // "send it to the culture plan please"
	case m.Intent == IntentPlanChange && (m.Plan != d.Plan || m.Command || m.Words <= 2 || e.ans.interp().named(words(m.Raw))):
		// the same plan again only when named or chosen ("jeg mente konserter" is about the text)
		d.Plan = m.Plan
		return reply(e.confirmPrompt(t, d)).then(d)
	case m.Intent == IntentGreeting && m.Words <= 8 && e.ans.interp().leadingYes(m.Raw):
		return e.save(ctx, t, d) // "Ja. Takk for at dere lytter.": a yes, then thanks
	case m.Intent == IntentGreeting && !e.ans.interp().hasContent(words(m.Raw)):
		return reply(e.confirmPrompt(t, d), e.simple(t, IntentInputSubmit, "input.confirm.unclear", nil))
	}
	return e.atConfirmActs(ctx, t, d, m) // never glued on unasked (amend.go)
}

// atDelete: the resident was shown their input to choose one to delete.
func (e *Engine) atDelete(ctx context.Context, t *turn, d Dialog, m Meaning) outcome {
	switch {
	case (m.Intent == IntentYes || m.Intent == IntentInputDelete && m.Ref == "" && m.Pick == "" && !m.Latest) && len(d.Menu) == 1:
		// "ja", or "ja, slett det" (read as a delete of "it": the one asked about)
		return reply(e.deleteOwn(ctx, t, d.Menu[0])).done()
	case m.Intent == IntentNo:
		return reply(e.simple(t, m.Intent, "delete.kept", nil)).done()
	}
	d = Dialog{}
	o := e.idle(ctx, t, d, m)
	if !o.save {
		o.drop = true
	}
	return o
}

// withoutStore answers while the database cannot be reached: questions are
// still answered from the catalogue; anything that needs the store (a "yes"
// to send input, a dialog step) is told plainly that nothing was saved.
func (e *Engine) withoutStore(t *turn, m Meaning) []Reply {
	switch {
	case m.Intent == IntentYes:
		return []Reply{e.notSaved(t)}
	case questionIntent(m.Intent) || m.Intent == IntentGreeting:
		return []Reply{e.ans.Answer(Understanding{Intent: m.Intent, Plan: m.Plan}, t.lang)}
	case m.Intent == IntentPrivacy:
		return []Reply{e.ans.privacyFor(t.lang, m)}
	}
	return []Reply{e.unavailable(t)}
}

// menuOf finds the numbered list among replies (plan buttons, the plan
// list): what a number typed next will mean.
func menuOf(rs []Reply, cat *Catalog) (menu []string, kind string, ok bool) {
	for _, r := range slices.Backward(rs) {
		var ids []string
		k := ""
		for _, c := range r.Choices {
			switch c.Action {
			case ActChoosePlan:
				ids, k = append(ids, c.Value), MenuChoose
			case ActPlanInfo:
				ids, k = append(ids, c.Value), MenuPlans
			}
		}
		if len(ids) > 0 {
			return ids, k, true
		}
		if r.Intent == IntentPlansList { // numbered in menu order, whatever page it shows
			return menuOrder(cat), MenuPlans, true
		}
	}
	return nil, "", false
}

// talkedAbout is the plan the first reply answered about, or "".
func talkedAbout(rs []Reply) string {
	if len(rs) == 0 || !questionIntent(rs[0].Intent) && rs[0].Intent != IntentUnknown {
		return "" // an answer about a plan, also one saying what the catalogue does not tell
	}
	return rs[0].Plan
}
