package slack

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxSkew is how far a request's timestamp may be from our clock.
const maxSkew = 5 * time.Minute

// Reasons a request is rejected (also the metrics label).
var (
	errSignature = errors.New("signature")
	errStale     = errors.New("stale")
)

// verifyRequest checks Slack's request signature: X-Slack-Signature must be
// "v0=" + hex(HMAC-SHA256(secret, "v0:" + X-Slack-Request-Timestamp + ":" +
// body)), and the timestamp within maxSkew of now. It returns errStale or
// errSignature.
func verifyRequest(secret string, now time.Time, h http.Header, body []byte) error {
	if secret == "" {
		return errSignature
	}
	tsText := h.Get("X-Slack-Request-Timestamp")
	ts, err := strconv.ParseInt(tsText, 10, 64)
	if err != nil {
		return errSignature
	}
	if d := now.Sub(time.Unix(ts, 0)); d > maxSkew || d < -maxSkew {
		return errStale
	}
	sig, ok := strings.CutPrefix(h.Get("X-Slack-Signature"), "v0=")
	if !ok {
		return errSignature
	}
	got, err := hex.DecodeString(sig)
	if err != nil {
		return errSignature
	}
	if !hmac.Equal(got, sign(secret, tsText, body)) {
		return errSignature
	}
	return nil
}

// sign returns the raw HMAC-SHA256 Slack computes for a request.
func sign(secret, ts string, body []byte) []byte {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("v0:" + ts + ":"))
	mac.Write(body)
	return mac.Sum(nil)
}
