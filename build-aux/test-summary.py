#!/usr/bin/env python3
"""Print 'N passed, N failed' from meson's testlog.json.

GTest programs speak TAP: each "ok"/"not ok" line is one check and is
counted as such; any other test counts as one. A test that failed as a
whole (crash, timeout) counts as a failure even if its TAP lines were ok.
Skipped checks are reported and make the run fail: a skipped test left
skipped is a defect.
"""
import json, re, sys

path = sys.argv[1]
passed = failed = skipped = 0
failures = []
try:
    lines = open(path, encoding="utf-8").read().splitlines()
except OSError as e:
    print(f"cannot read {path}: {e}")
    print("0 passed, 1 failed")
    sys.exit(1)

for line in lines:
    if not line.strip():
        continue
    t = json.loads(line)
    result = t.get("result", "")
    out = t.get("stdout") or ""
    ok = len(re.findall(r"^ok \d+", out, re.M))
    notok = len(re.findall(r"^not ok \d+", out, re.M))
    skip = len(re.findall(r"^ok \d+ .*# SKIP", out, re.M))
    ok -= skip
    if result in ("OK", "EXPECTEDFAIL"):
        if ok + notok + skip:
            passed += ok; failed += notok; skipped += skip
        else:
            passed += 1
    elif result == "SKIP":
        skipped += 1
    else:
        failed += max(1, notok)
        passed += ok
        failures.append(f"{t.get('name')}: {result}")

for f in failures:
    print("FAILED", f)
summary = f"{passed} passed, {failed} failed"
if skipped:
    summary += f", {skipped} skipped"
print(summary)
sys.exit(1 if failed or skipped else 0)
