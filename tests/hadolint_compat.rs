//! hadolint users' pragmas keep working on the shell-based rules: `# hadolint ignore=`
//! with several ids and a trailing reason silences exactly those rules on the next
//! instruction, and the findings left point at the offending word.

use realtor::input::discover::Hint;
use realtor::input::source::SourceFile;
use realtor::pipeline::{Settings, check};

#[test]
fn hadolint_ignore_silences_aliased_shell_rules_for_one_instruction() {
    let text = "FROM debian:12\n\
                # hadolint ignore=DL3008,DL3015 # legacy base\n\
                RUN apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n\
                RUN apt-get update && apt-get install -y --no-install-recommends jq \\\n    && rm -rf /var/lib/apt/lists/*\n";
    let report = check::check(
        SourceFile::new("Dockerfile", text),
        Hint::Dockerfile,
        true,
        &Settings::default(),
    );
    let found: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}-{}",
                d.rule.id, d.start.line, d.start.column, d.end.column
            )
        })
        .collect();
    // No D052: both `RUN`s chain three commands, a split made on purpose.
    assert_eq!(found, ["D010 5:66-68"]);
}
