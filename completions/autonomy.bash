# bash completion for autonomy: its commands, and each command's options as
# its own --help lists them (so that they never drift from the program),
# scenario and batch files for validate, run and seek, folders for compare
# and merge.
# Installed by `cmake --install` to share/bash-completion/completions.
_autonomy()
{
    local cur prev cmd i
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    cmd=
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        -*) ;;
        *) cmd=${COMP_WORDS[i]}; break ;;
        esac
    done
    if [[ -z $cmd ]]; then
        COMPREPLY=($(compgen -W "validate run merge compare seek weather bench help --help --version" \
                     -- "$cur"))
        return
    fi
    case $prev in
    --format)
        case $cmd in
        compare) COMPREPLY=($(compgen -W "md csv html" -- "$cur")) ;;
        weather) COMPREPLY=($(compgen -W "epw pvgis-epw pvgis-csv csv" -- "$cur")) ;;
        esac
        return ;;
    --sort) COMPREPLY=($(compgen -W "year cost co2 jobs" -- "$cur")); return ;;
    --out|--dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --file|--csv|--scenario|--dump-series) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac
    if [[ $cur == -* ]]; then
        local opts
        opts=$("${COMP_WORDS[0]}" "$cmd" --help 2>/dev/null |
               grep -o -- '--[a-z][a-z0-9-]*' | sort -u)
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    case $cmd in
    help) COMPREPLY=($(compgen -W "validate run merge compare seek weather bench parameters" \
                       -- "$cur")) ;;
    compare|merge) COMPREPLY=($(compgen -d -- "$cur")) ;;
    *) COMPREPLY=($(compgen -f -X '!*.xml' -- "$cur") $(compgen -d -- "$cur")) ;;
    esac
}
complete -F _autonomy autonomy
