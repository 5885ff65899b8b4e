package act_test

import (
	"testing"

	"github.com/askerkommune/temaplanbot/bot/act"
)

// TestDefault checks the committed model loads and tells clear acts apart.
func TestDefault(t *testing.T) {
	m, err := act.Default()
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]act.Act{
		"ja takk":                      act.Confirm,
		"avbryt":                       act.Cancel,
		"I want to change the text":    act.Replace,
		"kan du svare på engelsk?":     act.Language,
		"hva handler kulturplanen om?": act.Ask,
	} {
		if got, p := m.Best(text); got != want {
			t.Errorf("%q: %s (%.2f), want %s", text, got, p, want)
		}
	}
}

// TestTrainDeterministic checks that the same data and seed give the same model.
func TestTrainDeterministic(t *testing.T) {
	data := []act.Example{{"ja", act.Confirm}, {"nei", act.Refuse}, {"avbryt", act.Cancel}, {"yes please", act.Confirm}}
	a, b := act.Train(data, act.TrainOptions{Seed: 3, Epochs: 5}), act.Train(data, act.TrainOptions{Seed: 3, Epochs: 5})
	for f, wa := range a.Weights {
		for i := range wa {
			if wa[i] != b.Weights[f][i] {
				t.Fatalf("feature %s differs", f)
			}
		}
	}
	if got, _ := a.Best("ja"); got != act.Confirm {
		t.Errorf("ja: %s", got)
	}
}
