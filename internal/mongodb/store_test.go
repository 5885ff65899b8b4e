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
