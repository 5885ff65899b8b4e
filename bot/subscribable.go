package bot

// subscribable reports whether reminders and digests can be posted to a
// channel of platform later, by `temaplanbot serve` without anyone
// asking: Slack and Discord channels can; the terminal chat and the web
// chat cannot (nobody is there to receive a post), so a subscription
// there would only fail when it is due.
func subscribable(platform string) bool {
	return platform == PlatformSlack || platform == PlatformDiscord
}

// notSubscribable is the answer to a subscription asked for where posts
// cannot go: which channels can get them, and how.
func (e *Engine) notSubscribable(t *turn, kind string) Reply {
	return e.privateSimple(t, "", kind+".not_here", nil)
}
