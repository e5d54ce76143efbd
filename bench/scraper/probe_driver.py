#!/usr/bin/env python3
"""Scraper probing benchmark driver (run it through bench/scraper/probe.sh).

For each mode (probing on, then off as the baseline) it starts a private kafka-mock-broker and
paziresh24-standin, registers N synthetic doctors in G search groups (POST
/control/doctors/synthetic: city `tehran`, specialty `<prefix>-group-<g>`, one office target
each), gives every target one free slot five days ahead, produces one watch.requested per target
(with the doctor's city_slug/specialty_slug, so the scraper can probe it), and starts one scraper
with SCRAPER_GLOBAL_RATE=<budget> and SCRAPER_PROBING=true/false.

After a warm-up it makes new earliest slots appear, one at a time, at random distinct doctors
(a slot one to three days ahead, earlier than the doctor's current earliest) at random intervals.
The instant just before the slot is posted to the stand-in is when it became visible. At the end
it reads smartwhale.data.slots with kcat, takes each matching `slot.found` (same target, same
slot start) with its Kafka timestamp (set by the scraper's producer when it published), and
reports the detection latency: published − visible. An event not announced before the end of the
run is *undetected*; the median and p95 are then taken over all events with the undetected ones
counted as later than any detected one (so the median is exact as long as fewer than half are
undetected, and the p95 is reported as "> bound" when more than 5 % are).

Load: requests that reached the stand-in (search and getFreeDays, from its per-endpoint counts)
per second over the events window, divided by the budget.

Only the Python standard library is used (plus kcat on PATH).
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from driver import WATCHES, Child, assignment_state, http, log, rfc3339  # noqa: E402

SLOTS = "smartwhale.data.slots"


def parse_instant(text):
    for pattern in ("%Y-%m-%dT%H:%M:%S.%fZ", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            return datetime.strptime(text, pattern).replace(tzinfo=timezone.utc).timestamp()
        except ValueError:
            continue
    raise ValueError(f"not an instant: {text}")


def register(standin, args, prefix):
    _, body = http("POST", f"{standin}/control/doctors/synthetic", {
        "count": args.doctors, "groups": args.groups, "prefix": prefix, "city_slug": "tehran", "online": False})
    doctors = json.loads(body)["doctors"]
    targets = []
    for doctor in doctors:
        center = doctor["targets"][0]
        targets.append({
            "slug": doctor["slug"], "city": doctor["city_slug"], "specialty": doctor["specialty_slug"],
            "center": center["center_id"], "service": center["service_id"], "user_center": center["user_center_id"],
            "id": f"{center['center_id']}:{center['service_id']}",
        })
    return targets


def slot_body(target, starts, mode):
    return {"center_id": target["center"], "service_id": target["service"], "user_center_id": target["user_center"],
            "slots": starts, "mode": mode}


def produce_watches(bootstrap, targets):
    lines = []
    for t in targets:
        envelope = {
            "id": str(uuid.uuid4()), "schema": "watch.requested", "version": 1,
            "occurred_at": rfc3339(time.time()), "correlation_id": "bench-probe",
            "producer": {"service": "bench", "instance": "probe-driver"},
            "payload": {"target": {
                "id": t["id"],
                "doctor": {"slug": t["slug"], "display_name": t["slug"], "specialty": None,
                           "city_slug": t["city"], "specialty_slug": t["specialty"]},
                "center": {"id": t["center"], "name": "bench clinic", "user_center_id": t["user_center"],
                           "server_id": "1", "is_online": False},
                "service": {"id": t["service"], "name": "visit"},
            }},
        }
        lines.append(t["id"] + "\t" + json.dumps(envelope, ensure_ascii=False, separators=(",", ":")))
    subprocess.run(
        ["kcat", "-P", "-b", bootstrap, "-t", WATCHES, "-K", "\t", "-H", "schema=watch.requested",
         "-H", "version=1", "-H", "content-type=application/json"],
        input="\n".join(lines) + "\n", text=True, check=True, timeout=120)


def slot_found(bootstrap):
    """(target id, slot start) → earliest Kafka timestamp (s) of a slot.found announcing it."""
    out = subprocess.run(
        ["kcat", "-C", "-b", bootstrap, "-t", SLOTS, "-o", "beginning", "-e", "-q", "-f", "%T\t%s\n"],
        capture_output=True, text=True, timeout=120, check=True).stdout
    found = {}
    for line in out.splitlines():
        stamp, _, value = line.partition("\t")
        try:
            envelope = json.loads(value)
        except json.JSONDecodeError:
            continue
        if envelope.get("schema") != "slot.found":
            continue
        payload = envelope["payload"]
        key = (payload["target_id"], int(round(parse_instant(payload["slot"]["start"]))))
        at = int(stamp) / 1000
        found[key] = min(found.get(key, at), at)
    return found


def counts(standin):
    _, body = http("GET", f"{standin}/control/requests/counts")
    return json.loads(body)


def percentile(values, fraction):
    """Nearest-rank percentile; values may hold float('inf') for undetected events."""
    ordered = sorted(values)
    rank = max(1, int(-(-fraction * len(ordered) // 1)))
    return ordered[rank - 1]


def run_mode(args, probing, workdir):
    name = "probe" if probing else "baseline"
    events_window = args.events_window if probing else args.baseline_events_window
    tail = args.tail if probing else args.baseline_tail
    broker = standin_process = scraper = None
    try:
        broker = Child(f"broker-{name}", [os.path.join(args.bin, "kafka-mock-broker"), "--brokers", "1"], workdir)
        bootstrap = broker.wait_line("READY ")
        standin_process = Child(f"standin-{name}", [os.path.join(args.bin, "paziresh24-standin"), "--port", "0"], workdir)
        standin = standin_process.wait_line("READY ")
        targets = register(standin, args, "pb")
        groups = len({t["specialty"] for t in targets})
        base_day = int(time.time()) // 86400 * 86400
        later_slot = base_day + 5 * 86400 + 36000
        http("POST", f"{standin}/control/slots", {"targets": [slot_body(t, [later_slot], "replace") for t in targets]})
        produce_watches(bootstrap, targets)
        env = {
            "KAFKA_BOOTSTRAP_SERVERS": bootstrap, "KAFKA_CREATE_TOPICS": "false", "HTTP_PORT": "0",
            "PAZIRESH24_APIGW_URL": standin, "PAZIRESH24_PROFILE_URL": standin,
            "SCRAPER_GLOBAL_RATE": str(args.budget), "SCRAPER_MIN_INTERVAL_SECONDS": "30",
            "SCRAPER_PROBING": "true" if probing else "false",
            "SCRAPER_GROUP_ID": f"bench-probe-{name}", "SCRAPER_SESSION_TIMEOUT_MS": "6000",
            "SCRAPER_HEARTBEAT_MS": "1000", "LOG_LEVEL": "notice", "INSTANCE_ID": f"scraper-{name}",
        }
        scraper = Child(f"scraper-{name}", [os.path.join(args.bin, "scraper")], workdir, env)
        deadline = time.monotonic() + 120
        while not assignment_state([scraper])[0]:
            if time.monotonic() > deadline or scraper.process.poll() is not None:
                raise RuntimeError(f"scraper not assigned:\n{scraper.output()[-2000:]}")
            time.sleep(0.5)
        log(f"{name}: {len(targets)} doctors in {groups} groups, budget {args.budget} req/s; warming up {args.warmup} s")
        time.sleep(args.warmup)

        rng = random.Random(args.seed)
        chosen = rng.sample(targets, len(targets))
        events = []
        start_counts, start = counts(standin), time.time()
        end_events = start + events_window
        log(f"{name}: new earliest slots for {events_window:g} s, one every ~{args.event_gap:g} s")
        while time.time() < end_events and chosen:
            target = chosen.pop()
            slot = base_day + rng.randint(1, 3) * 86400 + 30000 + 600 * rng.randint(0, 20)
            visible = time.time()
            http("POST", f"{standin}/control/slots", slot_body(target, [slot], "add"))
            events.append({"target": target["id"], "slot": slot, "visible": visible})
            time.sleep(rng.uniform(0.5, 1.5) * args.event_gap)
        end_counts, end = counts(standin), time.time()
        log(f"{name}: {len(events)} slots posted; waiting {tail:g} s for the last announcements")
        time.sleep(tail)
        stop = time.time()
        found = slot_found(bootstrap)
        latencies, undetected = [], 0
        for event in events:
            at = found.get((event["target"], event["slot"]))
            if at is None:
                undetected += 1
                latencies.append(float("inf"))
            else:
                latencies.append(max(0.0, at - event["visible"]))
        requests = end_counts["total"] - start_counts["total"]
        per_endpoint = {k: end_counts["counts"].get(k, 0) - start_counts["counts"].get(k, 0) for k in end_counts["counts"]}
        rate = requests / (end - start)
        detected = sorted(x for x in latencies if x != float("inf"))
        return {
            "mode": name, "doctors": len(targets), "groups": groups, "events": len(events), "undetected": undetected,
            "bound_s": round(stop - events[-1]["visible"], 1) if events else None,
            "median": percentile(latencies, 0.5) if latencies else float("nan"),
            "p95": percentile(latencies, 0.95) if latencies else float("nan"),
            "max_detected": detected[-1] if detected else float("nan"),
            "rate": rate, "load": rate / args.budget, "requests": per_endpoint, "seconds": round(end - start, 1),
        }
    finally:
        for child in (scraper, standin_process, broker):
            if child:
                child.terminate(grace=15)


def fmt(value):
    return "inf" if value == float("inf") else f"{value:.1f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--doctors", type=int, default=1000)
    parser.add_argument("--groups", type=int, default=20)
    parser.add_argument("--budget", type=float, default=2.0, help="SCRAPER_GLOBAL_RATE")
    parser.add_argument("--warmup", type=float, default=30.0)
    parser.add_argument("--event-gap", type=float, default=4.0, help="mean seconds between two new slots")
    parser.add_argument("--events-window", type=float, default=180.0, help="probing run: seconds of new slots")
    parser.add_argument("--tail", type=float, default=60.0, help="probing run: seconds to wait after the last slot")
    parser.add_argument("--baseline-events-window", type=float, default=120.0)
    parser.add_argument("--baseline-tail", type=float, default=330.0)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="slothunter-bench-probe-")
    try:
        results = [run_mode(args, True, workdir)]
        if not args.skip_baseline:
            results.append(run_mode(args, False, workdir))
    finally:
        if args.keep:
            log(f"logs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    print(f"scraper probing benchmark: {args.doctors} doctors in {args.groups} groups, budget {args.budget:g} req/s, "
          f"a new earliest slot every ~{args.event_gap:g} s")
    print("| run | new slots | undetected by the end | bound (s) | median (s) | p95 (s) | max detected (s) "
          "| requests/s | ÷ budget | requests by endpoint |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['mode']} | {r['events']} | {r['undetected']} | {r['bound_s']} | {fmt(r['median'])} | {fmt(r['p95'])} "
              f"| {fmt(r['max_detected'])} | {r['rate']:.3f} | {r['load']:.3f} | "
              f"{', '.join(f'{k}: {v}' for k, v in sorted(r['requests'].items()))} |")
    probe = results[0]
    baseline = results[1] if len(results) > 1 else None
    goal = probe["median"] <= 15 and probe["p95"] <= 45 and probe["load"] <= 1.0 + 1 / (args.budget * args.events_window)
    print("goal (median ≤ 15 s, p95 ≤ 45 s, load ≤ 1.0) met" if goal else "goal (median ≤ 15 s, p95 ≤ 45 s, load ≤ 1.0) NOT met")
    baseline_median = fmt(baseline["median"]) if baseline else "skipped"
    print(f"probe: doctors={probe['doctors']} groups={probe['groups']} budget={args.budget:g} "
          f"median_s={fmt(probe['median'])} p95_s={fmt(probe['p95'])} baseline_median_s={baseline_median} "
          f"load={probe['load']:.2f}")
    return 0 if goal else 1


if __name__ == "__main__":
    sys.exit(main())
