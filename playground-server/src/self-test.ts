/**
 * The start-up self-test: a Go program, run through the real runner and sandbox, that checks from
 * the inside what the sandbox promises (no network, read-only system, private writable /tmp, an
 * unprivileged user, no capabilities, a seccomp filter, an empty environment). The server refuses
 * to start when one fails, with what failed and what to do, rather than serve jobs unisolated.
 */
import type { RunResult } from './contract/index.ts';
import { fixedLimits } from './runner/limits.ts';

export interface SelfTestRunner {
	readonly sandbox: 'bwrap' | 'unsafe-local';
	run(request: { mode: 'run'; files: Record<string, string> }, signal: undefined, o: { limits: { buildTimeoutMs: number } }): Promise<RunResult>;
}

/** The program; each check prints "ok <name>" or "FAIL <name>: <detail>". */
export function selfTestProgram(serverPort: number, expectSeccomp: boolean): string {
	return `package main

import (
	"os"
	"strings"
	"syscall"
)

func report(name string, ok bool, detail string) {
	if ok {
		os.Stdout.WriteString("ok " + name + "\\n")
	} else {
		os.Stdout.WriteString("FAIL " + name + ": " + detail + "\\n")
	}
}

// dial tries a TCP connection with raw syscalls (lighter to build than package net).
func dial(ip [4]byte, port int) error {
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		return err
	}
	defer syscall.Close(fd)
	return syscall.Connect(fd, &syscall.SockaddrInet4{Port: port, Addr: ip})
}

func status(field string) string {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\\n") {
		if strings.HasPrefix(l, field+":") {
			return strings.TrimSpace(strings.TrimPrefix(l, field+":"))
		}
	}
	return ""
}

func main() {
	err := dial([4]byte{1, 1, 1, 1}, 53)
	report("no outside network", err == syscall.ENETUNREACH, "connecting to 1.1.1.1:53 gave "+errString(err))
	if ${serverPort} > 0 {
		err = dial([4]byte{127, 0, 0, 1}, ${serverPort})
		report("no loopback to the server", err == syscall.ECONNREFUSED, "connecting to 127.0.0.1:${serverPort} gave "+errString(err))
	}
	report("read-only root", os.WriteFile("/selftest", nil, 0o644) != nil, "could write /selftest")
	report("read-only /dev", os.WriteFile("/dev/shm/selftest", nil, 0o644) != nil, "could write /dev/shm/selftest")
	report("writable private /tmp", os.WriteFile("/tmp/selftest", []byte("x"), 0o644) == nil, "cannot write /tmp")
	_, err = os.Stat("/etc/shadow")
	report("no host /etc", err != nil, "/etc/shadow is visible")
	report("unprivileged", os.Geteuid() != 0, "runs as root inside the sandbox")
	// Host root is not mapped into the sandbox's user namespace: files the host's root owns
	// (the time zone database is bound in read-only) show up as the overflow uid.
	var st syscall.Stat_t
	if syscall.Stat("/usr/share/zoneinfo", &st) == nil {
		report("host root not mapped", st.Uid == 65534, "host root's files appear as uid "+itoa(int(st.Uid)))
	}
	report("no capabilities", status("CapEff") == "0000000000000000", "CapEff "+status("CapEff"))
	report("no new privileges", status("NoNewPrivs") == "1", "NoNewPrivs "+status("NoNewPrivs"))
	if ${expectSeccomp} {
		report("seccomp filter", status("Seccomp") == "2", "Seccomp "+status("Seccomp"))
		_, _, e := syscall.RawSyscall(syscall.SYS_PTRACE, 16, 1, 0)
		report("ptrace denied", e == syscall.EPERM, "ptrace gave "+e.Error())
	}
	env := os.Environ()
	report("empty environment", len(env) <= 4, strings.Join(env, " "))
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

func errString(err error) string {
	if err == nil {
		return "a connection"
	}
	return err.Error()
}
`;
}

export interface SelfTestReport {
	ok: boolean;
	passed: string[];
	failed: string[];
	/** What to do, when it failed. */
	message: string;
}

export async function selfTest(runner: SelfTestRunner, serverPort: number, expectSeccomp: boolean): Promise<SelfTestReport> {
	// On the first start of a release its build cache is cold: building the program's part of the
	// standard library may take longer than a user's job may, so this one job gets the warm-up's time.
	const result = await runner.run({ mode: 'run', files: { 'main.go': selfTestProgram(serverPort, expectSeccomp) } }, undefined, {
		limits: { buildTimeoutMs: fixedLimits.warmTimeoutMs },
	});
	const lines = result.stdout.split('\n').filter(Boolean);
	const passed = lines.filter((l) => l.startsWith('ok ')).map((l) => l.slice(3));
	const failed = lines.filter((l) => l.startsWith('FAIL ')).map((l) => l.slice(5));
	if (!result.ok || passed.length === 0) {
		return {
			ok: false,
			passed,
			failed,
			message: `The sandbox self-test could not run a Go program: ${result.error?.message ?? 'no output'}\n${result.stderr.slice(0, 2000)}\nCheck that bubblewrap works here (try: bwrap --unshare-all --ro-bind /usr /usr -- /usr/bin/true), that unprivileged user namespaces are enabled (sysctl kernel.unprivileged_userns_clone=1, or on Ubuntu an AppArmor profile for bwrap), and that Go can build (go version).`,
		};
	}
	if (runner.sandbox === 'unsafe-local') {
		// Nothing is isolated by design: report, but do not refuse (the operator chose this).
		return { ok: true, passed, failed, message: `unsafe local mode: ${failed.length} isolation checks fail, as expected without a sandbox` };
	}
	return {
		ok: failed.length === 0,
		passed,
		failed,
		message:
			failed.length === 0
				? `sandbox self-test passed (${passed.length} checks)`
				: `The sandbox is not isolating programs as it must: ${failed.join('; ')}. Refusing to start. Fix the machine's bubblewrap/namespace set-up (see playground-server/README.md, "Isolation"), or for local development only set PLAYBOOK_UNSAFE_LOCAL=1.`,
	};
}
