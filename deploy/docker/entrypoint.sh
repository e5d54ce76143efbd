#!/bin/sh
# SlotHunter image entrypoint: the first argument chooses the executable.
#   scraper | notifier | bot | deadletter | migrate [ARGS...]   run that executable (it becomes PID 1)
#   help                                                list the commands
# Anything else is executed as given (for debugging, e.g. `sh`).
set -eu

usage() {
    cat <<'USAGE'
SlotHunter image. Usage: <image> COMMAND [ARGS...]

Commands:
  scraper      poll paziresh24 for the watched doctors and publish free slots
  notifier     turn new slots into Telegram notices
  bot          the Telegram bot (one replica only)
  deadletter   list or replay dead letters (deadletter --help)
  migrate      apply the database migrations and exit (DATABASE_URL)
  help         this text

Configuration comes from environment variables; see docs/operations.md.
USAGE
}

if [ "$#" -eq 0 ]; then
    usage
    exit 0
fi

command_name="$1"
case "${command_name}" in
    scraper | notifier | bot | deadletter | migrate)
        shift
        exec "/usr/local/bin/${command_name}" "$@"
        ;;
    help | -h | --help)
        usage
        ;;
    *)
        exec "$@"
        ;;
esac
