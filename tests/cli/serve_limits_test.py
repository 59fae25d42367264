#!/usr/bin/env python3
"""kennis serve's query limits, end to end on loopback: a runaway query (a three-way cartesian
product over the ontology) stops at --timeout and answers 503 with the reason; an answer with
more than --max-rows rows answers 503, never a truncated 200; the endpoint goes on answering
after both; malformed limit options are usage errors (exit 2). Bounded: about 10 s.

    serve_limits_test.py KENNIS_BINARY
"""
import glob
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

failures = []
here = os.path.dirname(os.path.abspath(__file__))
ontology = sorted(glob.glob(os.path.join(here, "..", "..", "ontology", "*.ttl")))


def check(name, condition, detail=""):
    if not condition:
        failures.append(f"{name}: {detail}")


def ask(url, query):
    full = url + "?" + urllib.parse.urlencode({"query": query})
    try:
        with urllib.request.urlopen(full, timeout=60) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def main():
    kennis = sys.argv[1]
    # Usage errors first: they exit at once.
    for bad in (["--max-memory", "2X"], ["--timeout", "-1"], ["--max-rows", "many"]):
        r = subprocess.run([kennis, "serve", "--port", "0", *bad, *ontology],
                           capture_output=True, text=True, timeout=60)
        check("usage " + " ".join(bad), r.returncode == 2, f"exit {r.returncode}: {r.stderr}")

    proc = subprocess.Popen([kennis, "serve", "--port", "0", "--timeout", "1", "--max-rows", "5",
                             "--max-memory", "64G", *ontology],
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/sparql", line)
        if not m:
            print("no address in: " + line)
            return 1
        url = f"http://127.0.0.1:{m.group(1)}/sparql"

        t0 = time.monotonic()
        status, body = ask(url, "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
        took = time.monotonic() - t0
        check("timeout status", status == 503, f"{status} {body!r}")
        check("timeout reason", body == "limit: query stopped after 1 s (--timeout)\n", repr(body))
        check("timeout time", took < 10, f"{took:.1f} s")

        status, body = ask(url, "SELECT * { ?s ?p ?o }")
        check("rows status", status == 503, f"{status} {body[:200]!r}")
        check("rows reason",
              body == "limit: query stopped: its answer has more than 5 rows (--max-rows)\n",
              repr(body[:200]))

        status, body = ask(url, "SELECT * { ?s ?p ?o } LIMIT 5")
        rows = len(json.loads(body)["results"]["bindings"]) if status == 200 else -1
        check("within limits", rows == 5, f"{status} {body[:200]!r}")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            failures.append("did not stop on SIGTERM")
    check("exit", proc.returncode == 0, f"exit {proc.returncode}")
    for f in failures:
        print("FAIL " + f)
    print(f"serve limits: {'ok' if not failures else str(len(failures)) + ' failures'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
