// Package devserver starts the built worker in local workerd through
// worker/serve.sh on a free loopback port, for the end-to-end tests and
// scripts/bench-worker, and stops it (with wrangler's workerd children).
package devserver

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Server is one running worker.
type Server struct {
	URL     string        // http://127.0.0.1:PORT
	Console string        // the console's http://127.0.0.1:PORT ("" without Options.Console)
	Startup time.Duration // from launch until the first answer
	Pid     int           // the launched process (serve.sh, or workerd for StartWorkerd)

	cmd  *exec.Cmd
	out  *lockedBuffer
	done chan struct{}
	once sync.Once
	dir  string // removed by Stop
}

// FreePort returns a loopback port that was free a moment ago.
func FreePort() (int, error) {
	ports, err := FreePorts(1)
	if err != nil {
		return 0, err
	}
	return ports[0], nil
}

// Ports for the servers are chosen below Linux's ephemeral range
// (32768–60999 by default). wrangler and workerd open ports of their own
// with port 0, from that range; a port chosen there and free a moment ago
// could be taken by one of them before our server bound it, and then a
// test talked to the wrong server (every console request got 404 once).
const (
	firstServerPort = 20000
	serverPorts     = 12000
)

// FreePorts returns n distinct loopback ports below the ephemeral range
// that were free a moment ago: every listener stays open until all are
// chosen.
func FreePorts(n int) ([]int, error) {
	ports := make([]int, 0, n)
	for tries := 0; len(ports) < n; tries++ {
		if tries == 200 {
			return nil, errors.New("find a free port: 200 ports tried below the ephemeral range, none free")
		}
		p := firstServerPort + rand.IntN(serverPorts)
		l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(p))
		if err != nil {
			continue
		}
		defer l.Close()
		ports = append(ports, p)
	}
	return ports, nil
}

// RepoRoot finds the module root (the directory with go.mod) from the working directory up.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("devserver: no go.mod above the working directory")
		}
		dir = parent
	}
}

// Options configure Start.
type Options struct {
	Repo      string        // the repository root (RepoRoot)
	ReadyPath string        // a path that answers 200 once the worker is up
	Timeout   time.Duration // how long to wait for it
	// PublicDir, when set, replaces worker/public: a snapshot, so that a
	// concurrent make assets does not make wrangler reload mid-test.
	PublicDir string
	// Console also serves the maintainers' console (make console) on a
	// second free port, with Env (e.g. CONSOLE_MODE=production and the
	// ACCESS_* variables) added to serve.sh's environment.
	Console bool
	Env     []string
}

// RuntimeFailed is what wrangler prints when workerd itself does not
// start (seen on a busy 2-core runner when two wrangler dev processes start
// at once); serve.sh then ends.
const RuntimeFailed = "The Workers runtime failed to start"

// Start runs worker/serve.sh on a free port and waits until the worker
// answers o.ReadyPath. When the runtime did not start, it starts once more
// (fresh ports) and, failing again, returns both outputs.
func Start(ctx context.Context, o Options) (*Server, error) {
	s, err := start(ctx, o)
	if err == nil || !strings.Contains(err.Error(), RuntimeFailed) {
		return s, err
	}
	s, again := start(ctx, o)
	if again != nil {
		return nil, fmt.Errorf("%w\n(and before, on the first try:)\n%v", again, err)
	}
	return s, nil
}

func start(ctx context.Context, o Options) (*Server, error) {
	repo, readyPath, timeout := o.Repo, o.ReadyPath, o.Timeout
	ports, err := FreePorts(3) // the worker, its inspector, the console
	if err != nil {
		return nil, err
	}
	port, inspector, cport := ports[0], ports[1], ports[2]
	s := &Server{URL: "http://127.0.0.1:" + strconv.Itoa(port), out: &lockedBuffer{}, done: make(chan struct{})}
	s.cmd = exec.Command(filepath.Join(repo, "worker", "serve.sh"))
	s.cmd.Env = append(os.Environ(), "PORT="+strconv.Itoa(port), "INSPECTOR_PORT="+strconv.Itoa(inspector))
	if o.PublicDir != "" {
		s.cmd.Env = append(s.cmd.Env, "PUBLIC_DIR="+o.PublicDir)
	}
	if !o.Console {
		s.cmd.Env = append(s.cmd.Env, "CONSOLE=0")
	} else {
		s.Console = "http://127.0.0.1:" + strconv.Itoa(cport)
		s.cmd.Env = append(s.cmd.Env, "CONSOLE_PORT="+strconv.Itoa(cport))
		s.cmd.Env = append(s.cmd.Env, o.Env...)
	}
	s.cmd.Stdout = s.out
	s.cmd.Stderr = s.out
	// Its own process group, so that Stop ends wrangler and its workerd too.
	s.cmd.SysProcAttr = procAttr()
	begin := time.Now()
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start serve.sh: %w", err)
	}
	s.Pid = s.cmd.Process.Pid
	go func() {
		_ = s.cmd.Wait()
		close(s.done)
	}()
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(timeout)
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+readyPath, nil)
		if res, err := client.Do(req); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				s.Startup = time.Since(begin)
				return s, nil
			}
		}
		select {
		case <-s.done:
			return nil, fmt.Errorf("serve.sh exited before it answered:\n%s", s.Output())
		case <-ctx.Done():
			s.Stop()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.Stop()
			return nil, fmt.Errorf("worker did not answer %s within %s:\n%s", readyPath, timeout, s.Output())
		}
	}
}

// Output is what serve.sh printed so far.
func (s *Server) Output() string { return s.out.String() }

// LoginCode is the console's development login code, as serve.sh printed it.
//
// The console prints its code once it has started, which may be after the
// public worker answered: LoginCode waits for the line up to loginCodeWait
// (or until the server ends) and returns "" when it never came.
func (s *Server) LoginCode() string {
	deadline := time.Now().Add(loginCodeWait)
	for {
		if c := s.printedLoginCode(); c != "" || !time.Now().Before(deadline) {
			return c
		}
		select {
		case <-s.done:
			return s.printedLoginCode()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// loginCodeWait bounds how long LoginCode waits for the console's line.
const loginCodeWait = 30 * time.Second

func (s *Server) printedLoginCode() string {
	const prefix = "Console login code: "
	for _, line := range strings.Split(s.Output(), "\n") {
		if strings.HasPrefix(line, prefix) {
			return strings.TrimSpace(strings.TrimPrefix(line, prefix))
		}
	}
	return ""
}

// Stop ends the server's process group: SIGTERM, then SIGKILL after 5 s.
func (s *Server) Stop() {
	s.once.Do(func() {
		pgid := s.cmd.Process.Pid
		_ = syscall.Kill(-pgid, syscall.SIGTERM)
		select {
		case <-s.done:
		case <-time.After(5 * time.Second):
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
			<-s.done
		}
		// workerd may outlive wrangler for a moment; it is in the same group.
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		if s.dir != "" {
			_ = os.RemoveAll(s.dir)
		}
	})
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// CopyDir copies the regular files of src into dst (created), keeping the tree.
func CopyDir(src, dst string) error {
	return filepath.WalkDir(src, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if e.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !e.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("copy %s: %w", p, err)
		}
		return os.WriteFile(target, b, 0o644)
	})
}
