//! Dockerfile rules. They judge the syntax tree of [`crate::syntax::dockerfile`].

family! {
    Dockerfile untagged_base_image,
    Dockerfile latest_tag,
    Dockerfile root_user,
    Dockerfile relative_workdir,
    Dockerfile maintainer,
    Dockerfile shell_form_cmd,
    Dockerfile sudo,
    Dockerfile cd_in_run,
    Dockerfile apt_command,
    Dockerfile unpinned_apt_package,
    Dockerfile unpinned_apk_package,
    Dockerfile unpinned_pip_package,
    Dockerfile unpinned_npm_package,
    Dockerfile unpinned_gem,
    Dockerfile unpinned_go_install,
    Dockerfile unpinned_yum_package,
    Dockerfile unpinned_dnf_package,
    Dockerfile unpinned_zypper_package,
    Dockerfile apt_install_recommends,
    Dockerfile apt_lists_not_deleted,
    Dockerfile apk_cache,
    Dockerfile pip_cache,
    Dockerfile apt_get_yes,
    Dockerfile yum_yes,
    Dockerfile dnf_yes,
    Dockerfile zypper_non_interactive,
    Dockerfile yum_clean,
    Dockerfile dnf_clean,
    Dockerfile zypper_clean,
    Dockerfile pipefail,
    Dockerfile wget_and_curl,
    Dockerfile useradd_high_uid,
    Dockerfile tls_verification_disabled,
    Dockerfile curl_pipe_shell,
    Dockerfile hard_coded_password,
    Dockerfile add_local_files,
    Dockerfile copy_from_unknown_stage,
    Dockerfile copy_from_own_stage,
    Dockerfile duplicate_stage_name,
    Dockerfile untrusted_registry,
    Dockerfile copy_relative_without_workdir,
    Dockerfile multiple_cmd,
    Dockerfile multiple_entrypoint,
    Dockerfile multiple_healthcheck,
    Dockerfile expose_port_range,
    Dockerfile secret_in_arg_env,
    Dockerfile container_irrelevant_command,
    Dockerfile copy_multiple_sources,
    Dockerfile from_platform_flag,
    Dockerfile zypper_dist_upgrade,
    Dockerfile wget_progress,
    Dockerfile consecutive_run,
    Dockerfile yarn_cache,
    Dockerfile link_bin_sh,
    Dockerfile reserved_stage_name,
    Dockerfile redundant_target_platform,
    Dockerfile onbuild_trigger,
    Dockerfile env_self_reference,
    Dockerfile copy_whole_filesystem,
    Dockerfile non_numeric_user,
    Dockerfile invalid_label_key,
    Dockerfile instruction_order,
}

pub mod packages;

use crate::formats::image::ImageRef;
use crate::input::source::Span;
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
