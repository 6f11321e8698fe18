//go:build e2e

package e2e

// Tests of how an answer is rendered so that it costs the host page no long
// task (issue 11): the suggestions and the visible cards first, the cards
// behind a closed group in the next task; dates without Intl.

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/selvhjelp/finder/data/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCardsBehindAGroupFollow: when the element says it has answered
// (data-answered), every card behind "Vis flere (N)" is there (N of them),
// with its badge; opening the group shows them. Confirmation dates carry the
// month in the element's language (built in, not Intl: Chromium has no
// Nynorsk data, so nn used to fall back to "02.2017").
func TestCardsBehindAGroupFollow(t *testing.T) {
	ds := realDataset(t)
	ds.ContactPoints = append(ds.ContactPoints, dataset.ContactPoint{
		ID: "dato-test", Name: "Testgruppe Bergen", Kind: dataset.KindLocal, Municipality: "4601",
		Status: dataset.StatusUnknown, LastVerified: "2017-02-03", CitizenNote: "Tekst for innbyggere.",
	})
	page := `<selvhjelp-finder municipality="4601" topic="sorg"></selvhjelp-finder>` +
		`<selvhjelp-finder municipality="4601" topic="sorg" lang="nn"></selvhjelp-finder>` +
		`<selvhjelp-finder municipality="4601" topic="sorg" lang="en"></selvhjelp-finder>`
	s := newSite(t, siteOpts{dataset: ds, pages: map[string]string{"/t": page}})
	tb := newTab(t)
	tb.open(t, s.URL+"/t")
	for i := 0; i < 3; i++ {
		tb.do(t, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelectorAll('selvhjelp-finder')[%d].scrollIntoView()`, i)))
		tb.wait(t, in(i, `r.querySelector('.f').hasAttribute('data-answered')`), 30*time.Second)
	}
	more := mustEval[string](t, tb, in(0, `r.querySelector('details.more > summary')?.textContent || ''`))
	inMore := int(mustEval[float64](t, tb, in(0, `r.querySelectorAll('details.more .card').length`)))
	require.NotEmpty(t, more, "Bergen has more than three contact points")
	assert.Equal(t, fmt.Sprintf("Vis flere (%d)", inMore), more, "every card behind the group is built once the element has answered")
	assert.True(t, mustEval[bool](t, tb, in(0, `[...r.querySelectorAll('details .card')].every(c => c.querySelector('.cn') && c.querySelector('.badge'))`)))
	tb.do(t, chromedp.Evaluate[chromedp.Void](in(0, `r.querySelector('details.more').open = true`)))
	assert.True(t, mustEval[bool](t, tb, in(0, `r.querySelector('details.more .card').getBoundingClientRect().height > 0`)), "an opened group shows its cards")

	card := func(i int) string {
		return mustEval[string](t, tb, in(i, `[...r.querySelectorAll('.card')].find(c => c.querySelector('.cn').textContent === 'Testgruppe Bergen')?.textContent || ''`))
	}
	assert.Contains(t, card(0), "Ikke bekreftet siden februar 2017")
	assert.Contains(t, card(1), "Ikkje stadfesta sidan februar 2017")
	assert.Contains(t, card(2), "Not confirmed since February 2017")
}
