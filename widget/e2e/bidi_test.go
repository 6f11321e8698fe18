//go:build e2e

package e2e

// A small WebDriver BiDi client for Firefox (issue 23): Debian has no
// geckodriver, but Firefox ESR speaks BiDi itself on --remote-debugging-port.
// The WebSocket underneath is a minimal RFC 6455 client (text frames over
// loopback), so that no dependency is added for one test file.

import (
	"bufio"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// wsConn is a client WebSocket: whole text messages in and out.
type wsConn struct {
	c  net.Conn
	r  *bufio.Reader
	wm sync.Mutex
}

func wsDial(addr, path string) (*wsConn, error) {
	c, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		return nil, err
	}
	key := make([]byte, 16)
	rand.Read(key)
	k := base64.StdEncoding.EncodeToString(key)
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n", path, addr, k)
	r := bufio.NewReader(c)
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	res, err := http.ReadResponse(r, nil)
	if err != nil {
		c.Close()
		return nil, err
	}
	c.SetReadDeadline(time.Time{})
	sum := sha1.Sum([]byte(k + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
	if res.StatusCode != http.StatusSwitchingProtocols || res.Header.Get("Sec-WebSocket-Accept") != base64.StdEncoding.EncodeToString(sum[:]) {
		c.Close()
		return nil, fmt.Errorf("websocket handshake: %s", res.Status)
	}
	return &wsConn{c: c, r: r}, nil
}

func (w *wsConn) writeFrame(op byte, p []byte) error {
	w.wm.Lock()
	defer w.wm.Unlock()
	var h []byte
	h = append(h, 0x80|op)
	switch n := len(p); {
	case n < 126:
		h = append(h, 0x80|byte(n))
	case n < 1<<16:
		h = append(h, 0x80|126, byte(n>>8), byte(n))
	default:
		h = append(h, 0x80|127)
		h = binary.BigEndian.AppendUint64(h, uint64(n))
	}
	mask := make([]byte, 4)
	rand.Read(mask)
	h = append(h, mask...)
	m := make([]byte, len(p))
	for i := range p {
		m[i] = p[i] ^ mask[i%4]
	}
	_, err := w.c.Write(append(h, m...))
	return err
}

// read returns the next whole text message (answering pings on the way).
func (w *wsConn) read() ([]byte, error) {
	var msg []byte
	for {
		var h [2]byte
		if _, err := io.ReadFull(w.r, h[:]); err != nil {
			return nil, err
		}
		fin, op := h[0]&0x80 != 0, h[0]&0x0f
		n := uint64(h[1] & 0x7f)
		switch n {
		case 126:
			var b [2]byte
			if _, err := io.ReadFull(w.r, b[:]); err != nil {
				return nil, err
			}
			n = uint64(binary.BigEndian.Uint16(b[:]))
		case 127:
			var b [8]byte
			if _, err := io.ReadFull(w.r, b[:]); err != nil {
				return nil, err
			}
			n = binary.BigEndian.Uint64(b[:])
		}
		var mask []byte
		if h[1]&0x80 != 0 { // servers do not mask, but allow it
			mask = make([]byte, 4)
			if _, err := io.ReadFull(w.r, mask); err != nil {
				return nil, err
			}
		}
		p := make([]byte, n)
		if _, err := io.ReadFull(w.r, p); err != nil {
			return nil, err
		}
		if mask != nil {
			for i := range p {
				p[i] ^= mask[i%4]
			}
		}
		switch op {
		case 0x8: // close
			w.writeFrame(0x8, nil)
			return nil, io.EOF
		case 0x9: // ping
			w.writeFrame(0xA, p)
			continue
		case 0xA:
			continue
		}
		msg = append(msg, p...)
		if fin {
			return msg, nil
		}
	}
}

func (w *wsConn) close() error {
	w.writeFrame(0x8, []byte{0x03, 0xe8})
	return w.c.Close()
}

// bidi is one BiDi session on one top-level browsing context.
type bidi struct {
	ws      *wsConn
	mu      sync.Mutex
	next    int
	pending map[int]chan bidiAnswer
	dead    error
	ctxID   string
	frame   string // the child context that eval runs in (enterFrame), or ""
	cmd     *exec.Cmd
	exited  chan struct{}
	profile string
	version string // Firefox's, from session.new
}

type bidiAnswer struct {
	Type    string          `json:"type"`
	ID      int             `json:"id"`
	Result  json.RawMessage `json:"result"`
	Error   string          `json:"error"`
	Message string          `json:"message"`
}

// call sends one command and waits for its answer.
func (b *bidi) call(method string, params any, out any) error {
	b.mu.Lock()
	if b.dead != nil {
		b.mu.Unlock()
		return b.dead
	}
	b.next++
	id := b.next
	ch := make(chan bidiAnswer, 1)
	b.pending[id] = ch
	b.mu.Unlock()
	msg, err := json.Marshal(map[string]any{"id": id, "method": method, "params": params})
	if err != nil {
		return err
	}
	if err := b.ws.writeFrame(0x1, msg); err != nil {
		return err
	}
	select {
	case a, ok := <-ch:
		if !ok {
			return fmt.Errorf("%s: connection closed (%v)", method, b.dead)
		}
		if a.Type == "error" {
			return fmt.Errorf("%s: %s: %s", method, a.Error, a.Message)
		}
		if out != nil {
			return json.Unmarshal(a.Result, out)
		}
		return nil
	case <-time.After(60 * time.Second):
		return fmt.Errorf("%s: no answer in 60 s", method)
	}
}

func (b *bidi) readLoop() {
	for {
		msg, err := b.ws.read()
		if err != nil {
			b.mu.Lock()
			b.dead = fmt.Errorf("bidi connection: %w", err)
			for id, ch := range b.pending {
				close(ch)
				delete(b.pending, id)
			}
			b.mu.Unlock()
			return
		}
		var a bidiAnswer
		if json.Unmarshal(msg, &a) != nil || a.Type == "event" || a.ID == 0 {
			continue // no event is subscribed to
		}
		b.mu.Lock()
		ch := b.pending[a.ID]
		delete(b.pending, a.ID)
		b.mu.Unlock()
		if ch != nil {
			ch <- a
		}
	}
}

// firefoxPrefs: a quiet profile that talks to loopback only. The Remote
// Agent sets its own recommended prefs on top (remote.prefs.recommended).
const firefoxPrefs = `user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("browser.startup.page", 0);
user_pref("browser.startup.homepage", "about:blank");
user_pref("browser.startup.homepage_override.mstone", "ignore");
user_pref("startup.homepage_welcome_url", "about:blank");
user_pref("startup.homepage_welcome_url.additional", "");
user_pref("browser.aboutwelcome.enabled", false);
user_pref("browser.newtabpage.enabled", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("datareporting.healthreport.uploadEnabled", false);
user_pref("toolkit.telemetry.enabled", false);
user_pref("toolkit.telemetry.unified", false);
user_pref("toolkit.telemetry.archive.enabled", false);
user_pref("app.update.disabledForTesting", true);
user_pref("app.update.auto", false);
user_pref("app.normandy.enabled", false);
user_pref("extensions.update.enabled", false);
user_pref("extensions.getAddons.cache.enabled", false);
user_pref("browser.search.update", false);
user_pref("browser.safebrowsing.malware.enabled", false);
user_pref("browser.safebrowsing.phishing.enabled", false);
user_pref("browser.safebrowsing.downloads.enabled", false);
user_pref("browser.safebrowsing.blockedURIs.enabled", false);
user_pref("network.captive-portal-service.enabled", false);
user_pref("network.connectivity-service.enabled", false);
user_pref("network.trr.mode", 5);
user_pref("network.dns.disablePrefetch", true);
user_pref("network.prefetch-next", false);
user_pref("services.settings.server", "http://127.0.0.1:9/");
// Everything but loopback goes to a proxy that refuses (port 9, discard):
// loopback itself is never proxied (network.proxy.allow_hijacking_localhost).
user_pref("network.proxy.type", 1);
user_pref("network.proxy.http", "127.0.0.1");
user_pref("network.proxy.http_port", 9);
user_pref("network.proxy.ssl", "127.0.0.1");
user_pref("network.proxy.ssl_port", 9);
user_pref("network.proxy.allow_hijacking_localhost", false);
user_pref("network.proxy.no_proxies_on", "127.0.0.1, localhost");
`

// startFirefox starts firefox-esr headless with BiDi on a free port and opens
// a session; the test's cleanup ends the session and the process.
func startFirefox(t *testing.T, exe string) *bidi {
	t.Helper()
	profile, err := os.MkdirTemp("", "finder-firefox-")
	if err != nil {
		t.Fatal(err)
	}
	b := &bidi{pending: map[int]chan bidiAnswer{}, profile: profile, exited: make(chan struct{})}
	t.Cleanup(b.close)
	if err := os.WriteFile(filepath.Join(profile, "user.js"), []byte(firefoxPrefs), 0o644); err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	b.cmd = exec.Command(exe, "--headless", "--no-remote", "--remote-debugging-port="+port, "--remote-allow-hosts=127.0.0.1",
		"--profile", profile, "--width=1280", "--height=900", "about:blank")
	b.cmd.Env = append(os.Environ(), "MOZ_CRASHREPORTER_DISABLE=1", "MOZ_DISABLE_AUTO_SAFE_MODE=1")
	b.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stderr, err := b.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := b.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Firefox says on stderr when BiDi listens; keep the last lines for a failure.
	listening := make(chan struct{})
	var logMu sync.Mutex
	var lines []string
	go func() {
		s := bufio.NewScanner(stderr)
		once := sync.Once{}
		for s.Scan() {
			logMu.Lock()
			lines = append(lines, s.Text())
			if len(lines) > 40 {
				lines = lines[1:]
			}
			logMu.Unlock()
			if strings.Contains(s.Text(), "WebDriver BiDi listening on") {
				once.Do(func() { close(listening) })
			}
		}
	}()
	go func() { b.cmd.Wait(); close(b.exited) }()
	select {
	case <-listening:
	case <-b.exited:
		logMu.Lock()
		defer logMu.Unlock()
		t.Fatalf("firefox-esr exited before BiDi listened:\n%s", strings.Join(lines, "\n"))
	case <-time.After(60 * time.Second):
		logMu.Lock()
		defer logMu.Unlock()
		t.Fatalf("firefox-esr: BiDi not listening after 60 s:\n%s", strings.Join(lines, "\n"))
	}
	ws, err := wsDial("127.0.0.1:"+port, "/session")
	if err != nil {
		t.Fatal(err)
	}
	b.ws = ws
	go b.readLoop()
	var sess struct {
		SessionID    string `json:"sessionId"`
		Capabilities struct {
			BrowserVersion string `json:"browserVersion"`
		} `json:"capabilities"`
	}
	if err := b.call("session.new", map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"acceptInsecureCerts": false, "unhandledPromptBehavior": map[string]any{"default": "dismiss"},
	}}}, &sess); err != nil {
		t.Fatal(err)
	}
	b.version = sess.Capabilities.BrowserVersion
	t.Logf("Firefox %s, BiDi session %s", b.version, sess.SessionID)
	// A tab of our own: the window's first tab, opened at start, is not
	// focused in a headless start (document.hasFocus() false, :focus matches
	// nothing, as in a window in the background) and the element keeps its
	// list closed; a tab that browsingContext.create opens in the foreground is.
	var c struct {
		Context string `json:"context"`
	}
	if err := b.call("browsingContext.create", map[string]any{"type": "tab"}, &c); err != nil {
		t.Fatal(err)
	}
	b.ctxID = c.Context
	return b
}

func (b *bidi) close() {
	if b.ws != nil {
		// browser.close ends the session and quits Firefox (session.end
		// would leave a browser started outside the driver running).
		if err := b.call("browser.close", map[string]any{}, nil); err != nil {
			b.call("session.end", map[string]any{}, nil)
		}
		b.ws.close()
	}
	if b.cmd != nil && b.cmd.Process != nil {
		select {
		case <-b.exited:
		case <-time.After(10 * time.Second):
			syscall.Kill(-b.cmd.Process.Pid, syscall.SIGKILL) // its content processes too
			<-b.exited
		}
	}
	os.RemoveAll(b.profile)
}

func (b *bidi) name() string { return "Firefox" }

func (b *bidi) open(url string) error {
	b.frame = ""
	return b.call("browsingContext.navigate", map[string]any{"context": b.ctxID, "url": url, "wait": "complete"}, nil)
}

type bidiEval struct {
	Type   string `json:"type"`
	Result struct {
		Type  string          `json:"type"`
		Value json.RawMessage `json:"value"`
	} `json:"result"`
	ExceptionDetails struct {
		Text string `json:"text"`
	} `json:"exceptionDetails"`
}

// target is the context scripts run in: the frame entered, or the tab.
func (b *bidi) target() string {
	if b.frame != "" {
		return b.frame
	}
	return b.ctxID
}

// enterFrame: eval and evalAsync run in the document of the tab's iframe
// that css selects (found with browsingContext.getTree by its URL, so any
// origin), until leaveFrame.
func (b *bidi) enterFrame(css string) error {
	b.frame = ""
	v, err := b.eval(`document.querySelector(` + jsQuote(css) + `)?.src || ''`)
	if err != nil {
		return err
	}
	var src string
	if err := json.Unmarshal(v, &src); err != nil || src == "" {
		return fmt.Errorf("no iframe %s with a src", css)
	}
	var tree struct {
		Contexts []struct {
			Children []struct {
				Context string `json:"context"`
				URL     string `json:"url"`
			} `json:"children"`
		} `json:"contexts"`
	}
	if err := b.call("browsingContext.getTree", map[string]any{"root": b.ctxID, "maxDepth": 1}, &tree); err != nil {
		return err
	}
	var urls []string
	for _, c := range tree.Contexts {
		for _, ch := range c.Children {
			if ch.URL == src {
				b.frame = ch.Context
				return nil
			}
			urls = append(urls, ch.URL)
		}
	}
	return fmt.Errorf("no child context at %s (children: %q)", src, urls)
}

func (b *bidi) leaveFrame() error {
	b.frame = ""
	return nil
}

// evaluate runs a script that gives a string (JSON), awaiting a promise.
func (b *bidi) evaluate(expr string) (json.RawMessage, error) {
	var r bidiEval
	if err := b.call("script.evaluate", map[string]any{"expression": expr, "target": map[string]any{"context": b.target()}, "awaitPromise": true, "resultOwnership": "none"}, &r); err != nil {
		return nil, err
	}
	if r.Type == "exception" {
		return nil, errors.New("exception: " + r.ExceptionDetails.Text)
	}
	var s string
	if r.Result.Type != "string" || json.Unmarshal(r.Result.Value, &s) != nil {
		return nil, fmt.Errorf("script gave a %s, not JSON text", r.Result.Type)
	}
	return json.RawMessage(s), nil
}

func (b *bidi) eval(expr string) (json.RawMessage, error) {
	return b.evaluate(`(() => JSON.stringify(` + expr + `) ?? 'null')()`)
}

func (b *bidi) evalAsync(expr string) (json.RawMessage, error) {
	return b.evaluate(`(async () => JSON.stringify(await (` + expr + `)) ?? 'null')()`)
}

// callFunction runs a function with arguments (script.callFunction).
func (b *bidi) callFunction(fn string, args ...any) error {
	var a []any
	for _, v := range args {
		switch v := v.(type) {
		case string:
			a = append(a, map[string]any{"type": "string", "value": v})
		case int:
			a = append(a, map[string]any{"type": "number", "value": v})
		}
	}
	var r bidiEval
	if err := b.call("script.callFunction", map[string]any{"functionDeclaration": fn, "arguments": a, "target": map[string]any{"context": b.target()}, "awaitPromise": true, "resultOwnership": "none"}, &r); err != nil {
		return err
	}
	if r.Type == "exception" {
		return errors.New("exception: " + r.ExceptionDetails.Text)
	}
	return nil
}

func (b *bidi) focus(i int) error {
	return b.callFunction(`(i) => { document.querySelectorAll('selvhjelp-finder')[i].shadowRoot.querySelector('input').focus(); }`, i)
}

func (b *bidi) keys(s string) error {
	if err := b.call("input.performActions", map[string]any{"context": b.ctxID, "actions": []any{keyActions(s)}}, nil); err != nil {
		return err
	}
	return b.call("input.releaseActions", map[string]any{"context": b.ctxID}, nil)
}

func (b *bidi) clickAt(x, y int) error {
	if err := b.call("input.performActions", map[string]any{"context": b.ctxID, "actions": []any{pointerClick(x, y)}}, nil); err != nil {
		return err
	}
	return b.call("input.releaseActions", map[string]any{"context": b.ctxID}, nil)
}

func (b *bidi) tapAt(x, y int) error {
	if err := b.call("input.performActions", map[string]any{"context": b.ctxID, "actions": []any{pointerTap(x, y)}}, nil); err != nil {
		return err
	}
	return b.call("input.releaseActions", map[string]any{"context": b.ctxID}, nil)
}

// keyActions is one key source typing s, a rune at a time (WebDriver's key
// values: a character, or a Private Use Area code such as keyEnter).
func keyActions(s string) map[string]any {
	var acts []any
	for _, r := range s {
		acts = append(acts, map[string]any{"type": "keyDown", "value": string(r)}, map[string]any{"type": "keyUp", "value": string(r)})
	}
	return map[string]any{"type": "key", "id": "keyboard", "actions": acts}
}

// pointerClick is one mouse source clicking at viewport coordinates.
func pointerClick(x, y int) map[string]any {
	return map[string]any{"type": "pointer", "id": "mouse", "parameters": map[string]any{"pointerType": "mouse"}, "actions": []any{
		map[string]any{"type": "pointerMove", "x": x, "y": y, "origin": "viewport", "duration": 0},
		map[string]any{"type": "pointerDown", "button": 0},
		map[string]any{"type": "pointerUp", "button": 0},
	}}
}

// pointerTap is one touch source (a finger) tapping at viewport coordinates.
func pointerTap(x, y int) map[string]any {
	return map[string]any{"type": "pointer", "id": "finger", "parameters": map[string]any{"pointerType": "touch"}, "actions": []any{
		map[string]any{"type": "pointerMove", "x": x, "y": y, "origin": "viewport", "duration": 0},
		map[string]any{"type": "pointerDown", "button": 0},
		map[string]any{"type": "pointerUp", "button": 0},
	}}
}

// The WebDriver key values used here.
const (
	keyEnter     = "\uE007"
	keyArrowDown = "\uE015"
)

// freePort is a port nothing listens on just now (closed again at once).
func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, p, _ := net.SplitHostPort(l.Addr().String())
	return p
}
