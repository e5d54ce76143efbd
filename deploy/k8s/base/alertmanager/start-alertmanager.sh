#!/bin/sh
# Starts Alertmanager with the admins' Telegram chat id filled into its configuration.
#
# Alertmanager reads the bot token from a file (bot_token_file in alertmanager.yml) but has no
# file option for chat_id; the chat id is kept with the token in the secret store. So this script
# copies alertmanager.yml to a writable place with the placeholder line replaced by the id read
# from ALERT_CHAT_ID_FILE, then execs Alertmanager with the remaining arguments. POSIX sh: the
# prom/alertmanager image has busybox, not bash.
#
#   ALERT_CHAT_ID_FILE     file holding the chat id (default /etc/alertmanager/secrets/alert-chat-id)
#   ALERTMANAGER_CONFIG    the checked-in configuration (default /etc/alertmanager/config/alertmanager.yml)
#   ALERTMANAGER_RENDERED  where the filled-in copy goes (default /tmp/alertmanager.yml)
#
#   start-alertmanager.sh [ALERTMANAGER FLAGS...]   render, then exec /bin/alertmanager
#   start-alertmanager.sh --render-only             render and exit (scripts/validate-deploy.sh)
set -eu

template="${ALERTMANAGER_CONFIG:-/etc/alertmanager/config/alertmanager.yml}"
rendered="${ALERTMANAGER_RENDERED:-/tmp/alertmanager.yml}"
chat_file="${ALERT_CHAT_ID_FILE:-/etc/alertmanager/secrets/alert-chat-id}"
placeholder='chat_id: 0 # ALERT_CHAT_ID'

fail() {
    echo "start-alertmanager: $*" >&2
    exit 78
}

[ -r "${chat_file}" ] || fail "cannot read ${chat_file} (the admins' Telegram chat id)"
chat_id="$(tr -d ' \t\r\n' < "${chat_file}")"
case "${chat_id#-}" in
    '' | 0 | *[!0-9]*) fail "${chat_file} must hold a Telegram chat id (an integer, e.g. -1001234567890)" ;;
esac
grep -q "${placeholder}" "${template}" || fail "${template} has no line '${placeholder}'"
sed "s/${placeholder}.*/chat_id: ${chat_id}/" "${template}" > "${rendered}"

if [ "${1:-}" = "--render-only" ]; then
    exit 0
fi
exec /bin/alertmanager --config.file="${rendered}" "$@"
