package mongodb

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/topology"

	"github.com/askerkommune/temaplanbot/bot"
)

func TestUnavailable(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"deadline", fmt.Errorf("x: %w", context.DeadlineExceeded), true},
		{"cancelled by caller", context.Canceled, false},
		{"client closed", mongo.ErrClientDisconnected, true},
		{"server selection", topology.ServerSelectionError{Wrapped: errors.New("no server")}, true},
		{"connection", topology.ConnectionError{Wrapped: errors.New("refused")}, true},
		{"not primary", mongo.CommandError{Code: 10107, Message: "not primary"}, true},
		{"shutting down", mongo.CommandError{Code: 91}, true},
		{"retryable label", mongo.CommandError{Code: 1, Labels: []string{"RetryableWriteError"}}, true},
		{"write concern", mongo.WriteException{WriteConcernError: &mongo.WriteConcernError{Code: 64}}, true},
		{"duplicate key", mongo.WriteException{WriteErrors: []mongo.WriteError{{Code: 11000}}}, false},
		{"bad value", mongo.CommandError{Code: 2}, false},
		{"no documents", mongo.ErrNoDocuments, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := unavailable(tc.err); got != tc.want {
				t.Errorf("unavailable(%v) = %v, want %v", tc.err, got, tc.want)
			}
			if tc.err != nil {
				if got := errors.Is(wrapErr("op", tc.err), bot.ErrUnavailable); got != tc.want {
					t.Errorf("wrapErr is ErrUnavailable = %v, want %v", got, tc.want)
				}
			}
		})
	}
}
