package console

import (
	"bytes"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
)

// clock is the tests' fixed "now".
var clock = time.Date(2026, 12, 6, 10, 30, 0, 0, time.UTC)

func TestLinkState(t *testing.T) {
	open := link{ExpiresAt: stamp(clock.Add(time.Hour))}
	assert.Equal(t, linkOpen, open.state(clock))
	assert.Equal(t, linkExpired, open.state(clock.Add(time.Hour)), "expired at the very second")
	used := open
	used.UsedAt = stamp(clock)
	assert.Equal(t, linkUsed, used.state(clock), "used wins over open")
}

func TestTokens(t *testing.T) {
	a, b := newToken(), newToken()
	assert.NotEqual(t, a, b)
	assert.True(t, wellFormed(a))
	assert.Len(t, a, tokenLen)
	for _, bad := range []string{"", a[:tokenLen-1], a + "A", strings.Repeat("!", tokenLen), "../../api/records" + a[17:]} {
		assert.False(t, wellFormed(bad), bad)
	}
}

func TestOfferText(t *testing.T) {
	expires := clock.Add(linkTTL)
	o := offer("https://konsoll.example/bekreft/abc", "x", "Frivilligsentralen i Mo", "post@mo.example", expires)
	assert.Equal(t, "Stemmer opplysningene om Frivilligsentralen i Mo i Selvhjelp-finneren?", o.Subject)
	assert.Contains(t, o.Text, "https://konsoll.example/bekreft/abc")
	assert.Contains(t, o.Text, "4. februar 2027", "the expiry in words")
	require.True(t, strings.HasPrefix(o.Mailto, "mailto:post@mo.example?subject="))
	u, err := url.Parse(o.Mailto)
	require.NoError(t, err)
	assert.Equal(t, o.Text, u.Query().Get("body"), "the mail program gets the same text to send")
	assert.Empty(t, offer("https://k/bekreft/abc", "x", "Y", "", expires).Mailto, "no address, no mailto")
}

func TestCheckText(t *testing.T) {
	assert.Empty(t, checkText("Mandager kl. 18–20,\nlinje to", 300))
	assert.NotEmpty(t, checkText(strings.Repeat("æ", 301), 300), "counted in characters")
	assert.Empty(t, checkText(strings.Repeat("æ", 300), 300))
	assert.Contains(t, checkText(`<a href="x">hei</a>`, 300), "HTML")
	assert.Contains(t, checkText("hei\x00", 300), "kontrolltegn")
}

func TestSuggestionProblems(t *testing.T) {
	good := map[string]string{"name": "Frivilligsentralen i Mo", "place": "Rana", "source": "https://www.rana.kommune.no/frivilligsentral",
		"phone": "75 14 50 00", "message": "De har hatt sorggruppe siden mars."}
	values, errs := suggestionProblems(good)
	assert.Empty(t, errs)
	assert.Equal(t, good, values)

	_, errs = suggestionProblems(map[string]string{"name": "X", "place": "Y"})
	assert.Contains(t, errs, "source", "a public source is required")
	_, errs = suggestionProblems(map[string]string{"name": "X", "place": "Y", "source": "javascript:alert(1)", "email": "nei", "phone": "820 12 345"})
	assert.Len(t, errs, 3, "%v", errs)
	_, errs = suggestionProblems(map[string]string{"name": "<b>X</b>", "place": "Y", "source": "https://a.example/", "message": strings.Repeat("a", messageMax+1)})
	assert.Contains(t, errs, "name")
	assert.Contains(t, errs, "message")
	values, _ = suggestionProblems(map[string]string{"name": "X", "place": "Y", "source": "https://a.example/", "private_person": "Kari, 41 23 45 67"})
	assert.NotContains(t, values, "private_person", "only the form's fields are kept")
}

func point() dataset.ContactPoint {
	return dataset.ContactPoint{ID: "mo", Name: "Frivilligsentralen i Mo", Kind: "volunteer_centre", Status: dataset.StatusActive,
		Phone: "75 14 50 00", URL: "https://mo.example/", LastVerified: "2023",
		Sources: []dataset.SourceRef{{URL: "https://mo.example/om", PageDate: "2023"}}}
}

func TestProposedChange(t *testing.T) {
	cur := point()
	it := item{Kind: kindChange, Record: "mo", Proposal: map[string]string{"phone": "75 14 50 01"}, ReceivedAt: stamp(clock.Add(-48 * time.Hour))}
	p, err := proposed(it, &cur, clock)
	require.NoError(t, err)
	assert.Equal(t, "75 14 50 01", p.Phone)
	assert.Equal(t, "2026-12-04", p.LastVerified, "the day the contact point answered")
	assert.Equal(t, "75 14 50 00", cur.Phone, "the current record is not touched")
	var fields []string
	for _, ch := range changesOf(cur, p) {
		fields = append(fields, ch.Field)
	}
	assert.Equal(t, []string{"phone", "last_verified", "sources"}, fields)

	closed, err := proposed(item{Kind: kindClosed, Record: "mo", Proposal: map[string]string{}, Message: "Lagt ned i høst.", ReceivedAt: stamp(clock)}, &cur, clock)
	require.NoError(t, err)
	assert.Equal(t, dataset.StatusClosed, closed.Status)
	assert.Contains(t, closed.StatusNote, "Lagt ned i høst.")

	_, err = proposed(item{Kind: kindChange, Record: "mo", Proposal: map[string]string{"topics": "x"}}, &cur, clock)
	assert.Error(t, err, "only text fields can be set from a form")
	_, err = proposed(it, nil, clock)
	assert.Error(t, err, "the record was deleted meanwhile")
}

func TestSuggestionBecomesADraftRecord(t *testing.T) {
	p := fromSuggestion(item{Kind: kindSuggestion, Proposal: map[string]string{"name": "Sorggruppe på Ørsta frivilligsentral", "place": "Ørsta",
		"source": "https://orsta.example/sorg"}}, clock)
	assert.Equal(t, "sorggruppe-pa-orsta-frivilligsentral-orsta", p.ID)
	assert.Empty(t, p.LastVerified, "a suggestion is not a confirmation")
	require.Len(t, p.Sources, 1)
	assert.Equal(t, "https://orsta.example/sorg", p.Sources[0].URL)
}

func TestLimitWindows(t *testing.T) {
	assert.Equal(t, "2026-12-06T10", windowOf(clock))
	assert.Less(t, windowOf(clock), windowOf(clock.Add(time.Hour)), "windows sort in time order")
	assert.Equal(t, 30*time.Minute, untilNextWindow(clock))
	r := httptest.NewRequest("POST", "/api/suggestions", nil)
	r.Header.Set("CF-Connecting-IP", "192.0.2.7")
	k := clientKey(r, windowOf(clock))
	assert.NotContains(t, k, "192.0.2.7", "the address is never stored")
	assert.NotEqual(t, k, clientKey(r, windowOf(clock.Add(time.Hour))), "the key means nothing in the next window")
}

func TestTextsComplete(t *testing.T) {
	for lang, texts := range pageTexts {
		for key := range pageTexts[langNB] {
			_, ok := texts[key]
			assert.True(t, ok, "%s lacks %q", lang, key)
		}
		assert.Len(t, texts, len(pageTexts[langNB]), lang)
	}
	assert.NotEmpty(t, pageTexts[langNN]["unreviewed"], "nynorsk says it is unreviewed until someone has read it")
}

// TestLinkPageRenders: a refused change shows each error next to its field,
// linked from the summary, and keeps what the person wrote.
func TestLinkPageRenders(t *testing.T) {
	r := httptest.NewRequest("GET", "/bekreft/x?lang=nn", nil)
	p := page(r, "link", "linkTitle")
	p = (&Console{}).linkForm(p, point(), map[string]string{"phone": "123", "message": "Nytt nummer <3"},
		map[string]string{"phone": "ikke et norsk telefonnummer"})
	var b bytes.Buffer
	require.NoError(t, writePage(&b, p))
	html := b.String()
	assert.Contains(t, html, `<html lang="nn">`)
	assert.Contains(t, html, `href="#f-phone"`)
	assert.Contains(t, html, `<input id="f-phone" name="phone" maxlength="300" autocomplete="off" aria-invalid="true" aria-describedby="e-phone" type="tel" value="123">`)
	assert.Contains(t, html, `<p class="error" id="e-phone">ikke et norsk telefonnummer</p>`)
	assert.Contains(t, html, "Nytt nummer &lt;3</textarea>", "what was written is escaped, not lost")
	assert.Contains(t, html, `name="message"`)
	assert.NotContains(t, html, "<3", "nothing unescaped")
	assert.Contains(t, html, `action="/bekreft/x?lang=nn"`)
	assert.Contains(t, html, "Frivilligsentralen i Mo")
}

// TestSuggestPageEscapes: what a person typed comes back inside attribute
// values and text, escaped; the honeypot is out of the accessibility tree.
func TestSuggestPageEscapes(t *testing.T) {
	p := page(httptest.NewRequest("GET", suggestPath, nil), "suggest", "suggestTitle")
	p = (&Console{}).suggestForm(p, map[string]string{"name": `"><script>alert(1)</script>`, "about": "fix"},
		map[string]string{"source": "mangler (påkrevd felt)"})
	var b bytes.Buffer
	require.NoError(t, writePage(&b, p))
	html := b.String()
	assert.NotContains(t, html, "<script>")
	assert.Contains(t, html, `value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"`)
	assert.Contains(t, html, `<input type="radio" name="about" value="fix" checked>`)
	assert.Contains(t, html, `<div class="hp" aria-hidden="true">`)
	assert.Contains(t, html, `href="#f-source"`)
	assert.Contains(t, html, `<html lang="nb">`)
}
