package metrics

import "github.com/prometheus/client_golang/prometheus"

// retentionMetrics are the retention job's series.
type retentionMetrics struct {
	runs    *prometheus.CounterVec
	expired *prometheus.CounterVec
	days    prometheus.Gauge
}

// retentionOutcomes and retentionActions are the label values of
// RetentionRun and RetentionExpired, created at 0.
func retentionOutcomes() []string { return []string{"done", "failed"} }
func retentionActions() []string  { return []string{"deleted", "anonymised"} }

// newRetentionMetrics registers the retention series in reg.
func newRetentionMetrics(reg *prometheus.Registry, ns string) *retentionMetrics {
	r := &retentionMetrics{
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "retention_runs_total",
			Help: "Daily retention runs done by this copy, by outcome (done, failed)."}, []string{"outcome"}),
		expired: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "retention_expired_total",
			Help: "Inputs removed because their retention period passed, by action (deleted, anonymised)."}, []string{"action"}),
		days: prometheus.NewGauge(prometheus.GaugeOpts{Namespace: ns, Name: "retention_days",
			Help: "The configured retention period in days; 0 when input is kept until deleted."}),
	}
	reg.MustRegister(r.runs, r.expired, r.days)
	for _, o := range retentionOutcomes() {
		r.runs.WithLabelValues(o)
	}
	for _, a := range retentionActions() {
		r.expired.WithLabelValues(a)
	}
	return r
}

// RetentionRun counts a retention run ("done" or "failed").
func (m *Metrics) RetentionRun(outcome string) {
	if m != nil {
		m.retention.runs.WithLabelValues(outcome).Inc()
	}
}

// RetentionExpired counts one input removed ("deleted" or "anonymised").
func (m *Metrics) RetentionExpired(action string) {
	if m != nil {
		m.retention.expired.WithLabelValues(action).Inc()
	}
}

// SetRetentionDays shows the configured retention period.
func (m *Metrics) SetRetentionDays(days int) {
	if m != nil {
		m.retention.days.Set(float64(days))
	}
}
