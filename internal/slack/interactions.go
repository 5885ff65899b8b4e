package slack

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	slackapi "github.com/slack-go/slack"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/inbox"
)

// parseInteraction decodes the payload field of an interactivity request;
// errors wrap errMalformed.
func parseInteraction(body []byte) (slackapi.InteractionCallback, error) {
	var cb slackapi.InteractionCallback
	v, err := url.ParseQuery(string(body))
	if err != nil {
		return cb, fmt.Errorf("slack: interaction body: %v: %w", err, errMalformed)
	}
	if err := json.Unmarshal([]byte(v.Get("payload")), &cb); err != nil {
		return cb, fmt.Errorf("slack: interaction payload: %v: %w", err, errMalformed)
	}
	if cb.Type == "" || cb.User.ID == "" {
		return cb, fmt.Errorf("slack: interaction without type or user: %w", errMalformed)
	}
	return cb, nil
}

// handleInteraction answers a button press or a modal submission. The
// returned value (nil for none) is the response body.
func (a *Adapter) handleInteraction(ctx context.Context, cb slackapi.InteractionCallback) any {
	switch cb.Type {
	case slackapi.InteractionTypeBlockActions:
		a.blockAction(ctx, cb)
	case slackapi.InteractionTypeViewSubmission:
		if cb.View.CallbackID == callbackForm {
			return a.viewSubmission(ctx, cb)
		}
	}
	return nil
}

// blockAction turns the pressed button into a bot.Action. The "give input"
// button opens the form at once (a loading modal when the engine is slow);
// other buttons are answered after the response.
func (a *Adapter) blockAction(ctx context.Context, cb slackapi.InteractionCallback) {
	if len(cb.ActionCallback.BlockActions) == 0 {
		return
	}
	act := cb.ActionCallback.BlockActions[0]
	m := bot.Message{
		Workspace: cb.Team.ID, User: cb.User.ID, EventID: "act:" + cb.TriggerID,
		Action: &bot.Action{ID: actionOf(act.ActionID), Value: act.Value},
	}
	d := dest{team: cb.Team.ID, user: cb.User.ID, triggerID: cb.TriggerID}
	if ch := cb.Channel.ID; ch != "" || cb.Container.ChannelID != "" {
		if ch == "" {
			ch = cb.Container.ChannelID
		}
		m.Channel, d.channel = ch, ch
		m.Direct, d.direct = strings.HasPrefix(ch, "D"), strings.HasPrefix(ch, "D")
		d.thread = cb.Container.ThreadTs
		if d.thread == "" {
			d.thread = cb.Message.ThreadTimestamp
		}
	}
	if cb.Container.IsEphemeral {
		d.responseURL = cb.ResponseURL
	}
	if m.Action.ID != bot.ActOpenForm {
		if err := a.accept(ctx, event(m.EventID, m, d)); errors.Is(err, errNotTaken) {
			a.log.Warn("button press not answered", "err", err)
		}
		return
	}
	a.openForm(ctx, m, d)
}

// openForm asks the engine for the form; if it is not there within
// formBudget, a loading modal is opened with the trigger (which expires
// after 3 s) and filled when the engine answers.
func (a *Adapter) openForm(ctx context.Context, m bot.Message, d dest) {
	d.pending = &pendingView{ready: make(chan struct{})}
	replies, inTime, done, err := a.answerWithin(ctx, m.EventID, m, d, formBudget)
	if err != nil {
		if errors.Is(err, errNotTaken) {
			a.log.Warn("form not opened", "err", err)
		}
		close(d.pending.ready)
		return
	}
	if inTime {
		close(d.pending.ready)
		d.pending = nil
		a.answerPosted(d, a.showFirstForm(ctx, d, replies), done)
		return
	}
	lang := langOf(a.cachedLocale(m.User))
	res, err := a.api.OpenViewContext(ctx, d.triggerID, a.loadingModal(lang, d.meta()))
	if err != nil {
		a.log.Warn("views.open (loading) failed", "err", err)
	} else {
		d.pending.id, d.pending.hash = res.View.ID, res.View.Hash
	}
	close(d.pending.ready)
}

// viewSubmission hands the form to the engine. Field errors go back into
// the modal (response_action "errors"); on success the modal closes and the
// receipt is posted where the form was opened. When the engine is slow, the
// modal closes and the answer follows as a message.
func (a *Adapter) viewSubmission(ctx context.Context, cb slackapi.InteractionCallback) any {
	meta := decodeMeta(cb.View.PrivateMetadata)
	fields := map[string]string{bot.FieldPlan: meta.Plan, bot.FieldText: ""}
	if cb.View.State != nil {
		if v, ok := cb.View.State.Values[blockPlan][blockPlan]; ok && v.SelectedOption.Value != "" {
			fields[bot.FieldPlan] = v.SelectedOption.Value
		}
		if v, ok := cb.View.State.Values[blockText][blockText]; ok {
			fields[bot.FieldText] = v.Value
		}
	}
	m := bot.Message{
		Workspace: cb.Team.ID, Channel: meta.Channel, User: cb.User.ID, Direct: meta.Direct,
		EventID: submissionKey(cb.View, fields),
		Action:  &bot.Action{ID: bot.ActSubmitForm, Fields: fields},
	}
	d := dest{team: cb.Team.ID, channel: meta.Channel, thread: meta.Thread, user: cb.User.ID, direct: meta.Direct}
	replies, inTime, done, err := a.answerWithin(ctx, m.EventID, m, d, submitBudget)
	switch {
	case errors.Is(err, inbox.ErrDuplicate):
		return nil // the same submission again: its answer comes once
	case err != nil:
		a.log.Warn("form submission not taken", "err", err)
		lang := langOf(a.cachedLocale(cb.User.ID))
		return slackapi.NewErrorsViewSubmissionResponse(map[string]string{blockText: a.text(lang, notTakenText(err))})
	case !inTime:
		return nil
	}
	var rest []bot.Reply
	for _, r := range replies {
		if len(r.FieldErrors) > 0 {
			done()
			return slackapi.NewErrorsViewSubmissionResponse(fieldErrors(r.FieldErrors, shownBlocks(cb.View)))
		}
		if r.Form != nil {
			done()
			view := a.modal(r.Form, r.Lang, meta)
			return slackapi.NewUpdateViewSubmissionResponse(&view)
		}
		rest = append(rest, r)
	}
	a.answerPosted(d, rest, done)
	return nil
}

// submissionKey is the event key of a modal submission: the view and what
// was submitted. Slack sends a corrected submission (after field errors)
// with the same view id and hash, so the submitted values are part of the
// key: a corrected form is new work, the same values sent again are a
// retry. (The inbox also forgets a refused submission's key once it has
// answered, so even the same refused values sent again are checked again.)
func submissionKey(v slackapi.View, fields map[string]string) string {
	h := sha256.New()
	h.Write([]byte(fields[bot.FieldPlan]))
	h.Write([]byte{0})
	h.Write([]byte(fields[bot.FieldText]))
	return "view:" + v.ID + ":" + v.Hash + ":" + hex.EncodeToString(h.Sum(nil)[:12])
}

// fieldErrors maps the engine's field errors to the modal's block ids. An
// error for a field the modal does not show goes on the text field.
func fieldErrors(errs map[string]string, shown map[string]bool) map[string]string {
	out := map[string]string{}
	for field, msg := range errs {
		block := field
		if !shown[field] {
			block = blockText
		}
		if prev, ok := out[block]; ok {
			msg = prev + " " + msg
		}
		out[block] = clip(msg, 2000)
	}
	return out
}

// shownBlocks lists the block ids of a submitted view (from its blocks and
// its state).
func shownBlocks(v slackapi.View) map[string]bool {
	out := map[string]bool{}
	for _, b := range v.Blocks.BlockSet {
		if ib, ok := b.(*slackapi.InputBlock); ok {
			out[ib.BlockID] = true
		}
	}
	if v.State != nil {
		for id := range v.State.Values {
			out[id] = true
		}
	}
	return out
}
