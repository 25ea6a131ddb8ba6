#!/usr/bin/env python3
"""Start-up on a terminal that answers no query: the time from starting the program in a
bare pseudo-terminal (which answers nothing, as a serial line or some emulators do) until
TEXT first shows in what it writes.

usage: silent-terminal.py ROUNDS TEXT COMMAND...   (prints each round and the median, ms)
"""
import os, pty, select, statistics, sys, time, signal, struct, fcntl, termios

def once(text, argv):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 45, 160, 0, 0))
    start, seen, data = time.monotonic(), None, b""
    while time.monotonic() - start < 10:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                data += os.read(fd, 65536)
            except OSError:
                break
            if text.encode() in data:
                seen = time.monotonic() - start
                break
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    return seen

rounds, text, argv = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
times = []
for _ in range(rounds):
    t = once(text, argv)
    print("never" if t is None else f"{t * 1000:.0f} ms", flush=True)
    if t is not None:
        times.append(t * 1000)
if times:
    print(f"median {statistics.median(times):.0f} ms over {len(times)} of {rounds}")
