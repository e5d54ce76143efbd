#!/usr/bin/env python3
"""Scraper budget benchmark driver (run it through bench/scraper/run.sh).

Starts a private kafka-mock-broker and a paziresh24-standin, registers N synthetic doctors (one
target each) and produces one watch.requested per target, keyed by target id, to
smartwhale.data.watches (with kcat). Then, for each replica count, starts that many scraper
processes in a fresh consumer group, waits until the group's assignment is stable (every replica
holds partitions, all partitions held once, no rebalance for a while), warms up, and measures a
steady-state window:

- requests/s that reached the stand-in (its request log, getFreeDays only) divided by the
  configured fleet budget SCRAPER_GLOBAL_RATE;
- polls per target per minute;
- the gap between two polls of one target (median and maximum, since the assignment settled);
- the sum of the replicas' slothunter_scraper_budget_requests_per_second gauges and each
  replica's slothunter_scraper_budget_in_use_ratio;
- each replica's resident set size (VmRSS from /proc/<pid>/status).

It exits non-zero when a ratio falls outside 0.95-1.00 (one request of counting noise allowed
above 1.00) or a rebalance happened inside a window.

Only the Python standard library is used.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from datetime import datetime, timezone

WATCHES = "smartwhale.data.watches"
FREE_DAYS = "/booking/v2/getFreeDays"


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def http(method, url, body=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, response.read().decode()


class Child:
    """A child process whose output goes to a log file."""

    def __init__(self, name, argv, workdir, env=None):
        self.name = name
        self.log_path = os.path.join(workdir, f"{name}.log")
        self.log_file = open(self.log_path, "w", encoding="utf-8")
        merged = dict(os.environ)
        merged.update(env or {})
        self.process = subprocess.Popen(
            argv, stdout=self.log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=merged)

    def output(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as handle:
            return handle.read()

    def wait_line(self, prefix, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.output().splitlines():
                if line.startswith(prefix):
                    return line[len(prefix):].strip()
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited ({self.process.returncode}):\n{self.output()[-2000:]}")
            time.sleep(0.05)
        raise RuntimeError(f"{self.name} printed no line starting with {prefix!r}")

    def json_lines(self):
        for line in self.output().splitlines():
            if line.startswith("{"):
                try:
                    yield json.loads(line)
                except json.JSONDecodeError:
                    continue

    def rss_kib(self):
        try:
            with open(f"/proc/{self.process.pid}/status", encoding="utf-8") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            return None
        return None

    def terminate(self, grace=30):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_file.close()
        return self.process.returncode


def rfc3339(seconds):
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + \
        f"{int(seconds * 1000) % 1000:03d}Z"


def parse_ts(text):
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc).timestamp()


def make_targets(count):
    targets = []
    for index in range(count):
        center, service, user_center = f"{700000 + index}", f"bench-svc-{index:04d}", f"bench-uc-{index:04d}"
        targets.append({
            "slug": f"bench-dr-{index:04d}", "center": center, "service": service, "user_center": user_center,
            "id": f"{center}:{service}",
        })
    return targets


def register(standin, targets):
    doctors = [{
        "slug": t["slug"], "name": "Bench", "family": t["slug"],
        "centers": [{"id": t["center"], "name": "bench clinic", "user_center_id": t["user_center"],
                     "services": [{"id": t["service"], "name": "visit"}]}],
    } for t in targets]
    http("POST", f"{standin}/control/doctors", {"doctors": doctors})
    day = int(time.time()) // 86400 * 86400 + 3 * 86400
    slots = [{"center_id": t["center"], "service_id": t["service"], "user_center_id": t["user_center"],
              "slots": [day + 36000 + 600 * k for k in range(3)]} for t in targets]
    http("POST", f"{standin}/control/slots", {"targets": slots})


def produce_watches(bootstrap, targets):
    lines = []
    for t in targets:
        envelope = {
            "id": str(uuid.uuid4()), "schema": "watch.requested", "version": 1,
            "occurred_at": rfc3339(time.time()), "correlation_id": "bench",
            "producer": {"service": "bench", "instance": "driver"},
            "payload": {"target": {
                "id": t["id"],
                "doctor": {"slug": t["slug"], "display_name": t["slug"], "specialty": None},
                "center": {"id": t["center"], "name": "bench clinic", "user_center_id": t["user_center"],
                           "server_id": "1", "is_online": False},
                "service": {"id": t["service"], "name": "visit"},
            }},
        }
        lines.append(t["id"] + "\t" + json.dumps(envelope, ensure_ascii=False, separators=(",", ":")))
    subprocess.run(
        ["kcat", "-P", "-b", bootstrap, "-t", WATCHES, "-K", "\t", "-H", "schema=watch.requested",
         "-H", "version=1", "-H", "content-type=application/json"],
        input="\n".join(lines) + "\n", text=True, check=True, timeout=60)


def assignment_state(replicas):
    """(stable, last event time, assignment per replica) from the replicas' JSON logs."""
    owned, last_event = {}, 0.0
    for replica in replicas:
        current = set()
        for entry in replica.json_lines():
            if entry.get("msg") not in ("partitions assigned", "partitions revoked"):
                continue
            last_event = max(last_event, parse_ts(entry["ts"]))
            parts = {int(p) for p in entry.get("partitions", "").split(",") if p}
            current = parts if entry["msg"] == "partitions assigned" else set()
        owned[replica.name] = current
    union = set().union(*owned.values()) if owned else set()
    disjoint = sum(len(p) for p in owned.values()) == len(union)
    everyone = all(owned.values())
    return union == set(range(6)) and disjoint and everyone, last_event, owned


def metrics_port(replica):
    for entry in replica.json_lines():
        if entry.get("msg") == "health server listening":
            return int(entry["port"])
    return None


def metric(port, name):
    _, text = http("GET", f"http://127.0.0.1:{port}/metrics", timeout=5)
    match = re.search(rf"^{re.escape(name)} (\S+)$", text, re.M)
    return float(match.group(1)) if match else float("nan")


def budget_gauge(port):
    return metric(port, "slothunter_scraper_budget_requests_per_second")


def measure(args, bin_dir, bootstrap, standin, targets, replicas_count, workdir):
    group = f"bench-{replicas_count}-{int(time.time())}"
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": bootstrap, "KAFKA_CREATE_TOPICS": "false", "HTTP_PORT": "0",
        "PAZIRESH24_APIGW_URL": standin, "PAZIRESH24_PROFILE_URL": standin,
        "SCRAPER_GLOBAL_RATE": str(args.rate), "SCRAPER_MIN_INTERVAL_SECONDS": str(args.interval),
        "SCRAPER_GROUP_ID": group, "SCRAPER_SESSION_TIMEOUT_MS": "6000", "SCRAPER_HEARTBEAT_MS": "1000",
        "LOG_LEVEL": "notice",
    }
    replicas = []
    for index in range(replicas_count):
        name = f"scraper-{replicas_count}-{index + 1}"
        replicas.append(Child(name, [os.path.join(bin_dir, "scraper")], workdir, dict(env, INSTANCE_ID=name)))
    log(f"{replicas_count} replica(s) started (group {group}); waiting for a stable assignment")
    deadline = time.monotonic() + 120
    while True:
        if time.monotonic() > deadline:
            raise RuntimeError(f"no stable assignment: {assignment_state(replicas)[2]}")
        for replica in replicas:
            if replica.process.poll() is not None:
                raise RuntimeError(f"{replica.name} exited:\n{replica.output()[-2000:]}")
        stable, last_event, owned = assignment_state(replicas)
        if stable and time.time() - last_event >= args.settle:
            break
        time.sleep(0.5)
    stable_at = time.time()
    _, body = http("GET", f"{standin}/control/requests?path={FREE_DAYS}")
    seen = json.loads(body)["requests"]
    since = seen[-1]["seq"] if seen else 0
    log(f"assignment {owned}; warming up {args.warmup} s")
    time.sleep(args.warmup)
    start = time.time()
    log(f"measuring for {args.window} s")
    time.sleep(args.window)
    end = time.time()
    rss = [r.rss_kib() for r in replicas]
    gauges = []
    for replica in replicas:
        port = metrics_port(replica)
        gauges.append(budget_gauge(port) if port else float("nan"))
    in_use = []
    for replica in replicas:
        port = metrics_port(replica)
        in_use.append(metric(port, "slothunter_scraper_budget_in_use_ratio") if port else float("nan"))
    _, body = http("GET", f"{standin}/control/requests?path={FREE_DAYS}&since={since}")
    since_stable = [r for r in json.loads(body)["requests"] if stable_at * 1000 <= r["unix_ms"] < end * 1000]
    records = [r for r in since_stable if start * 1000 <= r["unix_ms"]]
    # Gaps between consecutive polls of one target, since the assignment settled: fairness of
    # the rotation (expected: targets / budget seconds when the budget is the bottleneck).
    last_poll, gaps = {}, []
    for record in since_stable:
        target = record.get("target")
        if target in last_poll:
            gaps.append((record["unix_ms"] - last_poll[target]) / 1000)
        last_poll[target] = record["unix_ms"]
    gaps.sort()
    stable_after, last_event, _ = assignment_state(replicas)
    rebalanced = last_event > start
    statuses = [r.terminate() for r in replicas]
    seconds = end - start
    minutes = seconds / 60
    rate = len(records) / seconds
    return {
        "replicas": replicas_count, "requests": len(records), "seconds": round(seconds, 1),
        "rate": rate, "ratio": rate / args.rate,
        "polls_per_target_min": len(records) / len(targets) / minutes,
        "gap_median": gaps[len(gaps) // 2] if gaps else float("nan"), "gap_max": gaps[-1] if gaps else float("nan"),
        "gaps": len(gaps), "budget_gauge_sum": sum(gauges), "in_use": [round(x, 3) for x in in_use], "rss_mib": [round(k / 1024, 1) if k else None for k in rss],
        "non_2xx": sum(1 for r in records if r["status"] >= 300), "rebalanced_in_window": rebalanced or not stable_after,
        "exit_statuses": statuses,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True, help="directory with scraper, kafka-mock-broker, paziresh24-standin")
    parser.add_argument("--targets", type=int, default=200)
    parser.add_argument("--rate", type=float, default=2.0, help="SCRAPER_GLOBAL_RATE (requests/s, whole fleet)")
    parser.add_argument("--interval", type=float, default=30.0, help="SCRAPER_MIN_INTERVAL_SECONDS")
    parser.add_argument("--replicas", default="1,2,3")
    parser.add_argument("--settle", type=float, default=5.0, help="seconds without rebalance before warm-up")
    parser.add_argument("--warmup", type=float, default=20.0)
    parser.add_argument("--window", type=float, default=120.0)
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs)")
    parser.add_argument("--json", action="store_true", help="also print the results as JSON")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="slothunter-bench-scraper-")
    broker = standin_process = None
    try:
        broker = Child("kafka-mock-broker", [os.path.join(args.bin, "kafka-mock-broker"), "--brokers", "1"], workdir)
        bootstrap = broker.wait_line("READY ")
        standin_process = Child("paziresh24-standin", [os.path.join(args.bin, "paziresh24-standin"), "--port", "0"],
                                workdir)
        standin = standin_process.wait_line("READY ")
        targets = make_targets(args.targets)
        register(standin, targets)
        produce_watches(bootstrap, targets)
        log(f"broker {bootstrap}, stand-in {standin}, {len(targets)} targets produced to {WATCHES}")
        results = [measure(args, args.bin, bootstrap, standin, targets, int(n), workdir)
                   for n in args.replicas.split(",")]
    finally:
        for child in (standin_process, broker):
            if child:
                child.terminate(grace=5)
        if args.keep:
            log(f"logs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    demand = args.targets / args.interval
    print(f"scraper budget benchmark: {args.targets} targets, SCRAPER_GLOBAL_RATE={args.rate:g} req/s, "
          f"SCRAPER_MIN_INTERVAL_SECONDS={args.interval:g} (demand {demand:.2f} req/s), "
          f"window {args.window:g} s after {args.warmup:g} s warm-up")
    print("| replicas | requests in window | requests/s | ÷ budget | polls/target/min | gap between polls of a "
          "target, median / max (s) | budget gauges summed | budget_in_use_ratio per replica | RSS per replica (MiB) "
          "| rebalance in window | exit codes |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['replicas']} | {r['requests']} in {r['seconds']} s | {r['rate']:.3f} | {r['ratio']:.3f} "
              f"| {r['polls_per_target_min']:.3f} | {r['gap_median']:.1f} / {r['gap_max']:.1f} ({r['gaps']} gaps) "
              f"| {r['budget_gauge_sum']:.3f} | {', '.join(str(x) for x in r['in_use'])} "
              f"| {', '.join(str(x) for x in r['rss_mib'])} "
              f"| {'yes' if r['rebalanced_in_window'] else 'no'} | {', '.join(str(s) for s in r['exit_statuses'])} |")
    if args.json:
        print(json.dumps(results, indent=2))
    # One request more or less in the window is counting noise at the edges: allow it above 1.00.
    goal = all(0.95 <= r["ratio"] <= 1.0 + 1 / (args.rate * args.window) + 1e-9 and not r["rebalanced_in_window"]
               for r in results)
    print("goal 0.95–1.00 met" if goal else "goal 0.95–1.00 NOT met")
    return 0 if goal else 1


if __name__ == "__main__":
    sys.exit(main())
