# shellcheck shell=bash
# Which suites run in which phase of scripts/test.sh.
#
# Multi-process suites start service executables, private brokers or PostgreSQL servers and assert
# timing bounds (consumer-group rebalances, grace periods, Telegram's per-second limits): they are
# the files under a `Process/` or `Drills/` folder of a test target, and every suite of
# `EndToEndTests`. Everything else is in-process (it may use the shared broker and PostgreSQL) and
# runs in parallel.

# Prints the regular expression (for `swift test --filter/--skip`) matching the ids of the
# multi-process suites: `^(EndToEndTests\.|Module\.(TypeA|TypeB)/)`.
multi_process_regex() {
  local alternatives=("EndToEndTests\\.") module types file
  for module_dir in Tests/*/; do
    module=$(basename "$module_dir")
    [ "$module" = EndToEndTests ] && continue
    types=""
    for file in "$module_dir"Process/*.swift "$module_dir"Drills/*.swift; do
      [ -f "$file" ] || continue
      while read -r name; do
        types="${types:+$types|}$name"
      done < <(grep -ohE '^(@Suite[^)]*\) *)?(public |final )*(struct|enum|class|actor) [A-Z][A-Za-z0-9_]*' "$file" \
        | grep -oE '[A-Z][A-Za-z0-9_]*$')
    done
    [ -n "$types" ] && alternatives+=("$module\\.($types)/")
  done
  local IFS='|'
  printf '^(%s)' "${alternatives[*]}"
}
