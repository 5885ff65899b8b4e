package mongodbtest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// Realistic returns n submissions shaped like real use, in the order they
// arrive (by Created), the same for the same seed:
//
//   - spread over 90 days from start, heavy in the evening (most between
//     18 and 23 Oslo time, few at night);
//   - residents who come back at different times with a long tail: half
//     of the input is from residents who write once, the other half from
//     n/10 regular residents picked by a Zipf law (a few write thousands,
//     most a handful), each of their inputs at its own random time;
//   - plans picked by a Zipf law over 30 plans, 3% flagged, texts from a
//     sentence to a few paragraphs.
//
// Benchmarks and held-out checks measure with this shape rather than one
// resident writing many inputs in a row, which hides every per-resident
// cost.
func Realistic(n int, seed uint64, start time.Time) []bot.Submission {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	regulars := max(n/10, 1)
	residents := rand.NewZipf(r, 1.1, 1, uint64(regulars-1))
	plans := rand.NewZipf(r, 1.2, 1, 29)
	out := make([]bot.Submission, n)
	for i := range out {
		author := fmt.Sprintf("once-%d-%d", seed, i)
		if r.IntN(2) == 0 {
			author = fmt.Sprintf("regular-%d-%d", seed, residents.Uint64())
		}
		var flags []string
		if r.IntN(100) < 3 {
			flags = []string{bot.FlagProfanity}
		}
		out[i] = bot.Submission{
			Plan: fmt.Sprintf("plan%02d", plans.Uint64()), Text: realisticText(r), Lang: bot.NB,
			Platform: bot.PlatformSlack, Workspace: "T0123ABCD", Channel: "C0123ABCD",
			AuthorHash: authorHash(author), Created: eveningTime(r, start),
			Status: bot.SubmissionNew, Flags: flags,
		}
	}
	slices.SortFunc(out, func(a, b bot.Submission) int { return a.Created.Compare(b.Created) })
	for i := range out {
		out[i].Ref, out[i].EventID = fmt.Sprintf("INN-%07d", i), fmt.Sprintf("Ev%d-%010d", seed, i)
	}
	return out
}

// hourWeights is how input is spread over the hours of a day (Oslo time):
// little at night, some during the day, most in the evening.
func hourWeights() []int {
	return []int{1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 6, 7, 6, 6, 6, 7, 9, 14, 18, 20, 18, 12, 5}
}

// eveningTime is a random instant in the 90 days from start, picked by
// hourWeights.
func eveningTime(r *rand.Rand, start time.Time) time.Time {
	w := hourWeights()
	total := 0
	for _, x := range w {
		total += x
	}
	pick, hour := r.IntN(total), 0
	for pick >= w[hour] {
		pick -= w[hour]
		hour++
	}
	day := r.IntN(90)
	return start.AddDate(0, 0, day).Add(time.Duration(hour)*time.Hour + time.Duration(r.IntN(3600000))*time.Millisecond)
}

// realisticText is one to twelve sentences of input.
func realisticText(r *rand.Rand) string {
	sentences := []string{
		"Flere ladestasjoner og sykkelparkering ved Asker stasjon, gjerne med tak.",
		"Det trengs bedre belysning langs turstien ved Semsvannet om kvelden.",
		"Ungdommen trenger et sted å være etter skoletid, ikke bare idrett.",
		"Bevar grøntområdene ved fjorden, og lag flere benker for eldre.",
		"Kollektivtilbudet til Heggedal er for dårlig på kveldstid og i helgene.",
		"Hvorfor tar det så lang tid å få svar fra kommunen om byggesaker? Æ Ø Å.",
	}
	var b strings.Builder
	for i := range 1 + r.IntN(12) {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(sentences[r.IntN(len(sentences))])
	}
	return b.String()
}

// authorHash stands in for the store's keyed hash of a user id: 64 hex
// digits that look random (SHA-256 of the name).
func authorHash(name string) string {
	h := sha256.Sum256([]byte(name))
	return hex.EncodeToString(h[:])
}
