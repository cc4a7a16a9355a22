#!/usr/bin/env bash
# Writes every kind of output `plan` makes from the repository's examples and fixtures into OUT, with
# SHA256SUMS listing each file: run it with the binary before and after a change that must not change the
# outputs, then `diff OUT1/SHA256SUMS OUT2/SHA256SUMS`. Terminal output is kept too (as .txt), with the
# output folder's path replaced by OUT so that two folders compare.
#   scripts/snapshot-outputs.sh target/release/plan /tmp/before
set -uo pipefail
bin=$(realpath "$1")
out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$out"
mkdir -p "$out"
out=$(realpath "$out")
cd "$root"
export COLUMNS=100 NO_COLOR=1
run() { # NAME ARGS…: runs plan, keeps stdout, stderr and the exit code as NAME.txt
  local name=$1
  shift
  { "$bin" "$@" 2>&1; echo "exit $?"; } | sed "s|$out|OUT|g" >"$out/$name.txt"
}
run template-all template --all -o "$out/templates"
run template-unit template --all --unit 18520 --year 2024 -o "$out/unit-18520-2024"
run template-units-2025 template --all --all-units --year 2025 -o "$out/units-2025"
run template-grid template --office y-te --layout units --year 2024 -o "$out/grid-y-te-2024.xlsx"
run template-grid-2025 template --office ldtbxh --layout units --year 2025 -o "$out/grid-ldtbxh-2025.xlsx"
run template-en --lang en template --office gd-dt -o "$out/en-gd-dt.xlsx"
run aggregate-2024 aggregate examples/2024 --year 2024 -o "$out/agg-2024.xlsx" --docx "$out/agg-2024.docx"
run aggregate-2025 aggregate examples/2025 --year 2025 --previous examples/2024 -o "$out/agg-2025.xlsx" --docx "$out/agg-2025.docx"
run aggregate-en --lang en aggregate examples/2023 --year 2023 -o "$out/agg-2023-en.xlsx" --docx "$out/agg-2023-en.docx"
run aggregate-errors aggregate examples/2024 --year 2024 --include-with-errors -o "$out/agg-2024-errors.xlsx"
run aggregate-json aggregate examples/2024 --year 2024 --format json
run progress progress examples -o "$out/progress.xlsx"
run progress-en --lang en progress examples/2023 examples/2024 -o "$out/progress-en.xlsx"
run export-csv export examples/2024 --year 2024 --format csv -o "$out/export.csv"
run export-json export examples/2024 --year 2024 --format json -o "$out/export.json"
run export-dhis2 export examples/2024 --year 2024 --format dhis2 -o "$out/export-dhis2.json"
run validate-examples validate examples/2024 --all --annotate "$out/annotated-2024"
run validate-fixtures validate tests/fixtures/filled tests/fixtures/hostile --annotate "$out/annotated-fixtures"
run validate-json validate examples/2024 tests/fixtures/hostile --format json
run validate-previous validate examples/2025 --previous examples/2024 --year 2025
run validate-en --lang en validate tests/fixtures/filled
run status status examples/2024
run status-missing status examples/2024 --missing
run catalogue catalogue
run catalogue-json catalogue --format json
run catalogue-units catalogue --units --year 2025
run catalogue-office catalogue --office y-te
run catalogue-check catalogue check tests/fixtures/catalogue/broken.toml
run catalogue-check-en --lang en catalogue check tests/fixtures/catalogue/broken.toml
run help --help
run help-en --lang en --help
for c in template validate aggregate status progress export catalogue mo; do
  run "help-$c" "$c" --help
  run "help-$c-en" --lang en "$c" --help
done
(cd "$out" && find . -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 sha256sum >SHA256SUMS)
echo "$(wc -l <"$out/SHA256SUMS") files in $out"
