#!/usr/bin/env bash
# completion.sh AUTONOMY COMPLETION: the bash completion proposes the
# commands, each command's options as its --help lists them, option values,
# and scenario files, in a folder this script makes.
set -euo pipefail
autonomy=$1
source "$2"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# a PATH where `autonomy` is the program under test, as a user would type it
mkdir "$dir/bin" "$dir/work" && ln -s "$autonomy" "$dir/bin/autonomy"
PATH="$dir/bin:$PATH"
cd "$dir/work"
touch policy.xml notes.txt
mkdir results
complete_line() { # the words of a command line, the last being completed
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMPREPLY=()
    _autonomy
    printf '%s\n' "${COMPREPLY[@]}" | sort | paste -sd' '
}
expect() { # expected, then the words
    local want=$1 got
    shift
    got=$(complete_line "$@")
    if [[ $got != "$want" ]]; then
        echo "completion of '$*': got '$got', expected '$want'" >&2
        exit 1
    fi
    echo "ok: '$*' -> $got"
}
expect "run" autonomy ru
expect "compare" autonomy comp
expect "merge" autonomy mer
expect "results" autonomy merge res
expect "--samples" autonomy run --sa
expect "--reference" autonomy compare --ref
expect "--hourly-threshold" autonomy compare --hourly
expect "--hourly" autonomy run --hour
expect "--by" autonomy seek --b
expect "md" autonomy compare x --format m
expect "co2 cost" autonomy compare x --sort c
expect "policy.xml results" autonomy run ''
expect "results" autonomy compare res
expect "parameters" autonomy help pa
# every option of every command's --help is offered
for cmd in validate run merge compare seek weather bench; do
    want=$("$autonomy" "$cmd" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u | paste -sd' ')
    expect "$want" autonomy "$cmd" --
done
