#!/usr/bin/env bash
# every relative link and image in README.md and docs/*.md must name an existing file; anchors are checked
# against the target page's headings (GitHub's slugs)
cd "${1:-.}"
bad=0; n=0
for f in README.md docs/*.md; do
  d=$(dirname "$f")
  while IFS= read -r link; do
    target=${link%%#*}; anchor=${link#*#}; [ "$anchor" = "$link" ] && anchor=
    case "$target" in http://*|https://*|mailto:*) continue;; esac
    n=$((n+1))
    if [ -z "$target" ]; then path=$f; else path="$d/$target"; fi
    if [ ! -e "$path" ]; then echo "MISSING $f -> $link"; bad=$((bad+1)); continue; fi
    if [ -n "$anchor" ]; then
      if ! grep -E '^#+ ' "$path" | sed -E 's/^#+ //' | tr 'A-Z' 'a-z' | sed -E 's/[^a-z0-9 _-]//g; s/ /-/g' | grep -qx -- "$anchor"; then
        echo "NO ANCHOR $f -> $link"; bad=$((bad+1)); fi
    fi
  done < <(grep -oE '\]\([^)]+\)' "$f" | sed -E 's/^\]\(//; s/\)$//')
done
echo "$n links checked, $bad broken"
[ "$bad" -eq 0 ]
