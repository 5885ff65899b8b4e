package mongodb_test

import (
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/bottest"
	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

func TestStoreContract(t *testing.T) {
	bottest.TestStore(t, func(t *testing.T) bot.Store { return mongodbtest.Open(t) })
}

// TestStoreContractMongoDBMode runs the contract with the store in its
// MongoDB mode, so every branch taken only on MongoDB (driver queries on
// secondary indexes, $in, aggregation) runs against the embedded server.
func TestStoreContractMongoDBMode(t *testing.T) {
	bottest.TestStore(t, func(t *testing.T) bot.Store { return mongodbtest.OpenMongoDBMode(t) })
}
