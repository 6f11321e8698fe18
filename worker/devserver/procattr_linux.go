package devserver

import "syscall"

// procAttr puts serve.sh in its own process group (Stop ends the group) and
// sends it TERM should this process die first (serve.sh then stops wrangler,
// which stops workerd).
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
}
