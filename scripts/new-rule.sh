#!/usr/bin/env bash
# Scaffolds a rule: its module (listed in its family's table), its doc and its fixtures.
#
#     scripts/new-rule.sh FAMILY ID NAME
#     scripts/new-rule.sh kubernetes K033 no-host-aliases
#
# FAMILY is dockerfile, kubernetes, inventory or placement. The new rule reports nothing
# until its check is written, and `cargo test --test rules` fails until then: its bad
# fixture must fire where bad.expected says and its doc's Bad example must fire. Then fill
# in the doc, run `REALTOR_BLESS=1 cargo test --test rules readme` for the README's rule
# table, and `INSTA_UPDATE=always cargo test --test rules bad_fixtures` for the snapshot.
set -euo pipefail
cd "$(dirname "$0")/.."

[[ $# -eq 3 ]] || { sed -n '2,11s/^# \{0,1\}//p' "$0" >&2; exit 2; }
family=$1 id=$2 name=$3
[[ $id =~ ^[A-Z][0-9]{3}$ ]] || { echo "new-rule: ID is a letter and three digits: $id" >&2; exit 2; }
[[ $name =~ ^[a-z][a-z0-9-]*$ ]] || { echo "new-rule: NAME is kebab-case: $name" >&2; exit 2; }
case $family in
  dockerfile) kind=Dockerfile applies=Dockerfile subject="dockerfile: &Dockerfile<'_>"
    import="use crate::syntax::dockerfile::Dockerfile;" ext=Dockerfile fence=dockerfile ;;
  kubernetes) kind=Kubernetes applies=Kubernetes subject="object: &Object<'_>"
    import="use crate::formats::kubernetes::Object;" ext=yaml fence=yaml ;;
  inventory) kind=Inventory applies=Inventory subject="file: &InventoryFile<'_>"
    import="use crate::formats::inventory::InventoryFile;" ext=yaml fence=yaml ;;
  placement) kind=Workload applies=Workload subject="workload: &Workload"
    import="use crate::model::Workload;" ext=yaml fence=yaml ;;
  *) echo "new-rule: FAMILY is dockerfile, kubernetes, inventory or placement" >&2; exit 2 ;;
esac
module=${name//-/_}
source=src/rules/$family/$module.rs
doc=rules/$family/$id-$name.md
fixtures=fixtures/rules/$id
for path in "$source" "$doc" "$fixtures"; do
  [[ ! -e $path ]] || { echo "new-rule: $path exists already" >&2; exit 2; }
done
if grep -rq "id: \"$id\"" src/rules; then
  echo "new-rule: $id is taken" >&2
  exit 2
fi
extra="Extra::NONE" weight_import=""
if [[ $family == placement ]]; then
  # A placement rule's cost for a container, a sandboxed container and a VM (docs/advice.md).
  extra="Extra {
        weight: Some(Weight::new(0, 0, 0)),
        ..Extra::NONE
    }"
  weight_import=", Weight"
fi

cat >"$source" <<EOF
//! $id $name: TODO say what the rule flags, in one sentence.

$import
use crate::rules::{AppliesTo, Extra, Report, RuleMeta, Severity$weight_import};

pub static META: RuleMeta = RuleMeta {
    id: "$id",
    name: "$name",
    severity: Severity::Warning,
    applies_to: AppliesTo::$applies,
    aliases: &[],
    summary: "TODO: what is wrong when the rule fires, in one sentence.",
    help: "TODO: how to fix it, in one sentence.",
    doc: include_str!("../../../$doc"),
    extra: $extra,
};

pub fn check($subject, report: &mut Report<'_>) {
    let _ = (${subject%%:*}, report);
}
EOF

# List the rule last in its family's table (ids grow, so the table stays in id order).
python3 - "$family" "$kind" "$module" <<'EOF'
import pathlib, re, sys
family, kind, module = sys.argv[1:]
path = pathlib.Path(f"src/rules/{family}/mod.rs")
text = path.read_text()
block = re.search(r"family! \{\n((?:    \w+ \w+,\n)*)\}", text)
text = text[: block.end(1)] + f"    {kind} {module},\n" + text[block.end(1) :]
path.write_text(text)
EOF

cat >"$doc" <<EOF
---
id: $id
name: $name
severity: warning
applies-to: ${applies,,}
aliases: []
---
# $id $name

## What it checks
TODO: what fires, where the finding points, and what is deliberately not flagged.

## Why
TODO: the harm, for a reader who has not met it.

## Bad
\`\`\`$fence
TODO: an example that fires
\`\`\`

## Good
\`\`\`$fence
TODO: the same example, fixed
\`\`\`

## Suppression
TODO: how to silence one finding.
EOF

mkdir -p "$fixtures"
printf 'TODO: a file on which %s fires\n' "$id" >"$fixtures/bad.$ext"
printf 'TODO: LINE:COL-ENDLINE:ENDCOL of each finding in bad.%s\n' "$ext" >"$fixtures/bad.expected"
printf 'TODO: its good twin, on which %s stays silent\n' "$id" >"$fixtures/good.$ext"

echo "new-rule: wrote $source, $doc and $fixtures/; listed $module in src/rules/$family/mod.rs"
