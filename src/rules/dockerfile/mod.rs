//! Dockerfile rules. They judge the syntax tree of [`crate::syntax::dockerfile`].

pub mod add_local_files;
pub mod apk_cache;
pub mod apt_command;
pub mod apt_get_yes;
pub mod apt_install_recommends;
pub mod apt_lists_not_deleted;
pub mod cd_in_run;
pub mod consecutive_run;
pub mod container_irrelevant_command;
pub mod copy_from_own_stage;
pub mod copy_from_unknown_stage;
pub mod copy_multiple_sources;
pub mod copy_relative_without_workdir;
pub mod copy_whole_filesystem;
pub mod curl_pipe_shell;
pub mod dnf_clean;
pub mod dnf_yes;
pub mod duplicate_stage_name;
pub mod env_self_reference;
pub mod expose_port_range;
pub mod from_platform_flag;
pub mod hard_coded_password;
pub mod instruction_order;
pub mod invalid_label_key;
pub mod latest_tag;
pub mod link_bin_sh;
pub mod maintainer;
pub mod multiple_cmd;
pub mod multiple_entrypoint;
pub mod multiple_healthcheck;
pub mod non_numeric_user;
pub mod onbuild_trigger;
pub mod packages;
pub mod pip_cache;
pub mod pipefail;
pub mod redundant_target_platform;
pub mod relative_workdir;
pub mod reserved_stage_name;
pub mod root_user;
pub mod secret_in_arg_env;
pub mod shell_form_cmd;
pub mod sudo;
pub mod tls_verification_disabled;
pub mod unpinned_apk_package;
pub mod unpinned_apt_package;
pub mod unpinned_dnf_package;
pub mod unpinned_gem;
pub mod unpinned_go_install;
pub mod unpinned_npm_package;
pub mod unpinned_pip_package;
pub mod unpinned_yum_package;
pub mod unpinned_zypper_package;
pub mod untagged_base_image;
pub mod untrusted_registry;
pub mod useradd_high_uid;
pub mod wget_and_curl;
pub mod wget_progress;
pub mod yarn_cache;
pub mod yum_clean;
pub mod yum_yes;
pub mod zypper_clean;
pub mod zypper_dist_upgrade;
pub mod zypper_non_interactive;

use crate::image::ImageRef;
use crate::source::Span;
use crate::syntax::dockerfile::{Dockerfile, Instruction, UnescapedString};
use crate::syntax::shell::{SimpleCommand, Word};

/// One command of a `RUN` script, with where it is.
#[derive(Clone, Copy)]
pub struct RunCommand<'d> {
    /// Index of the `RUN` in [`Dockerfile::instructions`].
    pub instruction: usize,
    /// Index of its stage in [`Dockerfile::stages`].
    pub stage: usize,
    pub command: &'d SimpleCommand,
    /// All the commands of the same `RUN`.
    pub script: &'d [SimpleCommand],
    /// Index of `command` in `script`.
    pub position: usize,
}

/// Every command of every `RUN`, in file order.
pub fn run_commands<'d>(dockerfile: &'d Dockerfile<'_>) -> impl Iterator<Item = RunCommand<'d>> {
    dockerfile
        .scripts
        .iter()
        .enumerate()
        .flat_map(move |(instruction, script)| {
            let stage = stage_of(dockerfile, instruction);
            script
                .iter()
                .enumerate()
                .map(move |(position, command)| RunCommand {
                    instruction,
                    stage,
                    command,
                    script,
                    position,
                })
        })
}

/// Whether any command of a `RUN` passes `test`, scanned once per `RUN` however many of
/// its commands ask (asking per command would be quadratic in a long `&&` chain).
pub struct RunScan<F> {
    test: F,
    last: std::cell::Cell<Option<(usize, bool)>>,
}

impl<F: Fn(&crate::syntax::shell::SimpleCommand) -> bool> RunScan<F> {
    pub fn new(test: F) -> Self {
        RunScan {
            test,
            last: std::cell::Cell::new(None),
        }
    }

    pub fn any(&self, run: &RunCommand<'_>) -> bool {
        match self.last.get() {
            Some((instruction, found)) if instruction == run.instruction => found,
            _ => {
                let found = run.script.iter().any(&self.test);
                self.last.set(Some((run.instruction, found)));
                found
            }
        }
    }
}

/// The stage an instruction belongs to (0 for instructions before the first `FROM`).
pub fn stage_of(dockerfile: &Dockerfile<'_>, instruction: usize) -> usize {
    dockerfile
        .stages
        .partition_point(|s| s.from <= instruction)
        .saturating_sub(1)
}

pub use crate::syntax::shell::is_option;

pub fn has_option(words: &[Word], short: &[char], long: &[&str]) -> bool {
    words.iter().any(|w| is_option(&w.text, short, long))
}

/// For each stage, whether it ends up in the image: the final stage and every stage it
/// is built `FROM`, transitively. Builder stages only copied from do not ship.
pub fn shipped_stages(dockerfile: &Dockerfile<'_>) -> Vec<bool> {
    let mut shipped = vec![false; dockerfile.stages.len()];
    let mut current = dockerfile.stages.len().checked_sub(1);
    while let Some(index) = current {
        if shipped[index] {
            break;
        }
        shipped[index] = true;
        current = dockerfile
            .resolved_image(&dockerfile.stages[index])
            .and_then(|image| {
                dockerfile.stages[..index].iter().rposition(|s| {
                    s.name
                        .as_deref()
                        .is_some_and(|n| n.eq_ignore_ascii_case(&image))
                })
            });
    }
    shipped
}

/// Whether a `RUN` has a `--mount=type=cache`, which keeps caches out of the image.
pub fn has_cache_mount(dockerfile: &Dockerfile<'_>, instruction: usize) -> bool {
    let Instruction::Run(run) = &dockerfile.instructions[instruction] else {
        return false;
    };
    run.options.iter().any(|flag| {
        flag.name.value == "mount"
            && flag
                .value
                .as_ref()
                .is_some_and(|v| v.value.split(',').any(|part| part == "type=cache"))
    })
}

/// Each stage's base image that is a real image (not `scratch`, not an earlier stage),
/// with `ARG` defaults resolved, and the span of the image as written.
pub fn base_images(dockerfile: &Dockerfile<'_>) -> Vec<(String, Span)> {
    let mut images = Vec::new();
    for (index, stage) in dockerfile.stages.iter().enumerate() {
        let Instruction::From(from) = &dockerfile.instructions[stage.from] else {
            continue;
        };
        let Some(image) = dockerfile.resolved_image(stage) else {
            continue;
        };
        let earlier_stage = dockerfile.stage_by_name(&image).is_some_and(|s| s < index);
        if image.eq_ignore_ascii_case("scratch") || earlier_stage {
            continue;
        }
        images.push((image, from.image.span.clone()));
    }
    images
}

/// The final stage's last `USER`: its user name (before any `:group`) and the span of its
/// argument.
pub fn final_user(dockerfile: &Dockerfile<'_>) -> Option<(String, Span)> {
    let stage = dockerfile.final_stage()?;
    let user = dockerfile
        .stage_instructions(stage)
        .iter()
        .rev()
        .find_map(|i| match i {
            Instruction::User(user) => Some(user),
            _ => None,
        })?;
    let name = user.arguments.value.split(':').next().unwrap_or("").trim();
    Some((name.to_string(), user.arguments.span.clone()))
}

/// Report each instruction of a stage that a later one of the same kind (`keyword`)
/// overrides; `keyword_span` picks that kind's instructions by their keyword's span.
pub fn report_overridden(
    dockerfile: &Dockerfile<'_>,
    report: &mut crate::rules::Report<'_>,
    keyword: &str,
    keyword_span: impl Fn(&Instruction<'_>) -> Option<Span>,
) {
    for stage in &dockerfile.stages {
        let mut seen = false;
        for span in dockerfile
            .stage_instructions(stage)
            .iter()
            .filter_map(&keyword_span)
        {
            if seen {
                report.at(
                    span,
                    format!("an earlier `{keyword}` of this stage is overridden"),
                );
            }
            seen = true;
        }
    }
}

/// True when an image reference has neither tag nor digest.
pub fn is_untagged(image: &str) -> bool {
    let image = ImageRef::parse(image);
    image.tag.is_none() && image.digest.is_none()
}

/// The value of a `COPY --from=...` flag.
pub fn copy_from<'c, 'a>(
    copy: &'c parse_dockerfile::CopyInstruction<'a>,
) -> Option<&'c UnescapedString<'a>> {
    copy.options
        .iter()
        .find(|flag| flag.name.value == "from")
        .and_then(|flag| flag.value.as_ref())
}
