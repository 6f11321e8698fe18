//go:build e2e

package e2e

import (
	"context"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func chromiumPath() string {
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	p, _ := exec.LookPath("chromium")
	return p
}

// TestDemoPageInChromium loads the demo page from the worker in headless
// Chromium, under the page's own CSP, types "Tromsø" into the first widget
// and waits for it to list Tromsø.
func TestDemoPageInChromium(t *testing.T) {
	exe := chromiumPath()
	require.NotEmpty(t, exe, "chromium not found (apt-get install chromium)")
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true), chromedp.Flag("disable-quic", true),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	// The first Run starts the browser; its context must not time out.
	_, err := chromedp.Run(ctx, chromedp.Evaluate[int]("1"))
	require.NoError(t, err)

	var (
		mu         sync.Mutex
		exceptions []string
	)
	require.NoError(t, chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			mu.Lock()
			d := e.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			exceptions = append(exceptions, msg+" at "+d.URL)
			mu.Unlock()
		}
	}))

	tctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()
	const widget = `document.querySelector('selvhjelp-finder')`
	input := chromedp.JSPath(widget + `.shadowRoot.querySelector('input')`)
	begin := time.Now()
	require.NoError(t, chromedp.Do(tctx, chromedp.Navigate(server.URL+"/")))
	title, err := chromedp.Run(tctx, chromedp.Title())
	require.NoError(t, err)
	_, err = chromedp.Run(tctx, chromedp.Poll[bool](widget+` !== null && `+widget+`.shadowRoot !== null && `+
		widget+`.shadowRoot.querySelector('input') !== null`, chromedp.WithPollingTimeout(20*time.Second)))
	require.NoError(t, err, "the widget renders its input")
	require.NoError(t, chromedp.Do(tctx, chromedp.Focus(input), chromedp.SendKeys(input, "Tromsø")))
	_, err = chromedp.Run(tctx, chromedp.Poll[bool](widget+`.shadowRoot.querySelectorAll('[role=option]').length > 0 && `+
		widget+`.shadowRoot.querySelector('[role=listbox]').textContent.includes('Tromsø')`, chromedp.WithPollingTimeout(30*time.Second)))
	require.NoError(t, err, "the widget lists Tromsø")
	listed, err := chromedp.Run(tctx, chromedp.Evaluate[string](widget+`.shadowRoot.querySelector('[role=listbox]').textContent`))
	require.NoError(t, err)
	t.Logf("demo page %q: Tromsø listed %s after navigation", title, time.Since(begin).Round(time.Millisecond))
	assert.Contains(t, listed, "Tromsø")
	mu.Lock()
	defer mu.Unlock()
	assert.Empty(t, exceptions, "uncaught exceptions on the demo page")
}
