#!/bin/sh
# Execute the numbered notebooks and render their HTML reports: what `make report` runs.
#
# Paths arrive in the environment (CORPUS, MANIFEST, REPORTS), never in the text of a
# command, and are always quoted: a folder whose name holds spaces, quotes or `;` is only
# ever a name. BIN (the virtualenv's bin folder) and NUMBERED (the notebooks) come from the
# Makefile; REPORT_JOBS (optional) caps how many notebooks run at once. IECORPUS_WORKERS
# (make report WORKERS=4) reaches every notebook from the environment: each then works on a
# Dask cluster of that many workers, so the notebooks run one at a time unless REPORT_JOBS says.
#
# Without CORPUS and MANIFEST the embedded corpus is reported into REPORTS itself. Otherwise
# the report goes to a folder of its own under REPORTS, named after the corpus folder (or
# the manifest) plus a short hash of its absolute path: REPORTS/<name>-<hash>, emptied
# first, so that `CORPUS=/x/..` cannot write beside the README and two corpora with the
# same folder name do not overwrite each other. A failed run leaves a FAILED file and an
# index.html that says so, and exits non-zero. What each notebook printed is in
# <report folder>/logs/<notebook>.log; how long it took (wall and CPU seconds, its slowest
# cells) in <report folder>/logs/<notebook>.json; what cleaning the corpus first printed in
# <report folder>/logs/corpus.log.
set -eu
: "${BIN:?set by the Makefile}" "${NUMBERED:?set by the Makefile}"
CORPUS=${CORPUS-}
MANIFEST=${MANIFEST-}
REPORTS=${REPORTS:-reports}

# The absolute, physical path of an existing file or folder.
absolute() {
  if [ -d "$1" ]; then
    (cd -- "$1" && pwd -P)
  else
    printf '%s/%s\n' "$(cd -- "$(dirname -- "$1")" && pwd -P)" "$(basename -- "$1")"
  fi
}

if [ -n "$CORPUS" ]; then
  if [ -n "$MANIFEST" ]; then
    "$BIN/python" -m iecorpus.check --manifest "$MANIFEST" -- "$CORPUS"
  else
    "$BIN/python" -m iecorpus.check -- "$CORPUS"
  fi
fi

if [ -n "$CORPUS$MANIFEST" ]; then
  if [ -n "$CORPUS" ]; then
    source=$(absolute "$CORPUS")
    name=$(basename -- "$source")
  else
    [ -f "$MANIFEST" ] || { echo "report: $MANIFEST: the manifest does not exist" >&2; exit 2; }
    source=$(absolute "$MANIFEST")
    name=$(basename -- "$source")
    name=${name%.*}
  fi
  name=$(printf '%s' "$name" | tr -c 'A-Za-z0-9._-' '_')
  case $name in '' | .*) name="corpus$name" ;; esac
  hash=$(printf '%s' "$source" | sha256sum | cut -c1-8)
  dir="$REPORTS/$name-$hash"
  rm -rf -- "$dir"
  mkdir -p -- "$dir"
  where=$(absolute "$dir")
  set -- -r processed_dir "$where/processed" -r figures_dir "$where/figures"
  if [ -n "$CORPUS" ]; then set -- "$@" -r corpus_dir "$source"; fi
  if [ -n "$MANIFEST" ]; then set -- "$@" -r manifest "$(absolute "$MANIFEST")"; fi
else
  dir=$REPORTS
  mkdir -p -- "$dir"
  rm -f -- "$dir/FAILED" "$dir/index.html"
  set --
fi

fail() {
  printf '%s\n' "$1" >"$dir/FAILED"
  cat >"$dir/index.html" <<EOF
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Report failed</title></head>
<body><h1>This report is incomplete</h1>
<p>The run failed: $1. The pages in this folder are partial; see the output of
<code>make report</code>, fix the cause and run it again.</p></body></html>
EOF
  echo "report: FAILED: $1. $dir is marked FAILED (see $dir/FAILED)." >&2
  exit 1
}

# Clear what an earlier run of these notebooks left, so that nothing stale looks current.
logs=$dir/logs
mkdir -p -- "$logs"
rm -f -- "$logs/corpus.log"
for nb in $NUMBERED; do
  name=$(basename -- "$nb" .ipynb)
  rm -f -- "$dir/$name.ipynb" "$dir/$name.html" "$dir/$name-code.html" \
    "$logs/$name.log" "$logs/$name.json" "$logs/$name.failed"
done

# The reasons of the notebooks that failed, joined with "; " (empty when none did).
failures() {
  for nb in $NUMBERED; do
    name=$(basename -- "$nb" .ipynb)
    [ -f "$logs/$name.failed" ] && cat -- "$logs/$name.failed"
  done | paste -sd ';' - | sed 's/;/; /g'
}

# The corpus is cleaned once, before any notebook (`--prepare`, with the notebooks' corpus
# parameters): every notebook then reads the cleaned-corpus cache, so all of them run side by
# side, at most REPORT_JOBS at a time (default: the number of cores). Should that step fail,
# the first notebook runs alone first, as it did before: it builds the cache the others read
# and says in its report what went wrong. With IECORPUS_WORKERS the notebooks run one after
# another anyway (each on its own Dask cluster), and the first one cleans the corpus.
jobs=${REPORT_JOBS:-$(nproc 2>/dev/null || echo 1)}
first=1
case ${IECORPUS_WORKERS:-1} in
  1)
    if "$BIN/python" -m iecorpus.report --prepare "$@" >"$logs/corpus.log" 2>&1; then
      first=0
    fi
    ;;
  *) jobs=${REPORT_JOBS:-1} ;;
esac
# Each notebook is executed, stabilised and rendered (both HTML forms) in a process of its own,
# forked from one that loaded papermill and nbconvert once. Everything a notebook prints goes
# to logs/NAME.log, so that notebooks running side by side do not interleave; a failure writes
# logs/NAME.failed and shows the end of the log. papermill's -r options follow.
set -- --output-dir "$dir" --cwd notebooks --logs "$logs" --jobs "$jobs" "$@"
if [ "$first" = 1 ]; then set -- --first-alone "$@"; fi
status=0
# shellcheck disable=SC2086  # NUMBERED is a list of notebook paths from the Makefile
"$BIN/python" -m iecorpus.report --run-all $NUMBERED "$@" || status=$?
failed=$(failures)
[ -z "$failed" ] || fail "$failed"
[ "$status" = 0 ] || fail "the notebooks could not be run (exit status $status)"
"$BIN/python" -m iecorpus.report "$dir" || fail "the index could not be written"
echo "report: done: $dir/index.html"
