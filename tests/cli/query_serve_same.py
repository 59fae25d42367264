#!/usr/bin/env python3
"""`kennis query` and `kennis serve` give the same bytes: every canned query under queries/,
on the golden ecosystem with the domain rules, in every format both offer (SELECT and ASK:
SPARQL JSON, XML, CSV, TSV, HTML; CONSTRUCT: Turtle, N-Triples, N-Quads, TriG, DOT), with the
parameters of tests/golden/params.tsv (sent to the endpoint as $NAME request parameters).

    query_serve_same.py KENNIS_BINARY
"""
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = [os.path.join(ROOT, "ontology", f) for f in ("kennis.ttl", "kets.ttl", "regions.ttl")] + [
    os.path.join(ROOT, "tests", "golden", "data.ttl")]
RULES = os.path.join(ROOT, "ontology", "rules", "kennis.rules")
TABLE_FORMATS = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                 "csv": "text/csv", "tsv": "text/tab-separated-values", "html": "text/html"}
GRAPH_FORMATS = {"ttl": "text/turtle", "nt": "application/n-triples", "nq": "application/n-quads",
                 "trig": "application/trig", "dot": "text/vnd.graphviz"}


def params():
    out = {}
    with open(os.path.join(ROOT, "tests", "golden", "params.tsv")) as f:
        next(f)
        for line in f:
            query, name, value = line.rstrip("\n").split("\t")
            out.setdefault(query, []).append((name, value))
    return out


def ask_endpoint(url, text, accept, bindings):
    fields = [("$" + name, value) for name, value in bindings]
    full = url + ("?" + urllib.parse.urlencode(fields) if fields else "")
    req = urllib.request.Request(full, data=text.encode(), method="POST")
    req.add_header("Content-Type", "application/sparql-query")
    req.add_header("Accept", accept)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def main():
    kennis = sys.argv[1]
    queries = sorted(f for f in os.listdir(os.path.join(ROOT, "queries")) if f.endswith(".rq"))
    bound = params()
    proc = subprocess.Popen([kennis, "serve", "--port", "0", "--rules", RULES] + DATA,
                            stderr=subprocess.PIPE, text=True)
    failures, compared = [], 0
    try:
        line = proc.stderr.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/sparql", line)
        if not m:
            print("no address in: " + line)
            return 1
        url = f"http://127.0.0.1:{m.group(1)}/sparql"
        for q in queries:
            name = q[:-3]
            path = os.path.join(ROOT, "queries", q)
            with open(path) as f:
                text = f.read()
            graph = re.search(r"^\s*(CONSTRUCT|DESCRIBE)\b", text, re.M | re.I) is not None
            bindings = bound.get(name, [])
            for fmt, media in (GRAPH_FORMATS if graph else TABLE_FORMATS).items():
                args = [kennis, "query", "-f", fmt, "--rules", RULES, path] + DATA
                for pname, value in bindings:
                    args += ["--param", f"{pname}={value}"]
                cli = subprocess.run(args, capture_output=True)
                status, body = ask_endpoint(url, text, media, bindings)
                compared += 1
                if cli.returncode != 0:
                    failures.append(f"{name} {fmt}: kennis query exit {cli.returncode}: "
                                    f"{cli.stderr.decode()[:300]}")
                elif status != 200:
                    failures.append(f"{name} {fmt}: endpoint answered {status}: {body[:300]!r}")
                elif cli.stdout != body:
                    failures.append(f"{name} {fmt}: outputs differ ({len(cli.stdout)} bytes from "
                                    f"query, {len(body)} from serve)")
                elif len(body) == 0:
                    failures.append(f"{name} {fmt}: empty output")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    for f in failures:
        print("FAIL " + f)
    print(f"{compared - len(failures)} passed, {len(failures)} failed")
    return 1 if failures or compared < 18 * 5 else 0


if __name__ == "__main__":
    sys.exit(main())
