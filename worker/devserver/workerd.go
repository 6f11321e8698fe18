package devserver

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"
)

// workerdConfig runs the built worker alone (no static assets, no wrangler
// proxy, no inspector): the Go instance as the production isolate runs it.
const workerdConfig = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:%d", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "wasm_exec.js", esModule = embed "wasm_exec.js"),
    (name = "app.wasm", wasm = embed "app.wasm"),
  ],
  compatibilityDate = "2026-04-01",
);
`

// StartWorkerd runs worker/build's worker directly in workerd (from
// worker/node_modules) on a free loopback port, without wrangler: only the
// Go routes answer (static files 404). Its memory is the worker's own:
// wrangler dev's proxy and inspector keep a record of every request in the
// same process, so its RSS grows by tens of KB per request whatever the
// worker does. Pid is workerd's process id.
func StartWorkerd(ctx context.Context, repo, readyPath string, timeout time.Duration) (*Server, error) {
	bin := filepath.Join(repo, "worker", "node_modules", "@cloudflare", "workerd-linux-64", "bin", "workerd")
	if _, err := os.Stat(bin); err != nil {
		return nil, fmt.Errorf("workerd is not installed (make deps): %w", err)
	}
	dir, err := os.MkdirTemp("", "finder-workerd-")
	if err != nil {
		return nil, fmt.Errorf("temporary directory: %w", err)
	}
	for _, name := range []string{"worker.mjs", "wasm_exec.js", "app.wasm"} {
		b, err := os.ReadFile(filepath.Join(repo, "worker", "build", name))
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("the worker is not built (make worker): %w", err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("copy %s: %w", name, err)
		}
	}
	port, err := FreePort()
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	config := filepath.Join(dir, "config.capnp")
	if err := os.WriteFile(config, []byte(fmt.Sprintf(workerdConfig, port)), 0o644); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("write workerd config: %w", err)
	}
	s := &Server{URL: "http://127.0.0.1:" + strconv.Itoa(port), out: &lockedBuffer{}, done: make(chan struct{}), dir: dir}
	s.cmd = exec.Command(bin, "serve", "--experimental", config)
	s.cmd.Dir = dir
	s.cmd.Stdout = s.out
	s.cmd.Stderr = s.out
	s.cmd.SysProcAttr = procAttr()
	begin := time.Now()
	if err := s.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start workerd: %w", err)
	}
	s.Pid = s.cmd.Process.Pid
	go func() {
		_ = s.cmd.Wait()
		close(s.done)
	}()
	if err := s.waitReady(ctx, readyPath, timeout); err != nil {
		return nil, err
	}
	s.Startup = time.Since(begin)
	return s, nil
}

// waitReady polls readyPath until it answers 200; on failure it stops the server.
func (s *Server) waitReady(ctx context.Context, readyPath string, timeout time.Duration) error {
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(timeout)
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+readyPath, nil)
		if res, err := client.Do(req); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-s.done:
			s.Stop()
			return fmt.Errorf("the server exited before it answered:\n%s", s.Output())
		case <-ctx.Done():
			s.Stop()
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.Stop()
			return fmt.Errorf("the worker did not answer %s within %s:\n%s", readyPath, timeout, s.Output())
		}
	}
}
