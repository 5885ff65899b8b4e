package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// discordResident asks questions (each also sent with a bad signature, with
// a stale timestamp and replayed) and gives inputs through the modal.
func (s *soak) discordResident(i int) {
	user, ch := fmt.Sprintf("16000000000000000%02d", i), fmt.Sprintf("17000000000000000%02d", i)
	for n := 0; s.running(); n++ {
		s.gate.RLock()
		s.discordQuestion(user, ch, soakQuestions[(i+n)%len(soakQuestions)])
		s.discordSubmission(user, ch, fmt.Sprintf("soak-d%d-n%d", i, n), n%3 == 0)
		s.gate.RUnlock()
		s.think()
	}
}

func (s *soak) discordQuestion(user, ch, q string) {
	body := discordAsk(s.snowflake(), user, ch, q)
	signed := s.c.signDiscord(body, time.Now())
	bad := signed
	bad.sig = "00" + bad.sig[2:]
	if bad.sig == signed.sig {
		bad.sig = "11" + bad.sig[2:]
	}
	if s.expectStatus("discord bad signature", s.c.discord(bad), http.StatusUnauthorized) {
		s.count("discord_bad_signature_401")
	}
	if s.expectStatus("discord stale timestamp", s.c.discord(s.c.signDiscord(body, time.Now().Add(-10*time.Minute))), http.StatusUnauthorized) {
		s.count("discord_stale_401")
	}
	gen := s.gen.Load()
	r := s.c.discord(signed)
	if !s.expectStatus("discord question", r, http.StatusOK) {
		return
	}
	if typ := interactionType(r.body); typ != 4 && typ != 5 {
		s.fail("discord question: response type %d, want 4 or 5", typ)
	}
	s.count("discord_question")
	s.discordReplay(signed, gen, r)
}

// discordReplay sends an interaction again: the bot must refuse it (409).
// When the first answer was "database unavailable" (nothing taken), the
// replay is a retry and may be taken.
func (s *soak) discordReplay(signed discordSigned, gen int64, first result) {
	r := s.c.discord(signed)
	retry := interactionType(first.body) == 4 && s.texts.isUnavailable(interactionContent(first.body))
	switch {
	case retry && r.err == nil && r.status == http.StatusOK:
		s.count("discord_replay_retry_after_unavailable")
	case r.err == nil && r.status == http.StatusConflict:
		s.count("discord_replay_409")
	case r.err == nil && r.status == http.StatusOK && interactionType(r.body) == 5:
		// Deferred: its write outlasted the ack budget (a slow disk) and the
		// conflict comes after the acknowledgement; it must then be
		// dropped, never answered (checked by verifyReplays).
		s.count("discord_replay_deferred")
		s.mu.Lock()
		s.replays = append(s.replays, deferredReplay{token: interactionToken(signed.body), firstDeferred: interactionType(first.body) == 5})
		s.mu.Unlock()
	case r.err != nil || s.gen.Load() != gen || r.status == http.StatusServiceUnavailable:
		s.count("discord_replay_across_restart")
	case r.status == http.StatusOK && interactionType(r.body) == 4 && s.texts.isUnavailable(interactionContent(r.body)):
		s.count("discord_replay_database_down") // nothing can be stored, so nothing is taken
	default:
		s.fail("discord replay: status %d, want 409: %.200s", r.status, r.body)
	}
}

// discordSubmission submits the input form until the resident gets a
// receipt or a definite other answer; replay sends each submission twice.
func (s *soak) discordSubmission(user, ch, marker string, replay bool) {
	f := &flow{platform: bot.PlatformDiscord, marker: marker}
	defer s.addFlow(f)
	for time.Now().Before(s.hardStop) {
		id := s.snowflake()
		key := "discord:tok-" + id
		box := s.box.open(key)
		signed := s.c.signDiscord(discordModal(id, user, ch, "klima", soakInputText+marker), time.Now())
		gen := s.gen.Load()
		r := s.c.discord(signed)
		if replay && r.err == nil && r.status == http.StatusOK {
			s.discordReplay(signed, gen, r)
		}
		reply, got := s.discordReply(r, box)
		s.box.close(key)
		if !got {
			f.ambiguous = f.ambiguous || r.maybeProcessed()
			s.pause()
			continue
		}
		kind, ref := s.texts.kind(reply)
		s.count("reply_" + kind)
		switch kind {
		case kindReceipt:
			f.ref, f.outcome = ref, "saved"
			return
		case kindNotSaved:
			f.notSaved++
			s.pause()
			continue
		case kindUnavailable, kindBusy:
			s.pause()
			continue
		}
		f.outcome = "unexpected reply: " + clip(reply)
		s.fail("discord %s: %s", marker, f.outcome)
		return
	}
	f.outcome = giveUp
}

// discordReply waits for the edit of the deferred response.
func (s *soak) discordReply(r result, box chan string) (string, bool) {
	if !s.expectStatus("discord modal submit", r, http.StatusOK) {
		return "", false
	}
	typ := interactionType(r.body)
	if text := interactionContent(r.body); typ == 4 && s.texts.isUnavailable(text) {
		return text, true // the database is down: the submission could not be taken
	}
	if typ != 5 {
		s.fail("discord modal submit: response type %d, want 5 (deferred)", typ)
		return "", false
	}
	select {
	case text := <-box:
		return text, true
	case <-time.After(replyWait):
		s.count("reply_missing")
		return "", false
	}
}

// interactionContent is the content of a type 4 response.
func interactionContent(body []byte) string {
	var v struct {
		Data struct {
			Content string `json:"content"`
		} `json:"data"`
	}
	_ = json.Unmarshal(body, &v)
	return v.Data.Content
}

// interactionToken is the token of an interaction body.
func interactionToken(body []byte) string {
	var v struct {
		Token string `json:"token"`
	}
	_ = json.Unmarshal(body, &v)
	return v.Token
}

// deferredReplay is a replayed interaction acknowledged with a deferral.
type deferredReplay struct {
	token         string
	firstDeferred bool // the first delivery was deferred too (its answer is one edit)
}

// verifyReplays checks that no replay acknowledged with a deferral was
// answered: its response was edited only by the first delivery's answer.
func (s *soak) verifyReplays(t *testing.T, api *soakDiscordAPI) {
	for _, r := range s.replays {
		allowed := 0
		if r.firstDeferred {
			allowed = 1
		}
		if n := api.editsOf(r.token); n > allowed {
			t.Errorf("a replayed interaction was answered: %d edits, want at most %d", n, allowed)
		}
	}
}

func interactionType(body []byte) int {
	var v struct {
		Type int `json:"type"`
	}
	_ = json.Unmarshal(body, &v)
	return v.Type
}
