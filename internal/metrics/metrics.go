// Package metrics holds temaplanbot's Prometheus metrics in a private
// registry (no global state) and serves them in the Prometheus text format.
// Every method is safe on a nil *Metrics, which records nothing, so tests and
// tools can pass nil.
package metrics

import (
	"net/http"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics is the set of counters, gauges and histograms the bot exports.
type Metrics struct {
	reg          *prometheus.Registry
	messagesIn   *prometheus.CounterVec
	messagesOut  *prometheus.CounterVec
	answer       *prometheus.HistogramVec
	ack          *prometheus.HistogramVec
	submissions  *prometheus.CounterVec
	storeErrors  *prometheus.CounterVec
	rateWaits    *prometheus.CounterVec
	rejected     *prometheus.CounterVec
	reminders    *prometheus.CounterVec
	digests      *prometheus.CounterVec
	wsConnected  *prometheus.GaugeVec
	duplicates   *prometheus.CounterVec
	sendFailures *prometheus.CounterVec
	queueDepth   *prometheus.GaugeVec
	resumed      *prometheus.CounterVec
	heldAcks     *prometheus.CounterVec
	buildInfo    *prometheus.GaugeVec
	queueSource  atomic.Pointer[func() map[string]int] // see QueueDepthFrom
	retention    *retentionMetrics
}

// New creates the metrics in a fresh registry, with Go runtime and process
// collectors. Every series of a known label value (platforms, intents,
// reasons, outcomes, store operations; see labels.go) is there at 0 from the
// start, so an alert on increase() or rate() sees 0, not "no data";
// temaplanbot_build_info is 1 with this binary's version and revision.
// temaplanbot_websocket_connected appears once Connected is called (the
// server calls it for the platforms it connects by websocket).
func New() *Metrics {
	const ns = "temaplanbot"
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.messagesIn = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "messages_in_total",
		Help: "Messages and actions received, by platform and intent."}, []string{"platform", "intent"})
	m.messagesOut = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "messages_out_total",
		Help: "Replies and posts sent, by platform."}, []string{"platform"})
	m.answer = prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: ns, Name: "answer_seconds",
		Help:    "Time from receiving a message to having the engine's reply, by platform.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5}}, []string{"platform"})
	m.ack = prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: ns, Name: "ack_seconds",
		Help:    "Time to acknowledge a platform request (HTTP response or Socket Mode ack), by platform.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 3}}, []string{"platform"})
	m.submissions = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "submissions_stored_total",
		Help: "Submissions stored (acknowledged by the database), by platform."}, []string{"platform"})
	m.storeErrors = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "store_errors_total",
		Help: "Store operations that failed, by operation."}, []string{"op"})
	m.rateWaits = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "rate_limit_waits_total",
		Help: "Times an outgoing call waited for a platform rate limit, by platform."}, []string{"platform"})
	m.rejected = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "requests_rejected_total",
		Help: "Incoming requests rejected, by platform and reason (signature, stale, size, malformed)."}, []string{"platform", "reason"})
	m.reminders = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "reminders_total",
		Help: "Reminder announcements, by outcome (sent, missed, failed)."}, []string{"outcome"})
	m.digests = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "digest_runs_total",
		Help: "Staff digest runs, by outcome (sent, empty, failed)."}, []string{"outcome"})
	m.wsConnected = prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: ns, Name: "websocket_connected",
		Help: "1 while the platform's websocket (Slack Socket Mode, Discord gateway) is connected."}, []string{"platform"})
	m.duplicates = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "duplicate_events_total",
		Help: "Events dropped because they were already processed (retries, several copies), by platform."}, []string{"platform"})
	m.sendFailures = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "send_failures_total",
		Help: "Outgoing posts that failed after retries, by platform."}, []string{"platform"})
	m.queueDepth = prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: ns, Name: "queue_depth",
		Help: "Stored events waiting for a worker, by channel (platform)."}, []string{"channel"})
	m.resumed = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "answers_resumed_total",
		Help: "Answers a stopped copy was posting, taken over and completed (the platform checked where it can), by platform."}, []string{"platform"})
	m.heldAcks = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "acks_before_durable_total",
		Help: "Events acknowledged before their durable write finished (the write took longer than the ack budget), by platform."}, []string{"platform"})
	m.buildInfo = prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: ns, Name: "build_info",
		Help: "Always 1; the labels say which build is running."}, []string{"version", "revision", "goversion"})
	m.reg.MustRegister(m.messagesIn, m.messagesOut, m.answer, m.ack, m.submissions, m.storeErrors, m.rateWaits,
		m.rejected, m.reminders, m.digests, m.wsConnected, m.duplicates, m.sendFailures, m.queueDepth, m.resumed, m.heldAcks, m.buildInfo,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.initLabels()
	m.retention = newRetentionMetrics(m.reg, ns)
	v, rev, gov := readBuild()
	m.buildInfo.WithLabelValues(v, rev, gov).Set(1)
	return m
}

// SetBuildInfo replaces the build-info labels, for a binary whose version or
// revision was given at link time (a build without VCS stamping, such as a
// container build without .git). Empty arguments keep what the binary says.
func (m *Metrics) SetBuildInfo(version, revision string) {
	if m == nil || (version == "" && revision == "") {
		return
	}
	v, rev, gov := readBuild()
	if version != "" {
		v = version
	}
	if revision != "" {
		rev = revision
	}
	m.buildInfo.Reset()
	m.buildInfo.WithLabelValues(v, rev, gov).Set(1)
}

// QueueDepthFrom makes every scrape read the queue depths from f (channel
// -> events waiting), so the gauge is exact when read; f must be quick and
// safe for concurrent use. A later call replaces f.
func (m *Metrics) QueueDepthFrom(f func() map[string]int) {
	if m != nil {
		m.queueSource.Store(&f)
	}
}

// SetQueueDepth sets how many stored events wait for a worker on channel
// (a platform: "slack", "discord", ...). The shared worker queue calls it
// whenever its depth changes (or on a timer); a channel not seen before
// gets its own series.
func (m *Metrics) SetQueueDepth(channel string, n int) {
	if m != nil {
		m.queueDepth.WithLabelValues(channel).Set(float64(n))
	}
}

// Handler serves the metrics in the Prometheus text format (for GET /metrics).
func (m *Metrics) Handler() http.Handler {
	if m == nil {
		return http.NotFoundHandler()
	}
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if f := m.queueSource.Load(); f != nil {
			for channel, n := range (*f)() {
				m.SetQueueDepth(channel, n)
			}
		}
		h.ServeHTTP(w, r)
	})
}

// MessageIn counts a received message with the intent it was understood as.
func (m *Metrics) MessageIn(platform, intent string) {
	if m != nil {
		m.messagesIn.WithLabelValues(platform, intent).Inc()
	}
}

// MessageOut counts a reply or post sent.
func (m *Metrics) MessageOut(platform string) {
	if m != nil {
		m.messagesOut.WithLabelValues(platform).Inc()
	}
}

// Answer records how long the engine took to answer.
func (m *Metrics) Answer(platform string, d time.Duration) {
	if m != nil {
		m.answer.WithLabelValues(platform).Observe(d.Seconds())
	}
}

// Ack records how long acknowledging a platform request took.
func (m *Metrics) Ack(platform string, d time.Duration) {
	if m != nil {
		m.ack.WithLabelValues(platform).Observe(d.Seconds())
	}
}

// SubmissionStored counts a submission the database acknowledged.
func (m *Metrics) SubmissionStored(platform string) {
	if m != nil {
		m.submissions.WithLabelValues(platform).Inc()
	}
}

// StoreError counts a failed store operation.
func (m *Metrics) StoreError(op string) {
	if m != nil {
		m.storeErrors.WithLabelValues(op).Inc()
	}
}

// RateLimitWait counts a wait for a platform rate limit.
func (m *Metrics) RateLimitWait(platform string) {
	if m != nil {
		m.rateWaits.WithLabelValues(platform).Inc()
	}
}

// Rejected counts a rejected incoming request; reason is e.g. "signature",
// "stale", "size", "malformed".
func (m *Metrics) Rejected(platform, reason string) {
	if m != nil {
		m.rejected.WithLabelValues(platform, reason).Inc()
	}
}

// Reminder counts a reminder outcome ("sent", "missed", "failed").
func (m *Metrics) Reminder(outcome string) {
	if m != nil {
		m.reminders.WithLabelValues(outcome).Inc()
	}
}

// DigestRun counts a digest run outcome ("sent", "empty", "failed").
func (m *Metrics) DigestRun(outcome string) {
	if m != nil {
		m.digests.WithLabelValues(outcome).Inc()
	}
}

// Connected sets the websocket connection state of a platform.
func (m *Metrics) Connected(platform string, up bool) {
	if m != nil {
		v := 0.0
		if up {
			v = 1
		}
		m.wsConnected.WithLabelValues(platform).Set(v)
	}
}

// Duplicate counts an event dropped as already processed.
func (m *Metrics) Duplicate(platform string) {
	if m != nil {
		m.duplicates.WithLabelValues(platform).Inc()
	}
}

// SendFailure counts an outgoing post that failed for good.
func (m *Metrics) SendFailure(platform string) {
	if m != nil {
		m.sendFailures.WithLabelValues(platform).Inc()
	}
}

// Resumed counts an answer a stopped copy was posting when it died, taken
// over and completed by this one.
func (m *Metrics) Resumed(platform string) {
	if m != nil {
		m.resumed.WithLabelValues(platform).Inc()
	}
}

// AckedBeforeDurable counts an event acknowledged while its durable write
// was still in progress (the write outlasted the ack budget).
func (m *Metrics) AckedBeforeDurable(platform string) {
	if m != nil {
		m.heldAcks.WithLabelValues(platform).Inc()
	}
}
