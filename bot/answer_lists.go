package bot

func (a *Answerer) names(cat *Catalog, wave string, lang Lang) string {
	var out []string
	for _, p := range cat.Plans {
		if p.Wave == wave {
			out = append(out, p.Name.In(lang))
		}
	}
	return a.list(lang, out)
}

// planChoices offers the plans, in menu order, as buttons of action: all
// of them, or the first plansPage of a long catalogue (a message holds at
// most 25 buttons on Discord; the others are found by name).
func (a *Answerer) planChoices(cat *Catalog, lang Lang, action string) []Choice {
	order := menuOrder(cat)
	order = order[:min(len(order), plansPage)]
	out := make([]Choice, 0, len(order))
	for _, id := range order {
		p, _ := cat.Plan(id)
		out = append(out, Choice{Label: p.Short.In(lang), Action: action, Value: p.ID})
	}
	return out
}

// PlansList lists the plans by wave, numbered so a resident can answer
// with a number: all of them, or the first page of a long catalogue (see
// PlansPage).
func (a *Answerer) PlansList(lang Lang) Reply { return a.PlansPage(lang, 0) }

// plansReply lays out a plan list: the introduction, the plans of the
// first and of the later wave (numbered lines; a wave without lines is
// left out), and the footer.
func (a *Answerer) plansReply(cat *Catalog, lang Lang, first, later string) Reply {
	intro, firstID, laterID := "plans.list.intro", "plans.list.first", "plans.list.later"
	if a.stale(cat) { // as of the catalogue's date, in the past tense
		intro, firstID, laterID = intro+".asof", firstID+".asof", laterID+".asof"
	}
	introText := a.t(lang, intro, map[string]any{"Count": len(cat.Plans)})
	if a.stale(cat) {
		introText = a.asOf(cat, lang) + " " + introText
	}
	secs := []Section{{Body: introText}}
	if first != "" {
		secs = append(secs, Section{Title: a.t(lang, firstID, nil), Body: first})
	}
	if later != "" {
		secs = append(secs, Section{Title: a.t(lang, laterID, nil), Body: later})
	}
	r := a.sections(lang, append(secs, Section{Body: a.t(lang, "plans.list.footer", nil)})...)
	r.Intent = IntentPlansList
	return r
}

// Help says what the bot can do.
func (a *Answerer) Help(lang Lang) Reply {
	r := a.sections(lang, Section{Title: a.t(lang, "help.title", nil), Body: a.t(lang, "help.text", nil)})
	r.Intent = IntentHelp
	return r
}

// Privacy is the privacy notice: what is stored, why, and the resident's rights.
func (a *Answerer) Privacy(lang Lang) Reply { return a.privacy(lang, "privacy.title.asked") }

// privacy is the privacy notice under the title with message id title.
func (a *Answerer) privacy(lang Lang, title string) Reply {
	body := a.t(lang, "privacy.notice", nil) + "\n" + a.retentionText(lang) + " " + a.contactText(lang)
	r := a.sections(lang, Section{Title: a.t(lang, title, nil), Body: body})
	r.Intent, r.Private = IntentPrivacy, true
	return r
}

// Overview is the plan list with how to give input (Slack App Home).
func (a *Answerer) Overview(lang Lang) Reply {
	r := a.PlansList(lang)
	r.Sections = append([]Section{{Title: a.t(lang, "overview.title", nil), Body: a.t(lang, "overview.intro", nil)}}, r.Sections...)
	r.Sections = append(r.Sections, Section{Title: a.t(lang, "overview.input.title", nil), Body: a.t(lang, "overview.input", nil)})
	r.Text = joinSections(r.Sections)
	r.Choices = []Choice{{Label: a.t(lang, "button.give_input", nil), Action: ActOpenForm, Style: "primary"}}
	return r
}

// SuggestPlans returns plans matching query (names and aliases, every
// language; typos tolerated), best first, as choices with the plan id as Value.
func (a *Answerer) SuggestPlans(query string, lang Lang, limit int) []Choice {
	cat := a.cfg.Catalog.Catalog()
	ids := a.interp().idx.suggest(query, limit)
	out := make([]Choice, 0, len(ids))
	for _, id := range ids {
		if p, ok := cat.Plan(id); ok {
			out = append(out, Choice{Label: p.Name.In(lang), Action: ActChoosePlan, Value: id})
		}
	}
	return out
}
