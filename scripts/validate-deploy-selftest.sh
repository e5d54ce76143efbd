#!/usr/bin/env bash
# Self-test of scripts/validate-deploy.sh: a validator that never fails proves nothing.
# Copies the deployment files to a temporary directory, checks that the copy passes, then breaks
# one thing at a time and asserts that the validator FAILS, in the expected check and with the
# expected message. Finally it breaks everything at once and asserts that a full run reports
# every check as failed. Exits non-zero if any broken file was accepted.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

pristine="${work}/pristine"
mkdir -p "${pristine}/scripts" "${pristine}/docs"
cp "${root}/Dockerfile" "${root}/.dockerignore" "${pristine}/"
cp -R "${root}/deploy" "${pristine}/deploy"
cp -R "${root}/scripts/." "${pristine}/scripts/"
cp "${root}/docs/operations.md" "${pristine}/docs/"
# The rates check reads the services' settings files.
for settings in "${root}"/Services/*/*/*Settings.swift; do
    relative="${settings#"${root}/"}"
    mkdir -p "${pristine}/$(dirname "${relative}")"
    cp "${settings}" "${pristine}/${relative}"
done
if [ -f "${root}/.ci/run" ]; then
    mkdir -p "${pristine}/.ci"
    cp "${root}/.ci/run" "${pristine}/.ci/"
fi
# A developer's real deploy/.env never takes part.
rm -f "${pristine}/deploy/.env"

log="${work}/validator.log"
rejected=0
accepted=()

# validate DIR ARGS...: runs the copy's validator, output in ${log}; returns its status.
validate() {
    local dir="$1"
    shift
    local status=0
    bash "${dir}/scripts/validate-deploy.sh" "$@" > "${log}" 2>&1 || status=$?
    return "${status}"
}

# edit FILE OLD NEW: replaces every occurrence of OLD in FILE; OLD must occur.
edit() {
    python3 - "$@" << 'PY'
import sys
path, old, new = sys.argv[1:4]
with open(path, encoding="utf-8") as handle:
    text = handle.read()
if old not in text:
    sys.exit(f"selftest: cannot break {path}: {old!r} not found")
with open(path, "w", encoding="utf-8") as handle:
    handle.write(text.replace(old, new))
PY
}

# The breakages: NAME|CHECK|EXPECTED OUTPUT (a grep -E pattern). break_case NAME DIR applies one.
cases=(
    "scraper-container-name|compose-policy|scraper is scaled .* must not have container_name"
    "notifier-host-port|compose-policy|notifier is scaled and must not publish host ports"
    "token-not-required|compose-required|TELEGRAM_BOT_TOKEN is not a required variable"
    "compose-unknown-key|compose-config|restart_policy"
    "manifest-bad-field|k8s|revisionHistoryLimitz"
    "strimzi-old-api|k8s|apiVersion must be kafka.strimzi.io/v1"
    "hpa-above-partitions|k8s|maxReplicas 12 exceeds the 6 partitions"
    "dockerfile-relative-workdir|dockerfile|DL3000"
    "shell-unquoted-variable|shell|SC2086"
    "promql-syntax-error|prometheus|could not parse expression.*unclosed left parenthesis"
    "alert-threshold-broken|prometheus|SlotHunterNoSuccessfulPoll"
    "dashboard-unknown-metric|grafana|unknown metric slothunter_notifier_notices_merged_total"
    "notifier-rate-per-replica|rates|NOTIFIER_GLOBAL_RATE=5, documented 30"
    "rate-comment-per-replica|rates|SCRAPER_GLOBAL_RATE: the comment above it must say 'fleet-wide'"
    "rate-code-default-differs|rates|NOTIFIER_GLOBAL_RATE defaults to 5, documented 30"
    "alertmanager-undefined-receiver|alertmanager|undefined receiver"
    "alertmanager-inline-token|alertmanager|bot_token inline; use bot_token_file"
    "backup-not-on-pvc|k8s|BACKUP_DIR /backups must be a PersistentVolumeClaim"
)

# The single quotes are deliberate: these strings are file contents, not expansions.
# shellcheck disable=SC2016
break_case() {
    local name="$1" dir="$2"
    case "${name}" in
        scraper-container-name)
            edit "${dir}/deploy/docker-compose.yml" $'    command: ["scraper"]\n' \
                $'    command: ["scraper"]\n    container_name: slothunter-scraper\n' ;;
        notifier-host-port)
            edit "${dir}/deploy/docker-compose.yml" $'    command: ["notifier"]\n' \
                $'    command: ["notifier"]\n    ports:\n      - "8081:8080"\n' ;;
        token-not-required)
            edit "${dir}/deploy/docker-compose.yml" \
                '${TELEGRAM_BOT_TOKEN:?set TELEGRAM_BOT_TOKEN in deploy/.env}' '${TELEGRAM_BOT_TOKEN:-}' ;;
        compose-unknown-key)
            edit "${dir}/deploy/docker-compose.yml" $'    command: ["bot"]\n' \
                $'    command: ["bot"]\n    restart_policy: always\n' ;;
        manifest-bad-field)
            edit "${dir}/deploy/k8s/base/scraper/deployment.yaml" \
                '  revisionHistoryLimit: 5' '  revisionHistoryLimitz: 5' ;;
        strimzi-old-api)
            edit "${dir}/deploy/k8s/components/strimzi/kafka-topics.yaml" \
                'apiVersion: kafka.strimzi.io/v1' 'apiVersion: kafka.strimzi.io/v1beta2' ;;
        hpa-above-partitions)
            edit "${dir}/deploy/k8s/base/notifier/hpa.yaml" 'maxReplicas: 6' 'maxReplicas: 12' ;;
        dockerfile-relative-workdir)
            edit "${dir}/Dockerfile" $'WORKDIR /tmp\n' $'WORKDIR tmp\n' ;;
        shell-unquoted-variable)
            printf '#!/usr/bin/env bash\ntarget=$1\nrm -rf $target/cache\n' > "${dir}/scripts/broken.sh" ;;
        promql-syntax-error)
            edit "${dir}/deploy/prometheus/alerts.yml" \
                'expr: max by (target) (slothunter_scraper_breaker_open) == 1' \
                'expr: max by (target) (slothunter_scraper_breaker_open == 1' ;;
        alert-threshold-broken)
            edit "${dir}/deploy/prometheus/alerts.yml" \
                'max(slothunter_scraper_last_success_timestamp_seconds) > 600' \
                'max(slothunter_scraper_last_success_timestamp_seconds) > 6000' ;;
        dashboard-unknown-metric)
            edit "${dir}/deploy/grafana/dashboards/slothunter.json" \
                'slothunter_notifier_notices_coalesced_total' 'slothunter_notifier_notices_merged_total' ;;
        notifier-rate-per-replica)
            edit "${dir}/deploy/k8s/base/kustomization.yaml" '- NOTIFIER_GLOBAL_RATE=30' '- NOTIFIER_GLOBAL_RATE=5' ;;
        rate-comment-per-replica)
            edit "${dir}/deploy/.env.example" '# Fleet-wide: total requests per second' '# Per replica: total requests per second' ;;
        rate-code-default-differs)
            edit "${dir}/Services/Notifier/App/NotifierSettings.swift" \
                '"NOTIFIER_GLOBAL_RATE", default: 30' '"NOTIFIER_GLOBAL_RATE", default: 5' ;;
        alertmanager-undefined-receiver)
            edit "${dir}/deploy/k8s/base/alertmanager/alertmanager.yml" \
                $'  receiver: telegram-admins\n  # One message' $'  receiver: telegram-oncall\n  # One message' ;;
        alertmanager-inline-token)
            edit "${dir}/deploy/k8s/base/alertmanager/alertmanager.yml" \
                'bot_token_file: /etc/alertmanager/secrets/telegram-bot-token' 'bot_token: "123456:inline-token"' ;;
        backup-not-on-pvc)
            edit "${dir}/deploy/k8s/base/backup/cronjob.yaml" \
                $'persistentVolumeClaim:\n                claimName: postgres-backups' 'emptyDir: {}' ;;
        *) echo "selftest: unknown case ${name}" >&2; return 1 ;;
    esac
}

started="$(date +%s)"

echo "== selftest: the unbroken copy must pass"
if ! validate "${pristine}"; then
    cat "${log}"
    echo "selftest: the unbroken copy does not pass; fix that first" >&2
    exit 1
fi
grep -E '^validate-deploy:' "${log}"

for entry in "${cases[@]}"; do
    IFS='|' read -r name check pattern <<< "${entry}"
    pattern="${entry#"${name}|${check}|"}"
    copy="${work}/${name}"
    cp -R "${pristine}" "${copy}"
    break_case "${name}" "${copy}"
    if validate "${copy}" --no-install --only "${check}"; then
        echo "ACCEPTED (bad) ${name}: the validator passed a broken file"
        sed 's/^/    /' "${log}"
        accepted+=("${name}")
    elif ! grep -q "^FAIL ${check}" "${log}" || ! grep -Eq -- "${pattern}" "${log}"; then
        echo "ACCEPTED (bad) ${name}: failed, but not in check ${check} with /${pattern}/"
        sed 's/^/    /' "${log}"
        accepted+=("${name}")
    else
        echo "rejected ${name}: FAIL ${check}: $(grep -Eo -m 1 -- "${pattern}" "${log}")"
        rejected=$((rejected + 1))
    fi
    rm -rf "${copy}"
done

echo "== selftest: everything broken at once, full run"
everything="${work}/everything"
cp -R "${pristine}" "${everything}"
for entry in "${cases[@]}"; do
    break_case "${entry%%|*}" "${everything}"
done
if validate "${everything}" --no-install; then
    echo "ACCEPTED (bad) everything-broken: the full run passed"
    accepted+=("everything-broken")
else
    summary="$(grep -E '^validate-deploy:' "${log}")"
    echo "${summary}"
    missing=()
    for check in compose-config compose-required compose-policy k8s dockerfile shell prometheus alertmanager grafana rates; do
        grep -q " ${check}\b" <<< "${summary}" || missing+=("${check}")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "ACCEPTED (bad) everything-broken: not reported as failed: ${missing[*]}"
        accepted+=("everything-broken")
    else
        echo "rejected everything-broken: every check failed in the full run"
        rejected=$((rejected + 1))
    fi
fi

total=$((${#cases[@]} + 1))
echo "=="
if [ "${#accepted[@]}" -gt 0 ]; then
    echo "validate-deploy-selftest: FAILED, ${#accepted[@]} of ${total} broken setups accepted: ${accepted[*]}"
    exit 1
fi
echo "validate-deploy-selftest: all ${rejected} of ${total} broken setups rejected ($(($(date +%s) - started)) s)"
