#!/usr/bin/env python3
"""Policy checks for SlotHunter's deployment files, run by scripts/validate-deploy.sh.

Schema validation is left to the real tools (docker compose, kubernetes-validate, promtool,
hadolint). This file checks what those tools cannot know: our own rules. Each subcommand
prints one line per problem and exits 1 when there is any.

  compose-policy CONFIG.json           output of `docker compose config --format json`
  k8s BUILD.yaml[:strimzi]...           for each kustomize build: write BUILD-core.yaml (for
                                        kubernetes-validate) without the Strimzi CRs, check the
                                        CRs (":strimzi" = they must be present) and our policy
  grafana DASHBOARD.json DATASOURCES.yml PROVIDERS.yml [OPERATIONS.md]
  metrics-used FILE...                  metric names used in PromQL files must be known
  alertmanager CONFIG.yml PROMETHEUS.yml ALERTS.yml
                                        Telegram receiver with the token from a file, sane
                                        grouping, Prometheus pointed at it; prints
                                        "ALERTNAME SEVERITY" per rule for amtool's route test
  rates --doc OPERATIONS.md --settings GLOB --compose-file FILE --compose-json CONFIG.json
        --env FILE --kustomization FILE... --build BUILD.yaml...
                                        every rate setting has the value and scope the one
                                        table in OPERATIONS.md (rates:begin/end) documents

Needs only PyYAML (installed with kubernetes-validate).
"""

import argparse
import glob
import json
import re
import sys

import yaml

# The metric names the services expose (docs/operations.md lists them for operators).
KNOWN_METRICS = {
    "slothunter_scraper_polls_total",
    "slothunter_scraper_request_duration_seconds",
    "slothunter_scraper_slots_found_total",
    "slothunter_scraper_budget_requests_per_second",
    "slothunter_scraper_breaker_open",
    "slothunter_scraper_last_success_timestamp_seconds",
    "slothunter_notifier_notices_sent_total",
    "slothunter_notifier_notices_suppressed_total",
    "slothunter_notifier_notices_coalesced_total",
    "slothunter_notifier_telegram_429_total",
    "slothunter_deadletter_total",
    "slothunter_notifier_delivery_latency_seconds",
    "slothunter_kafka_consumer_lag",
    "slothunter_bot_updates_total",
    "slothunter_bot_commands_total",
    "slothunter_bot_telegram_429_total",
    # Also exposed (not required by the deployment contract, usable in dashboards):
    "slothunter_scraper_budget_share",
    "slothunter_scraper_targets",
    "slothunter_scraper_assigned_partitions",
    "slothunter_scraper_requests_total",
    "slothunter_scraper_slots_gone_total",
    "slothunter_scraper_state_saves_total",
    "slothunter_scraper_probes_total",
    "slothunter_scraper_probe_pages_total",
    "slothunter_scraper_probe_triggers_total",
    "slothunter_scraper_probe_groups",
    "slothunter_scraper_triggered_polls_total",
    "slothunter_notifier_batches_total",
    "slothunter_bot_handler_errors_total",
}
HISTOGRAMS = {"slothunter_scraper_request_duration_seconds", "slothunter_notifier_delivery_latency_seconds"}

TOPICS = {
    "smartwhale.data.watches",
    "smartwhale.data.slots",
    "smartwhale.data.checks",
    "smartwhale.data.notifications",
    "smartwhale.data.deadletter",
    "smartwhale.data.slot-state",
}
MIN_PARTITIONS = 6
SCALED_SERVICES = ("scraper", "notifier")
SERVICES = ("scraper", "notifier", "bot")
STRIMZI_GROUP = "kafka.strimzi.io"
STRIMZI_API_VERSION = "kafka.strimzi.io/v1"
STRIMZI_KINDS = {"Kafka", "KafkaNodePool", "KafkaTopic"}
ALERTMANAGER_IMAGE_RE = r"prom/alertmanager:v\d+\.\d+\.\d+"
ALERTMANAGER_SECRETS_DIR = "/etc/alertmanager/secrets"
ALERTMANAGER_TOKEN_FILE = ALERTMANAGER_SECRETS_DIR + "/telegram-bot-token"
ALERTMANAGER_ADDRESS = "alertmanager:9093"
BACKUP_SCRIPT = "pg-backup.sh"


class Problems:
    """Collects problems; the exit code follows."""

    def __init__(self, scope):
        self.scope = scope
        self.items = []

    def add(self, message):
        self.items.append(message)

    def check(self, condition, message):
        if not condition:
            self.add(message)

    def finish(self, ok_message):
        for item in self.items:
            print(f"  {self.scope}: {item}")
        if self.items:
            print(f"  {self.scope}: {len(self.items)} problem(s)")
            return 1
        print(f"  {self.scope}: {ok_message}")
        return 0


# --------------------------------------------------------------------------------------------
# compose
# --------------------------------------------------------------------------------------------

def compose_policy(path):
    p = Problems("compose-policy")
    with open(path, encoding="utf-8") as handle:
        config = json.load(handle)
    services = config.get("services", {})

    for name in SERVICES + ("kafka", "kafka-init", "postgres"):
        p.check(name in services, f"service {name!r} is missing")

    for name in SCALED_SERVICES:
        service = services.get(name, {})
        p.check("container_name" not in service,
                f"{name} is scaled (--scale) and must not have container_name")
        p.check(not service.get("ports"), f"{name} is scaled and must not publish host ports")
    bot = services.get("bot", {})
    p.check(not bot.get("deploy", {}).get("replicas", 1) > 1, "bot must run exactly one replica")

    kafka = services.get("kafka", {})
    image = kafka.get("image", "")
    p.check(re.fullmatch(r"apache/kafka:\d+\.\d+\.\d+", image) is not None,
            f"kafka image must be the JVM apache/kafka with a pinned x.y.z tag, got {image!r}")
    env = kafka.get("environment", {}) or {}
    p.check(str(env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "")).lower() == "false",
            "kafka must set KAFKA_AUTO_CREATE_TOPICS_ENABLE=false")
    p.check("broker,controller" in str(env.get("KAFKA_PROCESS_ROLES", "")),
            "kafka must run as a single KRaft node (KAFKA_PROCESS_ROLES=broker,controller)")
    health = " ".join(kafka.get("healthcheck", {}).get("test", []) or [])
    p.check("kafka-broker-api-versions.sh" in health and "--bootstrap-server" in health,
            "kafka healthcheck must use kafka-broker-api-versions.sh --bootstrap-server")

    init = services.get("kafka-init", {})
    p.check(init.get("restart", "no") == "no", "kafka-init is one-shot: restart must be \"no\"")
    p.check(init.get("depends_on", {}).get("kafka", {}).get("condition") == "service_healthy",
            "kafka-init must wait for kafka: service_healthy")

    postgres = services.get("postgres", {})
    p.check(re.fullmatch(r"postgres:1[56](\.\d+)?(-[a-z0-9]+)?", postgres.get("image", "")) is not None,
            "postgres must be PostgreSQL 15 or 16 with a pinned tag")
    p.check(any("/var/lib/postgresql/data" in str(v.get("target", "")) for v in postgres.get("volumes", [])),
            "postgres needs a volume for its data")
    p.check("pg_isready" in " ".join(postgres.get("healthcheck", {}).get("test", []) or []),
            "postgres healthcheck must use pg_isready")

    for name in SERVICES:
        service = services.get(name, {})
        depends = service.get("depends_on", {})
        p.check(depends.get("kafka-init", {}).get("condition") == "service_completed_successfully",
                f"{name} must wait for kafka-init: service_completed_successfully")
        if name != "scraper":
            p.check(depends.get("postgres", {}).get("condition") == "service_healthy",
                    f"{name} must wait for postgres: service_healthy")
        senv = service.get("environment", {}) or {}
        for var in ("KAFKA_BOOTSTRAP_SERVERS", "HTTP_PORT", "LOG_LEVEL",
                    "KAFKA_TOPIC_PARTITIONS", "KAFKA_REPLICATION_FACTOR"):
            p.check(var in senv, f"{name} lacks {var}")
        p.check(str(service.get("stop_grace_period", "")) not in ("", "10s"),
                f"{name} needs a stop_grace_period long enough to commit offsets")

    backup = services.get("postgres-backup")
    if backup is None:
        p.add("service 'postgres-backup' (scheduled pg_dump) is missing")
    else:
        p.check(backup.get("image") == postgres.get("image"),
                f"postgres-backup must use the server's image {postgres.get('image')!r} (pg_dump version), "
                f"got {backup.get('image')!r}")
        p.check(BACKUP_SCRIPT in " ".join(backup.get("entrypoint") or []), f"postgres-backup must run {BACKUP_SCRIPT}")
        p.check("--every" in (backup.get("command") or []), "postgres-backup must run on a schedule (--every SECONDS)")
        p.check(any(v.get("type") == "volume" and v.get("target") == "/backups" for v in backup.get("volumes", [])),
                "postgres-backup must write to a named volume at /backups")
        p.check("DATABASE_URL" in (backup.get("environment") or {}), "postgres-backup lacks DATABASE_URL")

    alertmanager = services.get("alertmanager")
    if alertmanager is None:
        p.add("service 'alertmanager' is missing (run compose config with --profile observability)")
    else:
        p.check(re.fullmatch(ALERTMANAGER_IMAGE_RE, alertmanager.get("image", "")) is not None,
                f"alertmanager must be the official prom/alertmanager with a pinned vX.Y.Z tag, got {alertmanager.get('image')!r}")
        p.check("observability" in (alertmanager.get("profiles") or []), "alertmanager belongs to the observability profile")
        targets = {x.get("target") for x in alertmanager.get("secrets", []) or []}
        p.check(ALERTMANAGER_TOKEN_FILE in targets,
                f"alertmanager must get the bot token as the secret file {ALERTMANAGER_TOKEN_FILE}")
        p.check(not any("TOKEN" in k for k in (alertmanager.get("environment") or {})),
                "alertmanager must not get the bot token in its environment")
    for name, secret in (config.get("secrets") or {}).items():
        p.check("file" in secret or "environment" in secret, f"secret {name} needs a file or environment source")

    for name in ("prometheus", "grafana"):
        service = services.get(name)
        if service is not None:
            p.check("observability" in (service.get("profiles") or []),
                    f"{name} belongs to the observability profile")
        else:
            p.add(f"{name} is missing (run compose config with --profile observability)")
    return p.finish("scaled services have no container_name/host ports; kafka, init, postgres and "
                    "dependencies as required")


# --------------------------------------------------------------------------------------------
# kubernetes
# --------------------------------------------------------------------------------------------

def load_docs(path):
    with open(path, encoding="utf-8") as handle:
        return [doc for doc in yaml.safe_load_all(handle) if doc]


def split_build(source):
    """Splits a kustomize build into core resources and Strimzi CRs; writes the core ones."""
    docs = load_docs(source)
    core = [d for d in docs if not str(d.get("apiVersion", "")).startswith(STRIMZI_GROUP + "/")]
    crs = [d for d in docs if str(d.get("apiVersion", "")).startswith(STRIMZI_GROUP + "/")]
    core_path = re.sub(r"\.yaml$", "", source) + "-core.yaml"
    with open(core_path, "w", encoding="utf-8") as handle:
        yaml.safe_dump_all(core, handle, sort_keys=False)
    return core, crs


def named(docs, kind):
    return {d["metadata"]["name"]: d for d in docs if d.get("kind") == kind}


def check_container(p, deployment_name, pod_spec):
    containers = pod_spec.get("containers", [])
    p.check(len(containers) == 1, f"{deployment_name}: expected one container")
    if not containers:
        return
    c = containers[0]
    probes = {"livenessProbe": "/healthz", "readinessProbe": "/readyz"}
    for probe, path in probes.items():
        got = c.get(probe, {}).get("httpGet", {}).get("path")
        p.check(got == path, f"{deployment_name}: {probe} must GET {path}, got {got!r}")
    resources = c.get("resources", {})
    for part in ("requests", "limits"):
        for res in ("cpu", "memory"):
            p.check(res in resources.get(part, {}), f"{deployment_name}: resources.{part}.{res} missing")
    sc = c.get("securityContext", {})
    p.check(sc.get("allowPrivilegeEscalation") is False, f"{deployment_name}: allowPrivilegeEscalation must be false")
    p.check(sc.get("readOnlyRootFilesystem") is True, f"{deployment_name}: readOnlyRootFilesystem must be true")
    p.check(sc.get("capabilities", {}).get("drop") == ["ALL"], f"{deployment_name}: capabilities must drop ALL")
    p.check(any(m.get("mountPath") == "/tmp" for m in c.get("volumeMounts", [])),
            f"{deployment_name}: /tmp must be mounted (emptyDir)")
    p.check(any(port.get("containerPort") == 8080 for port in c.get("ports", [])),
            f"{deployment_name}: container port 8080 (health, metrics) missing")
    p.check(c.get("args", [None])[0] == deployment_name,
            f"{deployment_name}: args must start with the executable name")


def check_workloads(p, docs):
    deployments = named(docs, "Deployment")
    hpas = named(docs, "HorizontalPodAutoscaler")
    pdbs = named(docs, "PodDisruptionBudget")
    for name in SERVICES:
        d = deployments.get(name)
        if d is None:
            p.add(f"Deployment {name} missing")
            continue
        spec = d["spec"]
        pod = spec["template"]["spec"]
        psc = pod.get("securityContext", {})
        p.check(psc.get("runAsNonRoot") is True, f"{name}: pod runAsNonRoot must be true")
        p.check(psc.get("seccompProfile", {}).get("type") == "RuntimeDefault",
                f"{name}: pod seccompProfile must be RuntimeDefault")
        p.check(pod.get("terminationGracePeriodSeconds", 30) >= 40,
                f"{name}: terminationGracePeriodSeconds must leave time to commit offsets (>= 40)")
        p.check(any("emptyDir" in v for v in pod.get("volumes", [])), f"{name}: needs an emptyDir for /tmp")
        check_container(p, name, pod)

    bot = deployments.get("bot")
    if bot is not None:
        p.check(bot["spec"].get("replicas") == 1, "bot: replicas must be 1")
        p.check(bot["spec"].get("strategy", {}).get("type") == "Recreate", "bot: strategy must be Recreate")
    p.check(not any(h["spec"]["scaleTargetRef"]["name"] == "bot" for h in hpas.values()), "bot must not have an HPA")

    for name in SCALED_SERVICES:
        hpa = next((h for h in hpas.values() if h["spec"]["scaleTargetRef"]["name"] == name), None)
        if hpa is None:
            p.add(f"HPA for {name} missing")
        else:
            p.check(hpa["spec"]["maxReplicas"] <= MIN_PARTITIONS,
                    f"HPA {name}: maxReplicas {hpa['spec']['maxReplicas']} exceeds the {MIN_PARTITIONS} partitions")
            p.check(hpa["spec"].get("minReplicas", 1) <= hpa["spec"]["maxReplicas"], f"HPA {name}: min > max")
        p.check(any(b["spec"].get("selector", {}).get("matchLabels", {}).get("app.kubernetes.io/name") == name
                    for b in pdbs.values()), f"PodDisruptionBudget for {name} missing")


def check_network(p, docs):
    policies = list(named(docs, "NetworkPolicy").values())
    deny = [n for n in policies if n["spec"].get("podSelector") == {}
            and set(n["spec"].get("policyTypes", [])) == {"Ingress", "Egress"}
            and not n["spec"].get("ingress") and not n["spec"].get("egress")]
    p.check(bool(deny), "a default-deny NetworkPolicy (all pods, Ingress+Egress, no rules) is missing")

    def egress_ports(service):
        ports = set()
        for n in policies:
            labels = n["spec"].get("podSelector", {}).get("matchLabels", {})
            if labels and labels.get("app.kubernetes.io/name") not in (service,):
                continue
            for rule in n["spec"].get("egress", []) or []:
                for port in rule.get("ports", []) or []:
                    ports.add(port.get("port"))
        return ports

    needs = {"scraper": {53, 9092, 443}, "notifier": {53, 9092, 5432, 443}, "bot": {53, 9092, 5432, 443},
             "alertmanager": {53, 443}, "postgres-backup": {53, 5432}}
    for service, wanted in needs.items():
        missing = wanted - egress_ports(service)
        p.check(not missing, f"{service}: egress to ports {sorted(missing)} not allowed by any NetworkPolicy")
    monitoring = [n for n in policies for rule in n["spec"].get("ingress", []) or []
                  for peer in rule.get("from", []) or []
                  if peer.get("namespaceSelector", {}).get("matchLabels", {}).get("kubernetes.io/metadata.name") == "monitoring"
                  and any(port.get("port") == 8080 for port in rule.get("ports", []) or [])]
    p.check(bool(monitoring), "ingress to 8080 from the monitoring namespace is not allowed")
    alerts_in = [n for n in policies
                 if n["spec"].get("podSelector", {}).get("matchLabels", {}).get("app.kubernetes.io/name") == "alertmanager"
                 for rule in n["spec"].get("ingress", []) or [] for peer in rule.get("from", []) or []
                 if peer.get("namespaceSelector", {}).get("matchLabels", {}).get("kubernetes.io/metadata.name") == "monitoring"
                 and any(port.get("port") == 9093 for port in rule.get("ports", []) or [])]
    p.check(bool(alerts_in), "ingress to alertmanager:9093 from the monitoring namespace (Prometheus) is not allowed")


def restricted(p, what, pod, container):
    psc = pod.get("securityContext", {})
    sc = container.get("securityContext", {})
    p.check(psc.get("runAsNonRoot") is True, f"{what}: pod runAsNonRoot must be true")
    p.check(psc.get("seccompProfile", {}).get("type") == "RuntimeDefault", f"{what}: pod seccompProfile must be RuntimeDefault")
    p.check(sc.get("allowPrivilegeEscalation") is False, f"{what}: allowPrivilegeEscalation must be false")
    p.check(sc.get("readOnlyRootFilesystem") is True, f"{what}: readOnlyRootFilesystem must be true")
    p.check(sc.get("capabilities", {}).get("drop") == ["ALL"], f"{what}: capabilities must drop ALL")
    for part in ("requests", "limits"):
        for res in ("cpu", "memory"):
            p.check(res in container.get("resources", {}).get(part, {}), f"{what}: resources.{part}.{res} missing")


def check_alerting(p, docs):
    deployment = named(docs, "Deployment").get("alertmanager")
    if deployment is None:
        p.add("Deployment alertmanager missing")
        return
    pod = deployment["spec"]["template"]["spec"]
    containers = pod.get("containers", [])
    if len(containers) != 1:
        p.add("alertmanager: expected one container")
        return
    c = containers[0]
    restricted(p, "alertmanager", pod, c)
    p.check(deployment["spec"].get("replicas") == 1, "alertmanager: one replica (no gossip cluster configured)")
    p.check(re.fullmatch(ALERTMANAGER_IMAGE_RE, c.get("image", "")) is not None,
            f"alertmanager: image must be prom/alertmanager with a pinned vX.Y.Z tag, got {c.get('image')!r}")
    p.check(not any("TOKEN" in e.get("name", "") for e in c.get("env", []) or []),
            "alertmanager: the bot token must come from a mounted file, not the environment")
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts", [])}
    secret = volumes.get(mounts.get(ALERTMANAGER_SECRETS_DIR, ""), {}).get("secret", {})
    keys = {item.get("path") for item in secret.get("items", [])}
    p.check({"telegram-bot-token", "alert-chat-id"} <= keys,
            f"alertmanager: mount the Secret keys telegram-bot-token and alert-chat-id at {ALERTMANAGER_SECRETS_DIR}")
    config = volumes.get(mounts.get("/etc/alertmanager/config", ""), {}).get("configMap", {}).get("name", "")
    p.check(config.startswith("alertmanager-config"), "alertmanager: ConfigMap alertmanager-config not mounted at /etc/alertmanager/config")
    for probe, path in (("livenessProbe", "/-/healthy"), ("readinessProbe", "/-/ready")):
        p.check(c.get(probe, {}).get("httpGet", {}).get("path") == path, f"alertmanager: {probe} must GET {path}")
    service = named(docs, "Service").get("alertmanager")
    p.check(service is not None and any(x.get("port") == 9093 for x in service["spec"].get("ports", [])),
            "Service alertmanager on port 9093 missing (Prometheus sends alerts there)")


def check_backup(p, docs):
    cronjob = named(docs, "CronJob").get("postgres-backup")
    if cronjob is None:
        p.add("CronJob postgres-backup missing")
        return
    spec = cronjob["spec"]
    p.check(spec.get("concurrencyPolicy") == "Forbid", "postgres-backup: concurrencyPolicy must be Forbid")
    pod = spec["jobTemplate"]["spec"]["template"]["spec"]
    c = pod["containers"][0]
    restricted(p, "postgres-backup", pod, c)
    p.check(re.fullmatch(r"postgres:1[56](\.\d+)?(-[a-z0-9]+)?", c.get("image", "")) is not None,
            "postgres-backup: image must be postgres 15/16 with a pinned tag")
    p.check(BACKUP_SCRIPT in " ".join(c.get("command", []) + c.get("args", [])), f"postgres-backup must run {BACKUP_SCRIPT}")
    env = {e["name"]: e for e in c.get("env", [])}
    backup_dir = env.get("BACKUP_DIR", {}).get("value", "/backups")
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    mount = next((m for m in c.get("volumeMounts", []) if m["mountPath"] == backup_dir), None)
    claim = volumes.get(mount["name"], {}).get("persistentVolumeClaim", {}).get("claimName") if mount else None
    p.check(claim is not None, f"postgres-backup: BACKUP_DIR {backup_dir} must be a PersistentVolumeClaim")
    p.check(claim in named(docs, "PersistentVolumeClaim"), f"postgres-backup: PVC {claim} is not in the build")
    p.check(env.get("DATABASE_URL", {}).get("valueFrom", {}).get("secretKeyRef") is not None,
            "postgres-backup: DATABASE_URL must come from the Secret")
    p.check(str(env.get("BACKUP_KEEP", {}).get("value", "")).isdigit(), "postgres-backup: BACKUP_KEEP (dumps kept) missing")


def check_strimzi(p, crs, expect):
    if not crs:
        p.check(not expect, "the Strimzi component is expected in this build but no Strimzi resource is present")
        return
    for d in crs:
        kind, api = d.get("kind"), d.get("apiVersion")
        name = d.get("metadata", {}).get("name")
        p.check(api == STRIMZI_API_VERSION, f"{kind}/{name}: apiVersion must be {STRIMZI_API_VERSION}, got {api}")
        p.check(kind in STRIMZI_KINDS, f"{kind}/{name}: unexpected Strimzi kind (allowed: {sorted(STRIMZI_KINDS)})")
        p.check(isinstance(d.get("spec"), dict), f"{kind}/{name}: spec missing")
    kafkas = [d for d in crs if d.get("kind") == "Kafka"]
    pools = [d for d in crs if d.get("kind") == "KafkaNodePool"]
    topics = [d for d in crs if d.get("kind") == "KafkaTopic"]
    p.check(len(kafkas) == 1, f"expected one Kafka, found {len(kafkas)}")
    if kafkas:
        kafka = kafkas[0]
        cluster = kafka["metadata"]["name"]
        spec = kafka.get("spec", {})
        p.check("zookeeper" not in spec, "Kafka: ZooKeeper is gone; KRaft only")
        p.check("replicas" not in spec.get("kafka", {}) and "storage" not in spec.get("kafka", {}),
                "Kafka: replicas and storage belong to KafkaNodePool in the v1 API")
        p.check(str(spec.get("kafka", {}).get("config", {}).get("auto.create.topics.enable")).lower() == "false",
                "Kafka: auto.create.topics.enable must be false")
        p.check(any(listener.get("port") == 9092 for listener in spec.get("kafka", {}).get("listeners", [])),
                "Kafka: a listener on 9092 is required (NetworkPolicies allow 9092)")
        for d in pools + topics:
            p.check(d["metadata"].get("labels", {}).get("strimzi.io/cluster") == cluster,
                    f"{d['kind']}/{d['metadata']['name']}: label strimzi.io/cluster must be {cluster}")
    roles = set()
    for pool in pools:
        roles |= set(pool.get("spec", {}).get("roles", []))
        p.check(set(pool.get("spec", {}).get("roles", [])) <= {"controller", "broker"},
                f"KafkaNodePool/{pool['metadata']['name']}: roles must be controller and/or broker")
    p.check(roles == {"controller", "broker"}, "node pools must provide both KRaft controllers and brokers")
    by_name = {t.get("spec", {}).get("topicName", t["metadata"]["name"]): t for t in topics}
    p.check(set(by_name) == TOPICS, f"KafkaTopics must be exactly {sorted(TOPICS)}, got {sorted(by_name)}")
    for name, topic in by_name.items():
        partitions = topic.get("spec", {}).get("partitions", 0)
        p.check(partitions >= MIN_PARTITIONS, f"KafkaTopic {name}: {partitions} partitions, need >= {MIN_PARTITIONS}")
    watches = by_name.get("smartwhale.data.watches", {})
    p.check(watches.get("spec", {}).get("config", {}).get("cleanup.policy") == "compact",
            "KafkaTopic smartwhale.data.watches must have cleanup.policy=compact")
    state = by_name.get("smartwhale.data.slot-state", {})
    p.check(state.get("spec", {}).get("config", {}).get("cleanup.policy") == "compact",
            "KafkaTopic smartwhale.data.slot-state must have cleanup.policy=compact")
    p.check(state.get("spec", {}).get("partitions") == watches.get("spec", {}).get("partitions"),
            "KafkaTopic smartwhale.data.slot-state must have as many partitions as smartwhale.data.watches")


def k8s(builds):
    status = 0
    for build in builds:
        path, _, flag = build.partition(":")
        core, crs = split_build(path)
        p = Problems(f"k8s-policy {path.rsplit('/', 1)[-1]}")
        check_workloads(p, core)
        check_alerting(p, core)
        check_backup(p, core)
        check_network(p, core)
        check_strimzi(p, crs, flag == "strimzi")
        kinds = sorted({d["kind"] for d in crs})
        strimzi_note = (f"; {len(crs)} Strimzi CRs ({', '.join(kinds)}) are {STRIMZI_API_VERSION}, "
                        "split off for kubernetes-validate") if crs else ""
        status |= p.finish(f"{len(core)} resources: probes, resources, restricted security, bot singleton, "
                           f"HPA <= partitions, PDBs, NetworkPolicies, Alertmanager, backup CronJob ok{strimzi_note}")
    return status


# --------------------------------------------------------------------------------------------
# observability
# --------------------------------------------------------------------------------------------

METRIC_RE = re.compile(r"\b(slothunter_[a-z0-9_]+)")


def base_metric(name):
    for suffix in ("_bucket", "_sum", "_count"):
        if name.endswith(suffix) and name[: -len(suffix)] in HISTOGRAMS:
            return name[: -len(suffix)]
    return name


def unknown_metrics(text):
    return sorted({m for m in METRIC_RE.findall(text) if base_metric(m) not in KNOWN_METRICS})


def metrics_used(paths):
    p = Problems("metrics")
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for name in unknown_metrics(handle.read()):
                p.add(f"{path}: unknown metric {name} (not exposed by any service)")
    return p.finish("every metric used in the alert rules is one the services expose")


def grafana(path, datasources_path, providers_path, operations_doc=None):
    p = Problems("grafana")
    with open(datasources_path, encoding="utf-8") as handle:
        datasources = yaml.safe_load(handle).get("datasources", [])
    p.check(any(d.get("type") == "prometheus" and d.get("url") == "http://prometheus:9090" for d in datasources),
            f"{datasources_path}: no Prometheus datasource at http://prometheus:9090")
    with open(providers_path, encoding="utf-8") as handle:
        providers = yaml.safe_load(handle).get("providers", [])
    p.check(any(x.get("options", {}).get("path") == "/etc/grafana/dashboards" for x in providers),
            f"{providers_path}: no dashboard provider reading /etc/grafana/dashboards")
    with open(path, encoding="utf-8") as handle:
        dashboard = json.load(handle)
    p.check(dashboard.get("uid") == "slothunter", "dashboard uid must be 'slothunter'")
    panels = [x for x in dashboard.get("panels", []) if x.get("type") != "row"]
    p.check(len(panels) >= 8, f"expected at least 8 panels, found {len(panels)}")
    exprs = []
    for panel in panels:
        title = panel.get("title", "?")
        p.check(bool(panel.get("targets")), f"panel {title!r} has no query")
        p.check("datasource" in panel, f"panel {title!r} has no datasource")
        for target in panel.get("targets", []):
            expr = target.get("expr", "")
            exprs.append(expr)
            for name in unknown_metrics(expr):
                p.add(f"panel {title!r}: unknown metric {name}")
    used = {base_metric(m) for e in exprs for m in METRIC_RE.findall(e)}
    required = {
        "slots found": "slothunter_scraper_slots_found_total",
        "polls by outcome": "slothunter_scraper_polls_total",
        "notices sent": "slothunter_notifier_notices_sent_total",
        "notices suppressed": "slothunter_notifier_notices_suppressed_total",
        "slot-to-notice latency": "slothunter_notifier_delivery_latency_seconds",
        "429s": "slothunter_notifier_telegram_429_total",
        "dead letters": "slothunter_deadletter_total",
        "consumer lag": "slothunter_kafka_consumer_lag",
    }
    for what, metric in required.items():
        p.check(metric in used, f"no panel shows {what} ({metric})")
    if operations_doc:
        try:
            with open(operations_doc, encoding="utf-8") as handle:
                doc = handle.read()
        except OSError as error:
            doc = ""
            p.add(f"cannot read {operations_doc}: {error.strerror}")
        for metric in sorted(KNOWN_METRICS):
            p.check(metric in doc, f"{operations_doc} does not list {metric}")
    return p.finish(f"{len(panels)} panels, all metrics known, required panels present, provisioning ok")


# --------------------------------------------------------------------------------------------
# alertmanager
# --------------------------------------------------------------------------------------------

DURATION_RE = re.compile(r"^(\d+)(ms|s|m|h|d|w)$")


def seconds(text):
    m = DURATION_RE.match(str(text))
    if not m:
        return None
    factor = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}[m.group(2)]
    return int(m.group(1)) * factor


def alertmanager(config_path, prometheus_path, alerts_path):
    p = Problems("alertmanager-policy")
    with open(config_path, encoding="utf-8") as handle:
        config = yaml.safe_load(handle) or {}
    receivers = {r.get("name"): r for r in config.get("receivers", []) or []}
    route = config.get("route", {}) or {}

    def walk(node):
        yield node
        for child in node.get("routes", []) or []:
            yield from walk(child)

    for node in walk(route):
        receiver = node.get("receiver")
        if receiver is None:
            continue
        telegram = receivers.get(receiver, {}).get("telegram_configs", []) or []
        p.check(bool(telegram), f"route to {receiver!r}: the receiver has no telegram_configs")
        for t in telegram:
            p.check("bot_token" not in t, f"receiver {receiver!r}: bot_token inline; use bot_token_file (a mounted secret)")
            p.check(t.get("bot_token_file") == ALERTMANAGER_TOKEN_FILE,
                    f"receiver {receiver!r}: bot_token_file must be {ALERTMANAGER_TOKEN_FILE} (the mounted secret)")
            p.check(t.get("send_resolved") is True, f"receiver {receiver!r}: send_resolved should be true")
    p.check(route.get("group_by") not in (None, [], ["..."]), "route: group_by must group alerts (not per series)")
    limits = {"group_wait": (10, 300), "group_interval": (60, 3600), "repeat_interval": (3600, 86400)}
    for key, (low, high) in limits.items():
        value = seconds(route.get(key))
        p.check(value is not None and low <= value <= high,
                f"route: {key} {route.get(key)!r} outside {low}s..{high}s")
    for node in list(walk(route))[1:]:
        value = node.get("repeat_interval")
        if value is not None:
            p.check((seconds(value) or 0) >= 900, f"route {node.get('matchers')}: repeat_interval {value} under 15m spams")

    with open(prometheus_path, encoding="utf-8") as handle:
        prometheus = yaml.safe_load(handle) or {}
    targets = [t for am in (prometheus.get("alerting", {}) or {}).get("alertmanagers", []) or []
               for sc in am.get("static_configs", []) or [] for t in sc.get("targets", []) or []]
    p.check(ALERTMANAGER_ADDRESS in targets, f"{prometheus_path}: alerting must target {ALERTMANAGER_ADDRESS}, got {targets}")

    with open(alerts_path, encoding="utf-8") as handle:
        rules = [r for g in (yaml.safe_load(handle) or {}).get("groups", []) for r in g.get("rules", []) if "alert" in r]
    status = p.finish(f"Telegram receiver, token from {ALERTMANAGER_TOKEN_FILE}, grouping ok; "
                      f"Prometheus sends to {ALERTMANAGER_ADDRESS}; {len(rules)} alert rules to route")
    for r in rules:
        print(f"ROUTE {r['alert']} {r.get('labels', {}).get('severity', 'none')}")
    return status


# --------------------------------------------------------------------------------------------
# rates: one documented meaning per rate setting
# --------------------------------------------------------------------------------------------

RATES_BEGIN = "<!-- rates:begin"
RATES_END = "<!-- rates:end -->"
# Scopes and the phrase the comment above a setting must contain.
RATE_SCOPES = {"fleet-wide": "fleet-wide", "per target": "per target", "per chat": "per chat",
               "per user": "per user"}
# Every variable whose name says "rate" must be documented; so must each one in the table.
RATE_NAME_RE = re.compile(r'"([A-Z][A-Z0-9_]*_RATE(?:_[A-Z0-9_]*)?)"')
SWIFT_DEFAULT_RE = r'env\.(?:double|int|duration)\(\s*"{name}"\s*,\s*default:\s*([0-9.]+)'


def read_rates_table(doc_path, p):
    """Parses the table between the rates markers: {variable: (service, value, scope)}."""
    try:
        with open(doc_path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as error:
        p.add(f"cannot read {doc_path}: {error.strerror}")
        return {}
    begin, end = text.find(RATES_BEGIN), text.find(RATES_END)
    if begin < 0 or end < begin:
        p.add(f"{doc_path}: no rates table (between '{RATES_BEGIN} ...' and '{RATES_END}')")
        return {}
    table = {}
    for line in text[begin:end].splitlines()[1:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 5 or cells[0] in ("variable", "") or set(cells[0]) <= {"-"}:
            continue
        name, service, value, scope = cells[0].strip("`"), cells[1], cells[2].strip("`"), cells[3]
        if scope not in RATE_SCOPES:
            p.add(f"{doc_path}: {name}: unknown scope {scope!r} (known: {', '.join(RATE_SCOPES)})")
        table[name] = (service, value, scope)
    if not table:
        p.add(f"{doc_path}: the rates table is empty")
    return table


def same_number(a, b):
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        return str(a) == str(b)


def comment_above(lines, index):
    """The comment block directly above line `index` plus a comment on that line, lower-cased."""
    parts = []
    line = lines[index]
    if "#" in line and not line.lstrip().startswith("#"):
        parts.append(line.split("#", 1)[1])
    i = index - 1
    while i >= 0 and lines[i].lstrip().startswith("#"):
        parts.append(lines[i].lstrip()[1:])
        i -= 1
    return " ".join(reversed(parts)).lower()


def check_rate_text(p, path, table, setting_re, required):
    """Checks each documented variable set in a text file (value and comment scope).

    setting_re(name) matches the line that sets it, group 1 being the value."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except OSError as error:
        p.add(f"cannot read {path}: {error.strerror}")
        return
    for name, (_, value, scope) in table.items():
        pattern = setting_re(name)
        found = [(i, m.group(1)) for i, line in enumerate(lines) if (m := pattern.search(line))]
        if not found:
            p.check(not (required and scope == "fleet-wide"),
                    f"{path}: {name} is not set (every deployment must set the fleet-wide rates)")
            continue
        for i, got in found:
            where = f"{path}:{i + 1}: {name}"
            p.check(same_number(got, value), f"{where}={got}, but docs/operations.md documents {value} ({scope})")
            comment = comment_above(lines, i)
            phrase = RATE_SCOPES.get(scope, scope)
            p.check(phrase in comment,
                    f"{where}: the comment above it must say '{phrase}' (documented scope), got {comment.strip()!r}")
            if scope == "fleet-wide":
                p.check(re.search(r"\bper[- ]replica\b", comment) is None,
                        f"{where}: fleet-wide, but the comment above it says 'per replica'")


def rates(argv):
    parser = argparse.ArgumentParser(prog="deploy_checks.py rates")
    parser.add_argument("--doc", required=True)
    parser.add_argument("--settings", required=True, help="glob of the services' settings files")
    parser.add_argument("--compose-file", required=True)
    parser.add_argument("--compose-json", required=True)
    parser.add_argument("--env", required=True)
    parser.add_argument("--kustomization", action="append", default=[])
    parser.add_argument("--build", action="append", default=[])
    args = parser.parse_args(argv)
    p = Problems("rates")
    table = read_rates_table(args.doc, p)

    # 1. The code: every *_RATE* variable documented; every documented one read with that default.
    settings = sorted(glob.glob(args.settings))
    p.check(bool(settings), f"no settings files match {args.settings}")
    swift = {}
    for path in settings:
        with open(path, encoding="utf-8") as handle:
            swift[path] = handle.read()
    for path, text in swift.items():
        for name in sorted(set(RATE_NAME_RE.findall(text))):
            p.check(name in table, f"{path} reads {name}, which the rates table in {args.doc} does not document")
    for name, (service, value, _) in table.items():
        defaults = [(path, m.group(1)) for path, text in swift.items()
                    if (m := re.search(SWIFT_DEFAULT_RE.format(name=re.escape(name)), text))]
        if not defaults:
            p.add(f"{name} is documented but no settings file reads it with a default")
        for path, default in defaults:
            p.check(same_number(default, value), f"{path}: {name} defaults to {default}, documented {value}")

    # 2. The deploy files as written (values and the comments that explain them).
    check_rate_text(p, args.compose_file, table,
                    lambda n: re.compile(rf"^\s*{n}:\s*\$\{{{n}:-([^}}]*)\}}"), required=True)
    check_rate_text(p, args.env, table, lambda n: re.compile(rf"^{n}=(\S*)"), required=True)
    for index, path in enumerate(args.kustomization):
        check_rate_text(p, path, table, lambda n: re.compile(rf"^\s*-\s*{n}=(\S*)"), required=index == 0)

    # 3. What actually runs: compose resolved with .env.example, and each kustomize build.
    with open(args.compose_json, encoding="utf-8") as handle:
        services = json.load(handle).get("services", {})
    for name, (services_cell, value, scope) in table.items():
        # A setting several services read ("bot, scraper") must have the same value in each.
        for service in [s.strip() for s in services_cell.split(",") if s.strip()]:
            env = (services.get(service, {}).get("environment") or {})
            if name in env:
                p.check(same_number(env[name], value),
                        f"compose (resolved): {service} {name}={env[name]}, documented {value} ({scope})")
            elif scope == "fleet-wide":
                p.add(f"compose (resolved): {service} does not set {name}")
    for build in args.build:
        config_maps = [d for d in load_docs(build) if d.get("kind") == "ConfigMap"]
        for name, (service, value, scope) in table.items():
            got = [(c["metadata"]["name"], c.get("data", {})[name]) for c in config_maps if name in c.get("data", {})]
            p.check(bool(got) or scope != "fleet-wide", f"{build}: no ConfigMap sets {name}")
            for config_map, v in got:
                p.check(same_number(v, value),
                        f"{build}: ConfigMap {config_map} {name}={v}, documented {value} ({scope})")
    fleet = sorted(n for n, (_, _, scope) in table.items() if scope == "fleet-wide")
    return p.finish(f"{len(table)} rate settings documented once; {', '.join(fleet)} fleet-wide with the "
                    f"documented value in code, compose, .env.example and {len(args.build)} kustomize builds")


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    command, args = argv[1], argv[2:]
    if command == "compose-policy":
        return compose_policy(args[0])
    if command == "k8s":
        return k8s(args)
    if command == "grafana":
        return grafana(*args[:4])
    if command == "metrics-used":
        return metrics_used(args)
    if command == "alertmanager":
        return alertmanager(*args[:3])
    if command == "rates":
        return rates(args)
    print(f"unknown command {command}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
