#!/usr/bin/env python3
"""A signal that ends `kennis export -o FILE` mid-write leaves no temporary file behind.

    signal_test.py KENNIS

Generates a large N-Triples file (datasets/gen_ntriples.py), starts `kennis export --format
ttl -o out.ttl` on it, waits until the temporary file `out.ttl.tmp-*` appears (the write has
begun), sends SIGTERM, SIGINT or SIGHUP, and checks that the process died of that signal, and
that neither the temporary file nor out.ttl is left. Bounded: each run stops within a minute.
"""

import glob
import os
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = os.path.join(HERE, "..", "..", "datasets", "gen_ntriples.py")
TRIPLES = 400_000


def default_signals():
    # A shell that starts tests in the background ignores SIGINT in them; the command must
    # see each signal as a user's terminal would send it.
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)


def interrupt(kennis, data, folder, sig):
    """Returns a problem, or None."""
    out = os.path.join(folder, "out.ttl")
    proc = subprocess.Popen([kennis, "export", "--format", "ttl", "-o", out, data],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=default_signals)
    deadline = time.monotonic() + 60
    while not glob.glob(out + ".tmp-*"):
        if proc.poll() is not None:
            return f"exited ({proc.returncode}) before its temporary file appeared"
        if time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            return "no temporary file after 60 s"
        time.sleep(0.002)
    proc.send_signal(sig)
    try:
        code = proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return f"still running 60 s after {sig.name}"
    problems = []
    if code != -sig:
        problems.append(f"exit status {code}, expected death by {sig.name} ({-sig}); the write "
                        "may have finished first (make the input larger)")
    left = sorted(os.listdir(folder))
    left.remove(os.path.basename(data))
    if left:
        problems.append("left behind: " + ", ".join(left))
        for name in left:  # so that the next run starts clean
            os.remove(os.path.join(folder, name))
    return "; ".join(problems) or None


def main():
    kennis = os.path.abspath(sys.argv[1])
    failures = 0
    with tempfile.TemporaryDirectory(prefix="kennis-signal-") as folder:
        data = os.path.join(folder, "big.nt")
        subprocess.run([sys.executable, GENERATOR, "--triples", str(TRIPLES), "--seed", "1",
                        "-o", data], check=True)
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            problem = interrupt(kennis, data, folder, sig)
            print(f"{'FAIL' if problem else 'PASS'}  {sig.name} during export -o"
                  + (f": {problem}" if problem else ""))
            failures += problem is not None
    print(f"signal cases: 3 run, {3 - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
