#!/usr/bin/env python3
"""kennis serve, end to end: start the endpoint on a free port over a small dataset with a
rule, ask it queries the way other tools do (SPARQL 1.1 Protocol over HTTP), check answers,
media types and error statuses, then stop it with SIGTERM.

    serve_test.py KENNIS_BINARY
"""
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request

failures = []


def check(name, condition, detail=""):
    if not condition:
        failures.append(f"{name}: {detail}")


def request(url, query=None, accept=None, method="GET", body=None, content_type=None, params=()):
    fields = list(params)
    if query is not None and method == "GET":
        fields.append(("query", query))
    full = url + ("?" + urllib.parse.urlencode(fields) if fields else "")
    data = body.encode() if body is not None else None
    req = urllib.request.Request(full, data=data, method=method)
    if accept:
        req.add_header("Accept", accept)
    if content_type:
        req.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode()


def main():
    kennis = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data.trig")
        with open(data, "w") as f:
            f.write("@prefix : <http://e/> .\n"
                    ":a :knows :b . :b :knows :c .\n"
                    ":g { :x :in :g }\n")
        rules = os.path.join(tmp, "r.rules")
        with open(rules, "w") as f:
            f.write("@prefix : <http://e/> .\n"
                    "@name(trans) [?x, :knows, ?z] :- [?x, :knows, ?y], [?y, :knows, ?z] .\n")
        proc = subprocess.Popen([kennis, "serve", "--port", "0", "--rules", rules, data],
                                stderr=subprocess.PIPE, text=True)
        try:
            line = proc.stderr.readline()
            m = re.search(r"http://127\.0\.0\.1:(\d+)/sparql", line)
            if not m:
                print("no address in: " + line)
                return 1
            url = f"http://127.0.0.1:{m.group(1)}/sparql"

            # SELECT over the asserted + inferred default graph; JSON by default.
            status, ctype, body = request(url, "SELECT ?o WHERE { <http://e/a> <http://e/knows> ?o } ORDER BY ?o")
            check("select status", status == 200, f"{status} {body}")
            check("select type", ctype.startswith("application/sparql-results+json"), ctype)
            rows = [b["o"]["value"] for b in json.loads(body)["results"]["bindings"]]
            check("select inferred", rows == ["http://e/b", "http://e/c"], str(rows))

            # POST forms, CSV and XML by Accept.
            q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
            status, ctype, body = request(url, method="POST", body=urllib.parse.urlencode({"query": q}),
                                          content_type="application/x-www-form-urlencoded",
                                          accept="text/csv")
            check("csv", status == 200 and ctype.startswith("text/csv") and body.split() == ["n", "3"],
                  f"{status} {ctype} {body!r}")
            status, ctype, body = request(url, method="POST", body=q, content_type="application/sparql-query",
                                          accept="application/sparql-results+xml")
            check("xml", status == 200 and "<sparql" in body and ">3<" in body, f"{status} {body!r}")

            # What a browser gets: a page with the table.
            status, ctype, body = request(url, q, accept="text/html,application/xhtml+xml,*/*;q=0.8")
            check("html", status == 200 and ctype.startswith("text/html")
                  and "<td class=\"num\">3</td>" in body, f"{status} {ctype} {body[:200]!r}")

            # ASK, CONSTRUCT in N-Triples.
            status, _, body = request(url, "ASK { <http://e/a> <http://e/knows> <http://e/c> }")
            check("ask", status == 200 and json.loads(body)["boolean"] is True, body)
            status, ctype, body = request(url, "CONSTRUCT { ?s <http://e/k> ?o } WHERE { ?s <http://e/knows> ?o }",
                                          accept="application/n-triples")
            check("construct", status == 200 and ctype.startswith("application/n-triples")
                  and len(body.strip().splitlines()) == 3, f"{status} {ctype} {body!r}")
            status, ctype, body = request(url, "CONSTRUCT { ?s <http://e/k> ?o } WHERE { ?s <http://e/knows> ?o }",
                                          accept="text/vnd.graphviz")
            check("dot", status == 200 and body.startswith("digraph") and body.count("->") == 3,
                  f"{status} {body!r}")

            # The protocol's dataset parameters: the named graph as the default graph.
            status, _, body = request(url, "SELECT ?s WHERE { ?s ?p ?o }",
                                      params=[("default-graph-uri", "http://e/g")])
            rows = [b["s"]["value"] for b in json.loads(body)["results"]["bindings"]]
            check("default-graph-uri", status == 200 and rows == ["http://e/x"], f"{status} {rows}")

            # Errors: malformed query, unacceptable type, wrong content type, wrong method.
            status, _, body = request(url, "SELECT ?s WHERE { ?s ?p }")
            check("400", status == 400 and "query:1:" in body, f"{status} {body!r}")
            status, _, _ = request(url, "ASK {}", accept="image/png")
            check("406", status == 406, str(status))
            status, _, _ = request(url, method="POST", body="x", content_type="text/plain")
            check("415", status == 415, str(status))
            status, _, _ = request(url, method="PUT", body="x", content_type="application/sparql-query")
            check("405", status == 405, str(status))
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                rest = proc.communicate(timeout=30)[1]
            except subprocess.TimeoutExpired:
                proc.kill()
                failures.append("did not stop on SIGTERM")
                rest = ""
        check("exit", proc.returncode == 0, f"exit {proc.returncode}")
        check("stopped", "stopped" in rest, rest)
    for f in failures:
        print("FAIL " + f)
    print(f"serve: {'ok' if not failures else str(len(failures)) + ' failures'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
