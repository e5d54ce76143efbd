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

# test_run_summary LOG: one closing line summing the `Test run with …` lines of every phase in LOG,
# in Swift Testing's own words: `✔ Test run with N tests in M suites passed after S seconds.`, or
# `✘ … failed after S seconds with K issues.`, followed by the phases it adds up.
test_run_summary() {
  awk '
    /Test run with [0-9]+ tests? in [0-9]+ suites? (passed|failed) after/ {
      for (i = 1; i <= NF; i++) {
        if ($i == "with" && $(i + 2) ~ /^tests?$/) { tests += $(i + 1); phase_tests[++phases] = $(i + 1) }
        if ($i == "in" && $(i + 2) ~ /^suites?$/) suites += $(i + 1)
        if ($i == "after") seconds += $(i + 1)
        if ($i == "failed") failed = 1
        if ($i == "with" && $(i + 2) ~ /^issues?\.?$/) issues += $(i + 1)
      }
    }
    END {
      if (phases == 0) { print "✘ no test ran"; exit }
      detail = ""
      for (p = 1; p <= phases; p++) detail = detail (p > 1 ? " + " : "") phase_tests[p]
      detail = phases > 1 ? sprintf(" (%d phases: %s tests)", phases, detail) : ""
      t = tests == 1 ? "test" : "tests"; s = suites == 1 ? "suite" : "suites"; i = issues == 1 ? "issue" : "issues"
      if (failed)
        printf "✘ Test run with %d %s in %d %s failed after %.3f seconds with %d %s.%s\n", tests, t, suites, s, seconds, issues, i, detail
      else
        printf "✔ Test run with %d %s in %d %s passed after %.3f seconds.%s\n", tests, t, suites, s, seconds, detail
    }' "$1"
}
