package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Paged lists: a resident's own input and the plan list can be long (a
// frequent writer with hundreds of inputs, a catalogue of a thousand
// plans), and Discord takes 2,000 characters per message. A list shows a
// page, newest input (or first plan) first, says how many there are, and
// offers the next page: a "show more" button where there are buttons, and
// the words to write ("/temaplan mine 6") everywhere. Lines keep their
// numbers across pages, so a number typed next means the same line.

// Page sizes.
const (
	myPage    = 5  // own inputs per reply
	plansPage = 25 // plans per reply
)

// lineArg reads "6" in "/temaplan mine 6": show from line 6, so skip 5.
func lineArg(rest string) int {
	return max(atoiOr0(leadWord(rest))-1, 0)
}

func atoiOr0(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0
	}
	return n
}

// mine lists a page of the resident's own submissions, newest first,
// after the skip newest.
func (e *Engine) mine(ctx context.Context, t *turn, skip int) Reply {
	r, _ := e.mineRefs(ctx, t, skip)
	return r
}

// mineRefs is mine with the references of the inputs listed, in order.
func (e *Engine) mineRefs(ctx context.Context, t *turn, skip int) (Reply, []string) {
	page, more, err := e.cfg.Store.SubmissionsPage(e.storeCtx(ctx), t.author, skip, myPage)
	var total int // counted from an index: about a millisecond for a resident with thousands
	if err == nil {
		total, err = e.cfg.Store.CountSubmissionsSince(e.storeCtx(ctx), t.author, time.Time{})
	}
	if err != nil {
		e.storeErr("submissions_by", err)
		return e.privateSimple(t, IntentInputList, "error.unavailable", nil), nil
	}
	if len(page) == 0 && skip == 0 {
		return e.privateSimple(t, IntentInputList, "my.none", nil), nil
	}
	r := e.privateSimple(t, IntentInputList, "my.title", map[string]any{"Count": total})
	r.Text += e.ownListFrom(t, page, skip) + "\n\n"
	if more || skip > 0 {
		r.Text += e.text(t.lang, "my.page", map[string]any{"From": skip + 1, "To": skip + len(page), "Count": total}) + " "
	}
	if more {
		next := skip + len(page)
		r.Text += e.text(t.lang, "my.more", map[string]any{"Next": next + 1}) + " "
		r.Choices = []Choice{{Label: e.text(t.lang, "button.more", nil), Action: ActMoreInput, Value: strconv.Itoa(next)}}
	}
	r.Text += e.text(t.lang, "my.footer", nil)
	refs := make([]string, 0, len(page))
	for _, s := range page {
		refs = append(refs, s.Ref)
	}
	return r, refs
}

// PlansPage lists plansPage plans by wave from menu position skip,
// numbered by their place in the whole list, and says how to see more and
// how to find a plan by name when the catalogue has more.
func (a *Answerer) PlansPage(lang Lang, skip int) Reply {
	cat := a.cfg.Catalog.Catalog()
	order := menuOrder(cat)
	skip = min(skip, max(len(order)-1, 0))
	end := min(skip+plansPage, len(order))
	var first, later strings.Builder
	for i := skip; i < end; i++ {
		p, _ := cat.Plan(order[i])
		b := &later
		if p.Wave == WaveFirst {
			b = &first
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(b, "%d. %s (%s)", i+1, p.Name.In(lang), p.ID)
	}
	r := a.plansReply(cat, lang, first.String(), later.String())
	if skip == 0 && end == len(order) {
		return r
	}
	more := a.t(lang, "plans.list.page", map[string]any{"From": skip + 1, "To": end, "Count": len(order)})
	if end < len(order) {
		more += " " + a.t(lang, "plans.list.more", map[string]any{"Next": end + 1})
		r.Choices = []Choice{{Label: a.t(lang, "button.more_plans", nil), Action: ActMorePlans, Value: strconv.Itoa(end)}}
	}
	r.Sections = append(r.Sections[:len(r.Sections)-1], Section{Body: more + "\n" + a.t(lang, "plans.list.search", nil)}, r.Sections[len(r.Sections)-1])
	r.Text = joinSections(r.Sections)
	return r
}
