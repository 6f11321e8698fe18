//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/worker/devserver"
)

// TestConsoleInChromium: a maintainer's session in headless Chromium against
// the local console: log in with the development code, publish the imported
// records, a bad phone number refused next to its field, a good one saved,
// publish shows the change in words, the public worker serves it and the
// widget on a host page of another origin shows it without a rebuild; a
// second tab's stale save is refused; a rollback from the page puts the old
// record back in the widget; then the confirmation round (issue 22). axe-core (WCAG 2.1 A/AA) on every
// page; screenshots at 1280 and 768 px into $CONSOLE_SHOTS (a temporary
// folder when unset).
func TestConsoleInChromium(t *testing.T) {
	exe := chromiumPath()
	require.NotEmpty(t, exe, "chromium not found (apt-get install chromium)")
	axe, err := os.ReadFile(filepath.Join(repo, "widget", "node_modules", "axe-core", "axe.min.js"))
	require.NoError(t, err, "run make deps (npm ci in widget/)")
	shots := os.Getenv("CONSOLE_SHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	require.NoError(t, os.MkdirAll(shots, 0o755))
	srv, _ := startConsole(t)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("no-first-run", true))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	_, err = chromedp.Run(ctx, chromedp.Evaluate[int]("1"))
	require.NoError(t, err)
	tctx, cancelT := context.WithTimeout(ctx, tabTimeout)
	defer cancelT()
	start := time.Now()

	do := func(actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		require.NoError(t, chromedp.Do(tctx, actions...))
	}
	// poll waits for expr, across navigations (an evaluation during one fails).
	poll := func(expr string) {
		t.Helper()
		var last error
		for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			ok, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`!!(`+expr+`)`))
			if err == nil && ok {
				return
			}
			last = err
		}
		page, _ := chromedp.Run(tctx, chromedp.Evaluate[string](`location.href + ' | ' + (document.querySelector('#status')?.textContent || '')`))
		t.Fatalf("waited 60 s for %s (last error %v; page %s)", expr, last, page)
	}
	check := func(name string, widths ...int64) {
		t.Helper()
		if len(widths) == 0 {
			widths = []int64{1280, 768}
		}
		t.Logf("%s reached after %s", name, time.Since(start).Round(time.Millisecond))
		_, err := chromedp.Run(tctx, chromedp.Evaluate[chromedp.Void](string(axe)))
		require.NoError(t, err)
		violations, err := chromedp.Run(tctx, chromedp.Evaluate[[]map[string]any](`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(r => r.violations.map(v => ({id: v.id, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary)})))`, chromedp.EvalAwaitPromise))
		require.NoError(t, err)
		assert.Empty(t, violations, "axe-core WCAG 2.1 AA violations on %s", name)
		for _, w := range widths {
			do(chromedp.EmulateViewport(w, 900))
			jpeg, err := chromedp.Run(tctx, chromedp.FullScreenshot(90)) // below 100: JPEG
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(shots, fmt.Sprintf("console-%s-%d.jpg", name, w)), jpeg, 0o644))
		}
	}

	do(chromedp.Navigate(srv.Console + "/"))
	poll(`location.pathname === '/logg-inn'`)
	check("logg-inn")
	// console.js is a module, run after parsing: until it has, the form
	// would submit natively and reload the page without logging in.
	poll(`document.readyState === 'complete'`)
	code := srv.LoginCode()
	require.NotEmpty(t, code, "the console printed no login code: %s", srv.Output())
	do(chromedp.SendKeys(chromedp.CSS(`#code`), code), chromedp.Click(chromedp.CSS(`#login button`)))
	poll(`location.pathname === '/' && document.querySelectorAll('#records tbody tr').length > 0`)
	all, err := chromedp.Run(tctx, chromedp.Evaluate[int](`document.querySelectorAll('#records tbody tr').length`))
	require.NoError(t, err)
	do(chromedp.SendKeys(chromedp.CSS(`#q`), "frisklivssentralen i alta"))
	poll(fmt.Sprintf(`document.querySelectorAll('#records tbody tr').length < %d && document.querySelector('#records tbody').textContent.includes('Alta kommune')`, all))
	check("liste")

	// The imported records as they are: the version to roll back to.
	do(chromedp.Navigate(srv.Console + "/publiser"))
	poll(`document.querySelector('#publish button') && document.querySelector('#changes').textContent !== ''`)
	do(chromedp.Click(chromedp.CSS(`#publish button`)))
	poll(`document.querySelector('#status').textContent.startsWith('Publisert')`)

	const id = "alta-kommune-frisklivssentral"
	do(chromedp.Navigate(srv.Console + "/rediger?id=" + id))
	poll(`document.querySelector('#f-phone') !== null`)
	do(chromedp.SetValue(chromedp.CSS(`#f-phone`), "123"), chromedp.Click(chromedp.CSS(`#record button[type=submit]`)))
	poll(`document.querySelector('#f-phone-error')?.textContent.includes('telefonnummer') && document.querySelector('#f-phone').getAttribute('aria-invalid') === 'true'`)
	check("rediger-feil")
	do(chromedp.SetValue(chromedp.CSS(`#f-phone`), "78 45 50 00"), chromedp.Click(chromedp.CSS(`#record button[type=submit]`)))
	poll(`document.querySelector('#status').textContent.startsWith('Lagret')`)

	do(chromedp.Navigate(srv.Console + "/publiser"))
	poll(`document.querySelector('#changes').textContent.includes('«78 45 50 00»')`)
	check("publiser")
	do(chromedp.Click(chromedp.CSS(`#publish button`)))
	poll(`document.querySelector('#status').textContent.startsWith('Publisert')`)
	_, phone := publicRecord(t, srv, id)
	assert.Equal(t, "78 45 50 00", phone)

	// The widget on a host page of another origin shows the new number, without
	// a rebuild (the browser's cache off: the loader lives 5 minutes in it).
	host := hostServer(t, map[string]string{"/": blankPage(`<script type="module" src="` + srv.URL + `/widget.js"></script>` +
		`<selvhjelp-finder municipality="5601"></selvhjelp-finder>`)}, "").URL + "/"
	_, err = chromedp.Call(tctx, network.Enable, network.EnableParams{})
	require.NoError(t, err)
	_, err = chromedp.Call(tctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
	require.NoError(t, err)
	altaCard := `[...(document.querySelector('selvhjelp-finder')?.shadowRoot?.querySelectorAll('li.card') || [])].find((c) => c.textContent.includes('Frisklivssentralen i Alta'))`
	do(chromedp.Navigate(host))
	poll(altaCard + `?.querySelector('a[href="tel:78455000"]')`)

	// A second tab's stale save is refused.
	do(chromedp.Navigate(srv.Console + "/rediger?id=" + id))
	poll(`document.querySelector('#f-phone')?.value === '78 45 50 00'`)
	tab2, closeTab2 := chromedp.NewContext(tctx)
	defer closeTab2()
	require.NoError(t, chromedp.Do(tab2, chromedp.Navigate(srv.Console+"/rediger?id="+id)))
	poll2 := func(expr string) {
		t.Helper()
		for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(100 * time.Millisecond) {
			if ok, err := chromedp.Run(tab2, chromedp.Evaluate[bool](`!!(`+expr+`)`)); err == nil && ok {
				return
			}
			require.True(t, time.Now().Before(deadline), "the second tab waited 60 s for %s", expr)
		}
	}
	poll2(`document.querySelector('#f-phone')?.value === '78 45 50 00'`)
	require.NoError(t, chromedp.Do(tab2, chromedp.SetValue(chromedp.CSS(`#f-phone`), "78 45 50 01"), chromedp.Click(chromedp.CSS(`#record button[type=submit]`))))
	poll2(`document.querySelector('#status').textContent.startsWith('Lagret')`)
	do(chromedp.SetValue(chromedp.CSS(`#f-phone`), "78 45 50 02"), chromedp.Click(chromedp.CSS(`#record button[type=submit]`)))
	poll(`document.querySelector('#status').textContent.includes('Noen andre har lagret')`)
	check("rediger-utdatert")

	// Roll back to the imported version: the widget shows the old record again.
	do(chromedp.Navigate(srv.Console + "/publiser"))
	poll(`document.querySelectorAll('#versions tbody tr button').length === 1`)
	do(chromedp.Click(chromedp.CSS(`#versions tbody tr button`)))
	poll(`!document.querySelector('#rollback').hidden && document.querySelector('#rbchanges').textContent.includes('78 45 50 00')`)
	check("tilbakerulling")
	do(chromedp.Click(chromedp.CSS(`#rbgo`)))
	poll(`document.querySelector('#status').textContent.startsWith('Rullet tilbake')`)
	do(chromedp.Navigate(host))
	poll(altaCard + ` && !` + altaCard + `.querySelector('a[href^="tel:7845500"]')`)

	do(chromedp.Navigate(srv.Console + "/historikk"))
	poll(`document.querySelectorAll('#history tbody tr').length >= 3`)
	check("historikk")

	confirmationRound(t, srv, tctx, do, poll, check)
}

// confirmationRound (issue 22): ask a stale record for confirmation from
// the call list, answer on the public page behind the link (a refused
// change first), suggest a contact point, see both in moderation, publish,
// and find the card confirmed in the widget on the demo page.
func confirmationRound(t *testing.T, srv *devserver.Server, tctx context.Context, do func(...chromedp.Action[chromedp.Void]),
	poll func(string), check func(string, ...int64)) {
	const id, name = "moss-frivilligsentral-selvhjelpsgrupper", "Moss Frivilligsentral"
	do(chromedp.Navigate(srv.Console + "/"))
	poll(`document.querySelector('#stale a[href$="id=` + id + `"]')`)
	do(chromedp.Evaluate[chromedp.Void](`document.querySelector('#stale a[href$="id=` + id + `"]').closest('tr').querySelector('button').click()`))
	poll(`document.querySelector('#asks-list textarea')?.value.includes('/bekreft/')`)
	check("be-om-bekreftelse")
	mailto, err := chromedp.Run(tctx, chromedp.Evaluate[string](`document.querySelector('#asks-list a[href^="mailto:"]')?.href || ''`))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(mailto, "mailto:post@moss.frivilligsentral.no?subject="), mailto)
	link, err := chromedp.Run(tctx, chromedp.Evaluate[string](`document.querySelector('#asks-list textarea').value.match(/https?:\/\/\S+\/bekreft\/[A-Za-z0-9_-]+/)[0]`))
	require.NoError(t, err)

	do(chromedp.Navigate(link))
	poll(`document.querySelector('button[value=confirm]')`)
	check("bekreft", 390, 1280)
	do(chromedp.SetValue(chromedp.CSS(`#f-phone`), "123"), chromedp.Evaluate[chromedp.Void](`document.querySelector('button[value=change]').click()`))
	poll(`document.querySelector('#e-phone') && document.querySelector('#f-phone').getAttribute('aria-invalid') === 'true'`)
	check("bekreft-feil", 390)
	do(chromedp.Evaluate[chromedp.Void](`document.querySelector('button[value=confirm]').click()`))
	poll(`document.querySelector('.notice')?.textContent.startsWith('Takk')`)
	check("bekreft-takk", 390)

	do(chromedp.Navigate(srv.Console + "/foresla"))
	poll(`document.querySelector('#f-source')`)
	check("foresla", 390, 1280)
	do(chromedp.SetValue(chromedp.CSS(`#f-name`), "Sorggruppe på frivilligsentralen"), chromedp.SetValue(chromedp.CSS(`#f-place`), "Testby"),
		chromedp.SetValue(chromedp.CSS(`#f-source`), "https://frivilligsentral.example/sorg"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('form button[type=submit]').click()`))
	poll(`document.querySelector('.notice')?.textContent.startsWith('Takk')`)

	do(chromedp.Navigate(srv.Console + "/behandling"))
	poll(`document.querySelectorAll('#items article').length === 1 && document.querySelector('#items').textContent.includes('Sorggruppe')`)
	check("behandling")

	do(chromedp.Navigate(srv.Console + "/publiser"))
	poll(`document.querySelector('#changes').textContent.includes('last_verified')`)
	do(chromedp.Click(chromedp.CSS(`#publish button`)))
	poll(`document.querySelector('#status').textContent.startsWith('Publisert')`)

	// The demo page's live preview, on Moss (it starts when scrolled into view):
	// the card now says it was confirmed. /widget.js names the engine variant
	// that pins the published dataset core (worker/runtime/worker.mjs).
	month := map[time.Month]string{1: "januar", 2: "februar", 3: "mars", 4: "april", 5: "mai", 6: "juni", 7: "juli", 8: "august",
		9: "september", 10: "oktober", 11: "november", 12: "desember"}
	now := time.Now().UTC()
	do(chromedp.Navigate(srv.URL + "/"))
	poll(`document.querySelector('#b-live')?.shadowRoot`)
	do(chromedp.Evaluate[chromedp.Void](`document.querySelector('#b-live').scrollIntoView(); document.querySelector('#b-live').setAttribute('municipality', '3103')`))
	confirmed := fmt.Sprintf("Bekreftet %s %d", month[now.Month()], now.Year())
	card := `[...document.querySelector('%s').shadowRoot.querySelectorAll('li.card')].some((c) => c.textContent.includes(%q) && c.querySelector('.badge.ok')?.textContent === %q)`
	poll(fmt.Sprintf(card, "#b-live", name, confirmed))
	// The iframe page too (it pins a loader variant by its SHA-384).
	do(chromedp.Navigate(srv.URL + "/embed?municipality=3103"))
	poll(fmt.Sprintf(card, "selvhjelp-finder", name, confirmed))
}
