#!/bin/sh
# Execute the numbered notebooks and render their HTML reports: what `make report` runs.
#
# Paths arrive in the environment (CORPUS, MANIFEST, REPORTS), never in the text of a
# command, and are always quoted: a folder whose name holds spaces, quotes or `;` is only
# ever a name. BIN (the virtualenv's bin folder), NUMBERED (the notebooks) and HTML
# (nbconvert's options) come from the Makefile.
#
# Without CORPUS and MANIFEST the embedded corpus is reported into REPORTS itself. Otherwise
# the report goes to a folder of its own under REPORTS, named after the corpus folder (or
# the manifest) plus a short hash of its absolute path: REPORTS/<name>-<hash>, emptied
# first, so that `CORPUS=/x/..` cannot write beside the README and two corpora with the
# same folder name do not overwrite each other. A failed run leaves a FAILED file and an
# index.html that says so, and exits non-zero.
set -eu
: "${BIN:?set by the Makefile}" "${NUMBERED:?set by the Makefile}"
CORPUS=${CORPUS-}
MANIFEST=${MANIFEST-}
REPORTS=${REPORTS:-reports}
HTML=${HTML-}

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
for nb in $NUMBERED; do
  name=$(basename -- "$nb" .ipynb)
  rm -f -- "$dir/$name.ipynb" "$dir/$name.html" "$dir/$name-code.html"
done

for nb in $NUMBERED; do
  name=$(basename -- "$nb" .ipynb)
  echo "report: $name"
  "$BIN/papermill" --log-level WARNING --no-progress-bar -k python3 --cwd notebooks \
    "$@" "$nb" "$dir/$name.ipynb" || fail "notebook $name did not run to the end"
  "$BIN/python" -m iecorpus.report --stabilize "$dir/$name.ipynb" ||
    fail "notebook $name could not be stabilised"
  # $HTML is a list of options, split on purpose.
  "$BIN/jupyter" nbconvert $HTML --no-input --output-dir "$dir" "$dir/$name.ipynb" ||
    fail "notebook $name could not be rendered"
  "$BIN/jupyter" nbconvert $HTML --output-dir "$dir" --output "$name-code" \
    "$dir/$name.ipynb" || fail "notebook $name could not be rendered with its code"
done
"$BIN/python" -m iecorpus.report "$dir" || fail "the index could not be written"
echo "report: done: $dir/index.html"
