package bottest_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/bottest"
)

func TestMem(t *testing.T) {
	bottest.TestStore(t, func(t *testing.T) bot.Store { return bottest.NewMem(time.Now) })
}

func TestMemDown(t *testing.T) {
	m := bottest.NewMem(nil)
	m.SetDown(true)
	_, _, err := m.AddSubmission(context.Background(), bot.Submission{Ref: "INN-A", EventID: "e", Platform: "slack"})
	if !errors.Is(err, bot.ErrUnavailable) {
		t.Fatalf("add while down: err = %v, want ErrUnavailable", err)
	}
	if err := m.Ping(context.Background()); !errors.Is(err, bot.ErrUnavailable) {
		t.Fatalf("ping while down: err = %v, want ErrUnavailable", err)
	}
	m.SetDown(false)
	if _, created, err := m.AddSubmission(context.Background(), bot.Submission{Ref: "INN-A", EventID: "e", Platform: "slack"}); err != nil || !created {
		t.Fatalf("add after recovery: created=%v err=%v", created, err)
	}
}
