//! The placement advisor: turns each workload's placement findings (the P-rules' diagnostics)
//! into a verdict — where it runs now, where it should run, how well it fits there (mcdc's
//! tiers, the worst finding sets the tier), how much of the evidence was known, and what a
//! VM that becomes a container gives back. The cost of every placement rule for every target
//! is its [`Weight`], in its `META`; the scoring model is documented in `docs/advice.md`.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{FactKind, Platform, Workload};
use crate::report::Diagnostic;
use crate::report::FileReport;
use crate::rules::Weight;

/// Where a workload should run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Target {
    Container,
    SandboxedContainer,
    Vm,
    InsufficientData,
}

impl Target {
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Container => "container",
            Target::SandboxedContainer => "sandboxed-container",
            Target::Vm => "vm",
            Target::InsufficientData => "insufficient-data",
        }
    }
}

/// How well a workload fits its recommended target: mcdc's tiers, one per severity 0-6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fit {
    Excellent,
    Good,
    MinimalWork,
    ModerateWork,
    MajorWork,
    NoFit,
    InsufficientData,
}

impl Fit {
    /// The tier of the worst severity fired (0 when nothing fired).
    pub fn of_severity(severity: u8) -> Fit {
        match severity {
            0 => Fit::Excellent,
            1 => Fit::Good,
            2 => Fit::MinimalWork,
            3 => Fit::ModerateWork,
            4 => Fit::MajorWork,
            5 => Fit::NoFit,
            _ => Fit::InsufficientData,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Fit::Excellent => "excellent",
            Fit::Good => "good",
            Fit::MinimalWork => "minimal-work",
            Fit::ModerateWork => "moderate-work",
            Fit::MajorWork => "major-work",
            Fit::NoFit => "no-fit",
            Fit::InsufficientData => "insufficient-data",
        }
    }
}

/// The worst tier a container target may have and still be recommended: beyond
/// "minimal work" the workload goes to (or stays on) a VM when a VM fits better.
const CONTAINER_TIER_LIMIT: u8 = 2;

/// A node agent's findings count at most as "needs attention": it stays a container.
const NODE_AGENT_TIER_LIMIT: u8 = 1;

/// A verdict whose strongest reason is indirect evidence ([`Weight::indirect`]) has its
/// confidence scaled by this.
const INDIRECT_CONFIDENCE: f64 = 0.5;

/// The weight of a finding's rule, if it is a placement rule.
fn weight_of(finding: &Diagnostic) -> Option<Weight> {
    finding.rule.extra.weight
}

/// Resources a VM allocates but does not use, from its peak utilisation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reclaim {
    pub vcpus: f64,
    #[serde(rename = "memoryMiB")]
    pub memory_mib: u64,
    /// The statistic the peak came from: `p95`, `max`, or `p95+max` when they differ.
    pub basis: &'static str,
}

/// The verdict on one workload.
#[derive(Debug, Clone)]
pub struct Advice {
    pub name: String,
    pub kind: String,
    pub namespace: Option<String>,
    pub file: String,
    pub line: usize,
    /// `container`, `sandboxed-container` (a pod on gVisor or Kata) or `vm`.
    pub current: Target,
    pub recommended: Target,
    pub fit: Fit,
    pub confidence: f64,
    /// Evidence fields the input did not state.
    pub missing: Vec<&'static str>,
    /// The placement findings behind the verdict, worst cost first.
    pub findings: Vec<Diagnostic>,
    pub reclaim: Option<Reclaim>,
}

/// Counts per verdict and the summed reclaim of a fleet.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Fleet {
    pub workloads: usize,
    pub container: usize,
    #[serde(rename = "sandboxed-container")]
    pub sandboxed_container: usize,
    pub vm: usize,
    #[serde(rename = "insufficient-data")]
    pub insufficient_data: usize,
    #[serde(rename = "reclaimVcpus")]
    pub reclaim_vcpus: f64,
    #[serde(rename = "reclaimMemoryMiB")]
    pub reclaim_memory_mib: u64,
}

/// The advice for every workload of a run, in file order.
pub fn advise(reports: &[FileReport]) -> Vec<Advice> {
    let mut advice = Vec::new();
    let mut advised = std::collections::HashSet::new();
    for report in reports {
        let mut by_label: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, workload) in report.workloads.iter().enumerate() {
            by_label.entry(workload.label()).or_default().push(index);
        }
        let mut findings: Vec<Vec<Diagnostic>> = vec![Vec::new(); report.workloads.len()];
        for diagnostic in report.diagnostics.iter().chain(&report.folded) {
            if weight_of(diagnostic).is_some()
                && let Some(index) = owner(report, &by_label, diagnostic)
            {
                findings[index].push(diagnostic.clone());
            }
        }
        for (workload, findings) in report.workloads.iter().zip(findings) {
            let (file, span) = report.place(&workload.span);
            let start = file.position(span.start);
            if advised.insert((workload.label(), file.path.clone(), start)) {
                advice.push(judge(workload, findings, &file.path, start.line));
            }
        }
    }
    advice
}

/// The index of the workload a diagnostic belongs to: the one with its label or, when a
/// file declares that label twice, the last of them declared before the finding.
fn owner(
    report: &FileReport,
    by_label: &HashMap<String, Vec<usize>>,
    diagnostic: &Diagnostic,
) -> Option<usize> {
    let same = by_label.get(diagnostic.workload.as_deref()?)?;
    same.iter()
        .copied()
        .rfind(|&i| report.workloads[i].span.start <= diagnostic.span.start)
        .or_else(|| same.first().copied())
}

/// The fleet summary of a run's advice.
pub fn fleet(advice: &[Advice]) -> Fleet {
    let mut fleet = Fleet {
        workloads: advice.len(),
        ..Fleet::default()
    };
    for a in advice {
        match a.recommended {
            Target::Container => fleet.container += 1,
            Target::SandboxedContainer => fleet.sandboxed_container += 1,
            Target::Vm => fleet.vm += 1,
            Target::InsufficientData => fleet.insufficient_data += 1,
        }
        if let Some(reclaim) = &a.reclaim {
            fleet.reclaim_vcpus += reclaim.vcpus;
            fleet.reclaim_memory_mib += reclaim.memory_mib;
        }
    }
    fleet.reclaim_vcpus = round1(fleet.reclaim_vcpus);
    fleet
}

fn judge(workload: &Workload, mut findings: Vec<Diagnostic>, file: &str, line: usize) -> Advice {
    let cost = |pick: fn(&Weight) -> u8| {
        findings
            .iter()
            .filter_map(|d| weight_of(d).map(|w| pick(&w)))
            .max()
            .unwrap_or(0)
    };
    let (container, sandboxed, vm) = (cost(|w| w.container), cost(|w| w.sandboxed), cost(|w| w.vm));
    let current = current_target(workload);
    let (recommended, fit) = recommend(workload, current, container, sandboxed, vm);
    let target_cost = |d: &Diagnostic| {
        weight_of(d).map_or(0, |w| match recommended {
            Target::Vm => w.vm,
            Target::SandboxedContainer => w.sandboxed,
            _ => w.container,
        })
    };
    findings.sort_by_key(|d| std::cmp::Reverse((cost_toward(d, workload), target_cost(d))));
    let (known, missing) = evidence(workload);
    let total = known + missing.len();
    let indirect = findings.first().is_some_and(|d| {
        weight_of(d).is_some_and(|w| w.indirect) && cost_toward(d, workload) > CONTAINER_TIER_LIMIT
    });
    let scale = if indirect { INDIRECT_CONFIDENCE } else { 1.0 };
    let confidence = if total == 0 {
        0.0
    } else {
        (known as f64 / total as f64 * scale * 100.0).round() / 100.0
    };
    let reclaim = match recommended {
        Target::Container | Target::SandboxedContainer if workload.platform == Platform::Vm => {
            reclaim(workload)
        }
        _ => None,
    };
    Advice {
        name: workload.name.clone(),
        kind: workload.kind.clone(),
        namespace: workload.namespace.clone(),
        file: file.to_string(),
        line,
        current,
        recommended,
        fit,
        confidence,
        missing,
        findings,
        reclaim,
    }
}

/// Where a workload runs now: a VM, a container, or a container in a sandbox runtime.
fn current_target(workload: &Workload) -> Target {
    let sandboxed = workload
        .facts
        .iter()
        .any(|f| matches!(f.kind, FactKind::SandboxRuntime(_)));
    match workload.platform {
        Platform::Vm => Target::Vm,
        Platform::Container if sandboxed => Target::SandboxedContainer,
        Platform::Container => Target::Container,
    }
}

/// The target and its tier from the worst cost of the findings for each target
/// (docs/advice.md, "The verdict, step by step").
fn recommend(
    workload: &Workload,
    current: Target,
    container: u8,
    sandboxed: u8,
    vm: u8,
) -> (Target, Fit) {
    let (target, severity) = if workload.platform == Platform::Container && workload.is_node_agent()
    {
        (Target::Container, container.min(NODE_AGENT_TIER_LIMIT))
    } else if container <= CONTAINER_TIER_LIMIT {
        (Target::Container, container)
    } else if sandboxed <= CONTAINER_TIER_LIMIT {
        (Target::SandboxedContainer, sandboxed)
    } else if vm < container {
        (Target::Vm, vm)
    } else {
        match workload.platform {
            Platform::Container => (Target::Container, container),
            Platform::Vm => (Target::Vm, vm),
        }
    };
    if workload.platform == Platform::Vm && target != Target::Vm && !has_guest_data(workload) {
        return (Target::InsufficientData, Fit::InsufficientData);
    }
    if current == Target::SandboxedContainer && target == Target::Container {
        return (Target::SandboxedContainer, Fit::of_severity(sandboxed));
    }
    (target, Fit::of_severity(severity))
}

/// How much a finding argues against the workload's current platform: the reason to move.
fn cost_toward(finding: &Diagnostic, workload: &Workload) -> u8 {
    weight_of(finding).map_or(0, |w| match workload.platform {
        Platform::Container => w.container,
        Platform::Vm => w.container.saturating_sub(w.vm),
    })
}

/// Whether a VM's inventory says what runs inside it: its OS and its services, or any
/// guest-level detail (kernel modules, a GUI session, licences, isolation needs).
fn has_guest_data(workload: &Workload) -> bool {
    let has = |pick: fn(&FactKind) -> bool| workload.facts.iter().any(|f| pick(&f.kind));
    has(|k| matches!(k, FactKind::Os(_))) && has(|k| matches!(k, FactKind::Service { .. }))
}

/// The evidence fields a verdict rests on: how many the input stated, and the names of
/// those it did not.
fn evidence(workload: &Workload) -> (usize, Vec<&'static str>) {
    let has = |pick: &dyn Fn(&FactKind) -> bool| workload.facts.iter().any(|f| pick(&f.kind));
    let os = |pick: fn(&crate::model::OsFact) -> bool| {
        has(&|k| matches!(k, FactKind::Os(os) if pick(os)))
    };
    let fields: Vec<(&'static str, bool)> = match workload.platform {
        Platform::Vm => vec![
            ("os", os(|o| o.family.is_some() || o.distro.is_some())),
            ("os.version", os(|o| o.version.is_some())),
            ("compute.vcpus", has(&|k| matches!(k, FactKind::Vcpus(_)))),
            (
                "compute.memoryMiB",
                has(&|k| matches!(k, FactKind::MemoryMiB(_))),
            ),
            (
                "utilization.cpuPct",
                has(&|k| matches!(k, FactKind::CpuPeakPct(_))),
            ),
            (
                "utilization.memPct",
                has(&|k| matches!(k, FactKind::MemPeakPct(_))),
            ),
            (
                "workloads.services",
                has(&|k| matches!(k, FactKind::Service { .. })),
            ),
        ],
        Platform::Container => vec![
            ("image", has(&|k| matches!(k, FactKind::BaseImage(_)))),
            ("image.os", os(|o| o.distro.is_some())),
            ("command", has(&|k| matches!(k, FactKind::Init(_)))),
        ],
    };
    let known = fields.iter().filter(|(_, known)| *known).count();
    let missing = fields
        .into_iter()
        .filter(|(_, known)| !known)
        .map(|(name, _)| name)
        .collect();
    (known, missing)
}

/// Allocated-but-unused vCPU and memory of a VM, when its allocation and peak use are both
/// known for CPU and memory.
fn reclaim(workload: &Workload) -> Option<Reclaim> {
    let first =
        |pick: fn(&FactKind) -> Option<f64>| workload.facts.iter().find_map(|f| pick(&f.kind));
    let vcpus = first(|k| match k {
        FactKind::Vcpus(n) => Some(f64::from(*n)),
        _ => None,
    })?;
    let memory = first(|k| match k {
        FactKind::MemoryMiB(n) => Some(*n as f64),
        _ => None,
    })?;
    let cpu_peak = first(|k| match k {
        FactKind::CpuPeakPct(p) => Some(*p),
        _ => None,
    })?;
    let mem_peak = first(|k| match k {
        FactKind::MemPeakPct(p) => Some(*p),
        _ => None,
    })?;
    let unused = |peak: f64| 1.0 - peak.clamp(0.0, 100.0) / 100.0;
    let mut bases: Vec<&'static str> = workload
        .facts(|k| match k {
            FactKind::PeakBasis(basis) => Some(*basis),
            _ => None,
        })
        .map(|(_, basis)| basis)
        .collect();
    bases.sort_unstable();
    bases.dedup();
    let basis = match bases.as_slice() {
        ["max"] => "max",
        ["max", "p95"] => "p95+max",
        _ => "p95",
    };
    Some(Reclaim {
        vcpus: round1(vcpus * unused(cpu_peak)),
        memory_mib: (memory * unused(mem_peak)).floor() as u64,
        basis,
    })
}

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placement_rules_and_only_they_have_a_weight() {
        for rule in crate::rules::all() {
            assert_eq!(
                rule.extra.weight.is_some(),
                rule.applies_to == crate::rules::AppliesTo::Workload,
                "{}",
                rule.id
            );
        }
    }

    #[test]
    fn tiers_follow_mcdc_severities() {
        assert_eq!(Fit::of_severity(0), Fit::Excellent);
        assert_eq!(Fit::of_severity(3), Fit::ModerateWork);
        assert_eq!(Fit::of_severity(5), Fit::NoFit);
        assert_eq!(Fit::of_severity(6), Fit::InsufficientData);
    }
}
