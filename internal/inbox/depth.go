package inbox

// Queued returns, per registered platform, the accepted events waiting for
// a worker (those being answered or delivered are not counted), for the
// temaplanbot_queue_depth gauge. Every registered platform is in the map,
// at 0 when nothing waits.
func (b *Inbox) Queued() map[string]int {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make(map[string]int, len(b.channels))
	for p := range b.channels {
		out[p] = 0
	}
	for _, r := range b.residents {
		for _, j := range r.q {
			out[j.ev.Message.Platform]++
		}
	}
	return out
}
