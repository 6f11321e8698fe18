//go:build !linux

package devserver

import "syscall"

// procAttr puts serve.sh in its own process group, which Stop ends.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
