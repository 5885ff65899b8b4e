package mongodb

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/topology"

	"github.com/askerkommune/temaplanbot/bot"
)

// Server error codes that mean "the deployment cannot take this write or
// read now" (node down, stepping down, shutting down, write concern not met).
var unavailableCodes = []int{
	6,     // HostUnreachable
	7,     // HostNotFound
	64,    // WriteConcernFailed
	89,    // NetworkTimeout
	91,    // ShutdownInProgress
	189,   // PrimarySteppedDown
	9001,  // SocketException
	10107, // NotWritablePrimary
	11600, // InterruptedAtShutdown
	11602, // InterruptedDueToReplStateChange
	13435, // NotPrimaryNoSecondaryOk
	13436, // NotPrimaryOrSecondary
}

// codeNotImplemented is FerretDB's answer to features it lacks (TTL indexes).
const codeNotImplemented = 238

// unavailable reports whether err means the database could not be reached
// or could not confirm the operation, so the caller should say "not saved,
// try again" rather than "failed". A cancelled caller context is not.
func unavailable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var sse topology.ServerSelectionError
	var ce topology.ConnectionError
	if errors.Is(err, mongo.ErrClientDisconnected) || mongo.IsNetworkError(err) || mongo.IsTimeout(err) ||
		errors.As(err, &sse) || errors.As(err, &ce) {
		return true
	}
	var le mongo.LabeledError
	if errors.As(err, &le) && (le.HasErrorLabel("RetryableWriteError") || le.HasErrorLabel("TransientTransactionError")) {
		return true
	}
	var we mongo.WriteException
	if errors.As(err, &we) && we.WriteConcernError != nil {
		return true // the write was not confirmed with our write concern
	}
	var se mongo.ServerError
	if errors.As(err, &se) {
		for _, c := range unavailableCodes {
			if se.HasErrorCode(c) {
				return true
			}
		}
	}
	return false
}

// wrapErr wraps a driver error with the operation's name and, when the
// database was unreachable, with bot.ErrUnavailable.
func wrapErr(op string, err error) error {
	if unavailable(err) {
		return fmt.Errorf("mongodb: %s: %w: %w", op, bot.ErrUnavailable, err)
	}
	return fmt.Errorf("mongodb: %s: %w", op, err)
}

// hasCode reports whether err is a server error with code.
func hasCode(err error, code int) bool {
	var se mongo.ServerError
	return errors.As(err, &se) && se.HasErrorCode(code)
}

// notFound builds the error for a missing document.
func notFound(op, what string) error {
	return fmt.Errorf("mongodb: %s %q: %w", op, what, bot.ErrNotFound)
}

// invalid builds the error for a call the store refuses.
func invalid(op, why string) error {
	return fmt.Errorf("mongodb: %s: %s: %w", op, why, bot.ErrInvalid)
}
