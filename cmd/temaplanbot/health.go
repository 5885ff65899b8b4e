package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// healthcheckSetup declares the flags of `temaplanbot healthcheck`.
func healthcheckSetup(fs *flag.FlagSet) runFunc {
	ready := fs.Bool("ready", false, "check /readyz (database and platform connections) instead of /healthz")
	timeout := fs.Duration("timeout", 3*time.Second, "give up after this long")
	return func(ctx context.Context, e *env, _ []string) error { return e.healthcheck(ctx, *ready, *timeout) }
}

// healthcheck asks the server at HTTP_ADDR on this machine for /healthz (or
// /readyz) and returns an error unless it answers 200. It prints the answer.
func (e *env) healthcheck(ctx context.Context, ready bool, timeout time.Duration) error {
	u, err := localURL(e.cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	u += map[bool]string{false: "/healthz", true: "/readyz"}[ready]
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 4<<10))
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s: %s: %s", u, res.Status, strings.TrimSpace(string(body)))
	}
	fmt.Fprintf(e.stdout, "%s: %s\n", u, strings.TrimSpace(string(body)))
	return nil
}

// localURL turns a listen address (":8080", "0.0.0.0:8080", "[::]:8080",
// "127.0.0.1:9000") into the base URL that reaches it from this machine.
func localURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("HTTP_ADDR %q: %w", addr, err)
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port), nil
}
