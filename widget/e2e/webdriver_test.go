//go:build e2e

package e2e

// A small W3C WebDriver classic client for WebKitGTK's WebKitWebDriver
// (issue 23), which drives MiniBrowser on an Xvfb display the test starts.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

const webElementKey = "element-6066-11e4-a52e-4f735466cecf"

// miniBrowser is WebKitGTK's test browser (package libwebkit2gtk-4.1-0).
var miniBrowser = envOr("MINIBROWSER", "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")

type webDriver struct {
	t       *testing.T
	base    string // http://127.0.0.1:port
	sess    string
	client  *http.Client
	procs   []*exec.Cmd
	waits   []chan struct{}
	version string // WebKitGTK's (MiniBrowser's browserVersion)
}

// do sends one command; out receives the answer's "value".
func (w *webDriver) do(method, path string, body any, out any) error {
	var rd *bytes.Reader
	if body == nil && method == http.MethodPost {
		body = map[string]any{}
	}
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, err := http.NewRequest(method, w.base+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	res, err := w.client.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer res.Body.Close()
	var env struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.NewDecoder(res.Body).Decode(&env); err != nil {
		return fmt.Errorf("%s %s: %s: %w", method, path, res.Status, err)
	}
	if res.StatusCode != http.StatusOK {
		var e struct {
			Error   string `json:"error"`
			Message string `json:"message"`
		}
		json.Unmarshal(env.Value, &e)
		return fmt.Errorf("%s %s: %s: %s", method, path, e.Error, e.Message)
	}
	if out != nil {
		return json.Unmarshal(env.Value, out)
	}
	return nil
}

func (w *webDriver) s(path string) string { return "/session/" + w.sess + path }

// startProc starts a helper process that the test's cleanup stops.
func (w *webDriver) startProc(cmd *exec.Cmd) {
	w.t.Helper()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // its children (MiniBrowser, WebKit's processes) stop with it
	if err := cmd.Start(); err != nil {
		w.t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	w.procs = append(w.procs, cmd)
	w.waits = append(w.waits, done)
}

// startWebKit starts Xvfb on a free display, WebKitWebDriver on a free port
// and a MiniBrowser session; the test's cleanup stops all three.
func startWebKit(t *testing.T, driver string) *webDriver {
	t.Helper()
	w := &webDriver{t: t, client: &http.Client{Timeout: 90 * time.Second}}
	t.Cleanup(w.close)
	// Xvfb picks a free display itself and writes its number to fd 3.
	r, wr, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x900x24", "-nolisten", "tcp", "-nolisten", "unix")
	x.ExtraFiles = []*os.File{wr}
	w.startProc(x)
	wr.Close()
	disp := make(chan string, 1)
	go func() {
		l, _ := bufio.NewReader(r).ReadString('\n')
		disp <- strings.TrimSpace(l)
		r.Close()
	}()
	var display string
	select {
	case display = <-disp:
	case <-time.After(30 * time.Second):
	}
	if _, err := strconv.Atoi(display); err != nil {
		t.Fatalf("Xvfb gave no display number (%q)", display)
	}
	port := freePort(t)
	d := exec.Command(driver, "--port="+port, "--host=127.0.0.1")
	d.Env = append(os.Environ(), "DISPLAY=:"+display,
		// As root in a container, bubblewrap cannot make WebKit's sandbox.
		"WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1",
		// No accessibility bus and no session bus to wait for.
		"NO_AT_BRIDGE=1", "GTK_A11Y=none")
	d.Stdout, d.Stderr = os.Stderr, os.Stderr
	w.startProc(d)
	w.base = "http://127.0.0.1:" + port
	end := time.Now().Add(30 * time.Second)
	for {
		var st struct {
			Ready bool `json:"ready"`
		}
		if err := w.do(http.MethodGet, "/status", nil, &st); err == nil && st.Ready {
			break
		}
		if time.Now().After(end) {
			t.Fatal("WebKitWebDriver: not ready after 30 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	var sess struct {
		SessionID    string `json:"sessionId"`
		Capabilities struct {
			BrowserName    string `json:"browserName"`
			BrowserVersion string `json:"browserVersion"`
		} `json:"capabilities"`
	}
	if err := w.do(http.MethodPost, "/session", map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"browserName":              "MiniBrowser",
		"webkitgtk:browserOptions": map[string]any{"binary": miniBrowser, "args": []string{"--automation", "--geometry=1280x900"}},
	}}}, &sess); err != nil {
		t.Fatal(err)
	}
	w.sess = sess.SessionID
	w.version = sess.Capabilities.BrowserVersion
	t.Logf("%s %s, WebDriver session %s on display :%s", sess.Capabilities.BrowserName, sess.Capabilities.BrowserVersion, w.sess, display)
	return w
}

func (w *webDriver) close() {
	if w.sess != "" {
		w.do(http.MethodDelete, w.s(""), nil, nil)
		w.sess = ""
		// MiniBrowser closes and reaps WebKit's processes itself: wait for
		// that, as a process orphaned by a signal goes to init (which, in a
		// container, may never reap it).
		if len(w.procs) > 1 {
			end := time.Now().Add(5 * time.Second)
			for groupSize(w.procs[1].Process.Pid) > 1 && time.Now().Before(end) {
				time.Sleep(50 * time.Millisecond)
			}
		}
	}
	// The driver, then the X server: each by its own process group.
	for i := len(w.procs) - 1; i >= 0; i-- {
		p := w.procs[i]
		syscall.Kill(-p.Process.Pid, syscall.SIGTERM)
		select {
		case <-w.waits[i]:
		case <-time.After(5 * time.Second):
			syscall.Kill(-p.Process.Pid, syscall.SIGKILL)
			<-w.waits[i]
		}
	}
	w.procs, w.waits = nil, nil
}

// groupSize counts the processes of a process group (from /proc).
func groupSize(pgid int) int {
	n := 0
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		if _, err := strconv.Atoi(d.Name()); err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + d.Name() + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses.
		f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
		if len(f) > 2 && f[2] == strconv.Itoa(pgid) {
			n++
		}
	}
	return n
}

func (w *webDriver) name() string { return "WebKit" }

func (w *webDriver) open(url string) error {
	if err := w.do(http.MethodPost, w.s("/url"), map[string]any{"url": url}, nil); err != nil {
		return err
	}
	if url == "about:blank" {
		return nil
	}
	// Every journey's page has the element, or the iframe of the embed
	// page, in its markup.
	_, err := w.find("selvhjelp-finder, iframe")
	return err
}

func (w *webDriver) execute(kind, script string) (json.RawMessage, error) {
	var s string
	if err := w.do(http.MethodPost, w.s("/execute/"+kind), map[string]any{"script": script, "args": []any{}}, &s); err != nil {
		return nil, err
	}
	return json.RawMessage(s), nil
}

func (w *webDriver) eval(expr string) (json.RawMessage, error) {
	return w.execute("sync", `return JSON.stringify(`+expr+`) ?? 'null';`)
}

func (w *webDriver) evalAsync(expr string) (json.RawMessage, error) {
	return w.execute("async", `const done = arguments[arguments.length - 1];
Promise.resolve(`+expr+`).then((v) => done(JSON.stringify(v) ?? 'null'), (e) => done(JSON.stringify({thrown: String(e)})));`)
}

// find is Find Element (a CSS selector in the document).
func (w *webDriver) find(css string) (string, error) {
	var el map[string]string
	if err := w.do(http.MethodPost, w.s("/element"), map[string]any{"using": "css selector", "value": css}, &el); err != nil {
		return "", err
	}
	return el[webElementKey], nil
}

func (w *webDriver) focus(i int) error {
	_, err := w.execute("sync", `document.querySelectorAll('selvhjelp-finder')[`+strconv.Itoa(i)+`].shadowRoot.querySelector('input').focus(); return 'null';`)
	return err
}

// enterFrame is Switch To Frame (the iframe css selects in the top
// document): commands run in its document until leaveFrame.
func (w *webDriver) enterFrame(css string) error {
	if err := w.do(http.MethodPost, w.s("/frame"), map[string]any{"id": nil}, nil); err != nil {
		return err
	}
	el, err := w.find(css)
	if err != nil {
		return err
	}
	return w.do(http.MethodPost, w.s("/frame"), map[string]any{"id": map[string]string{webElementKey: el}}, nil)
}

// leaveFrame switches back to the top-level document.
func (w *webDriver) leaveFrame() error {
	return w.do(http.MethodPost, w.s("/frame"), map[string]any{"id": nil}, nil)
}

func (w *webDriver) actions(a ...any) error {
	if err := w.do(http.MethodPost, w.s("/actions"), map[string]any{"actions": a}, nil); err != nil {
		return err
	}
	return w.do(http.MethodDelete, w.s("/actions"), nil, nil)
}

func (w *webDriver) keys(s string) error { return w.actions(keyActions(s)) }

func (w *webDriver) clickAt(x, y int) error { return w.actions(pointerClick(x, y)) }

func (w *webDriver) tapAt(x, y int) error { return w.actions(pointerTap(x, y)) }
