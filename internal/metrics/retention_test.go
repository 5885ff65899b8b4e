package metrics

import "testing"

func TestRetentionSeries(t *testing.T) {
	m := New()
	m.SetRetentionDays(730)
	m.RetentionRun("done")
	m.RetentionExpired("deleted")
	m.RetentionExpired("deleted")
	s := scrape(t, m)
	for series, want := range map[string]string{
		`temaplanbot_retention_days`:                               "730",
		`temaplanbot_retention_runs_total{outcome="done"}`:         "1",
		`temaplanbot_retention_runs_total{outcome="failed"}`:       "0",
		`temaplanbot_retention_expired_total{action="deleted"}`:    "2",
		`temaplanbot_retention_expired_total{action="anonymised"}`: "0",
	} {
		if s[series] != want {
			t.Errorf("%s = %q, want %s", series, s[series], want)
		}
	}
	var nilM *Metrics
	nilM.RetentionRun("done") // no panic
}
