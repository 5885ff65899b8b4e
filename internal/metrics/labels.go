package metrics

import (
	"runtime"
	"runtime/debug"

	"github.com/askerkommune/temaplanbot/bot"
)

// The label values known in advance. New creates every series with them at
// 0; a value not listed still works (its series appears when first used).
var (
	// platforms whose adapters record acks, rejections, posts and queues.
	platforms = []string{bot.PlatformSlack, bot.PlatformDiscord}
	// enginePlatforms are those the engine counts messages, submissions and
	// duplicates for (the web chat too).
	enginePlatforms = []string{bot.PlatformSlack, bot.PlatformDiscord, bot.PlatformWeb}
	// rejectReasons are the reasons of Rejected.
	rejectReasons = []string{"signature", "stale", "size", "malformed"}
	// reminderOutcomes and digestOutcomes are the outcomes of Reminder and DigestRun.
	reminderOutcomes = []string{"sent", "missed", "failed"}
	digestOutcomes   = []string{"sent", "empty", "failed"}
	// storeOps are the operations passed to StoreError by the engine and the
	// scheduler; TestStoreOpsListed keeps the list complete.
	storeOps = []string{
		"add_submission", "advance_digest", "announcements", "audit", "bump_marker", "claim_announcement",
		"count_submissions", "delete_dialog", "delete_submission", "dialog", "digest_mark", "expire_submission",
		"mark_event", "marker", "mark_reported", "plan_starts", "prefs", "save_dialog", "save_prefs",
		"set_plan_start", "set_status", "submission", "submissions", "submissions_by", "summary",
		"subscribe", "subscriptions", "unsubscribe", "update_announcement",
	}
)

// initLabels creates every known series at 0.
func (m *Metrics) initLabels() {
	for _, p := range enginePlatforms {
		for _, in := range bot.Intents {
			m.messagesIn.WithLabelValues(p, string(in))
		}
		m.submissions.WithLabelValues(p)
		m.duplicates.WithLabelValues(p)
	}
	for _, p := range platforms {
		for _, r := range rejectReasons {
			m.rejected.WithLabelValues(p, r)
		}
		m.messagesOut.WithLabelValues(p)
		m.answer.WithLabelValues(p)
		m.ack.WithLabelValues(p)
		m.rateWaits.WithLabelValues(p)
		m.sendFailures.WithLabelValues(p)
		m.queueDepth.WithLabelValues(p)
		m.resumed.WithLabelValues(p)
		m.heldAcks.WithLabelValues(p)
	}
	for _, o := range reminderOutcomes {
		m.reminders.WithLabelValues(o)
	}
	for _, o := range digestOutcomes {
		m.digests.WithLabelValues(o)
	}
	for _, op := range storeOps {
		m.storeErrors.WithLabelValues(op)
	}
}

// readBuild returns the main module's version, its VCS revision (with
// "-dirty" for a modified work tree; "unknown" when the build was not
// stamped) and the Go version, from runtime/debug.ReadBuildInfo.
func readBuild() (version, revision, goVersion string) {
	version, revision, goVersion = "unknown", "unknown", runtime.Version()
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return version, revision, goVersion
	}
	if bi.Main.Version != "" {
		version = bi.Main.Version
	}
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if modified && revision != "unknown" {
		revision += "-dirty"
	}
	return version, revision, bi.GoVersion
}
