package apptest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/insight"
	"github.com/askerkommune/temaplanbot/internal/schedule"
)

// insightInputs are residents' inputs for digest tests: distinct texts to
// two plans over two weeks, and one campaign text.
var insightInputs = []struct {
	plan, text string
	daysAgo    int
}{
	{"klima", "Flere ladestasjoner for elbil ved Asker stasjon", 10},
	{"klima", "Bussen fra Heggedal går for sjelden, vi trenger flere avganger", 10},
	{"klima", "Trygge sykkelveier langs Slemmestadveien", 3},
	{"klima", "Solceller på alle kommunale bygg og skoler", 3},
	{"klima", "Det er mye søppel og plast på strendene", 3},
	{"kultur", "Biblioteket i Heggedal bør ha meråpent i helgene", 10},
	{"kultur", "Vi trenger en ny konsertsal og øvingslokaler for band", 3},
}

// campaign is sent by campaignSenders residents within minutes.
const (
	campaign        = "Nei til bomring rundt Asker sentrum! Det rammer familier som må kjøre til jobb."
	campaignSenders = 6
)

// InsightDigest stores the digest test inputs and returns a scheduler that
// posts digests through sender with what residents said and the chart
// (internal/insight), and the channel to subscribed in lang.
func InsightDigest(t testing.TB, sender bot.Sender, to bot.Target, lang bot.Lang) *schedule.Scheduler {
	t.Helper()
	app := New(t, Options{})
	ctx := context.Background()
	now := app.Clock.Now()
	add := func(i int, plan, text string, created time.Time) {
		_, _, err := app.Store.AddSubmission(ctx, bot.Submission{Ref: fmt.Sprintf("INN-T%05d", i), Plan: plan, Text: text,
			Lang: bot.NB, Platform: bot.PlatformSlack, AuthorHash: fmt.Sprintf("author-%d", i), EventID: fmt.Sprintf("ev-%d", i),
			Created: created, Status: bot.SubmissionNew})
		if err != nil {
			t.Fatalf("apptest: store input: %v", err)
		}
	}
	for i, in := range insightInputs {
		add(i, in.plan, in.text, now.AddDate(0, 0, -in.daysAgo))
	}
	for i := range campaignSenders {
		add(100+i, "klima", campaign, now.Add(-48*time.Hour+time.Duration(i)*time.Minute))
	}
	err := app.Store.Subscribe(ctx, bot.Subscription{Kind: bot.SubDigest, Target: to, Lang: lang, By: "staff",
		Created: now.AddDate(0, 0, -21)})
	if err != nil {
		t.Fatalf("apptest: subscribe: %v", err)
	}
	s, err := schedule.New(schedule.Config{Store: app.Store, Sender: sender, Catalog: app.Catalog, Localizer: app.Locale,
		Now: app.Clock.Now, Location: app.Location,
		Insight: insight.NewService(app.Catalog, app.Store, app.Locale, app.Location)})
	if err != nil {
		t.Fatalf("apptest: scheduler: %v", err)
	}
	return s
}
