package server

import (
	"net/http"
	"time"
)

// Timeouts and limits of the HTTP server. Slack and Discord wait at most
// 3 seconds for an answer, so nothing legitimate needs longer.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 10 * time.Second
	WriteTimeout      = 15 * time.Second
	IdleTimeout       = 120 * time.Second
	MaxHeaderBytes    = 32 << 10
)

// New returns an *http.Server for h on addr (e.g. ":8080") with read-header,
// read, write and idle timeouts and a header size limit set, so slow or
// oversized clients cannot hold connections open. The caller runs
// ListenAndServe and Shutdown.
func New(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
	}
}
