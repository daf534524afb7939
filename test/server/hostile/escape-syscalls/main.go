package main

import (
	"fmt"
	"syscall"
)

func main() {
	_, _, e := syscall.RawSyscall(syscall.SYS_PTRACE, syscall.PTRACE_ATTACH, 1, 0)
	fmt.Println("ptrace:", e)
	fmt.Println("unshare user:", syscall.Unshare(syscall.CLONE_NEWUSER))
	fmt.Println("unshare mount:", syscall.Unshare(syscall.CLONE_NEWNS))
	fmt.Println("mount:", syscall.Mount("none", "/tmp", "tmpfs", 0, ""))
	fmt.Println("chroot:", syscall.Chroot("/tmp"))
	fmt.Println("setuid 0:", syscall.Setuid(0))
	_, _, e = syscall.RawSyscall(321 /* bpf on amd64, arm64's is 280 */, 0, 0, 0)
	fmt.Println("bpf:", e != 0)
	fmt.Println("reboot:", syscall.Reboot(syscall.LINUX_REBOOT_CMD_RESTART))
}
