//! Extraction of the common [`Workload`] model from each format's syntax tree. Every fact
//! carries the span that proves it; what a file does not say is left out, never guessed.

use rayon::prelude::*;

use crate::formats::inventory::InventoryFile;
use crate::formats::kubernetes::{Object, Pod};
use crate::input::source::Span;
use crate::model::{FactKind, HostNamespace, IsolationNeed, OsFact, Platform, Workload};
use crate::syntax::dockerfile::{
    Command, Dockerfile, Instruction, arg_pairs, command_span, command_text, expand_args,
};
use crate::syntax::yaml::{Node, PathSegment::Key};

/// The image a Dockerfile builds: its final stage, following `FROM <stage>` back.
pub fn dockerfile(dockerfile: &Dockerfile<'_>, span: Span) -> Workload {
    let mut workload = Workload {
        name: dockerfile.file.path.clone(),
        kind: "Dockerfile".into(),
        namespace: None,
        span,
        platform: Platform::Container,
        facts: Vec::new(),
    };
    let mut chain = Vec::new();
    let mut stage = dockerfile.stages.len().checked_sub(1);
    while let Some(index) = stage {
        chain.push(index);
        let image = dockerfile
            .resolved_image(&dockerfile.stages[index])
            .unwrap_or_default();
        stage = dockerfile.stages[..index].iter().rposition(|s| {
            s.name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(&image))
        });
    }
    let Some(&root) = chain.last() else {
        return workload;
    };
    if let (Some(image), Instruction::From(from)) = (
        dockerfile.resolved_image(&dockerfile.stages[root]),
        &dockerfile.instructions[dockerfile.stages[root].from],
    ) {
        let span = from.image.span.clone();
        if let Some(os) = os_of_image(&image) {
            workload.add(span.clone(), FactKind::Os(os));
        }
        workload.add(span, FactKind::BaseImage(image));
    }
    let (mut entrypoint, mut cmd) = (None, None);
    let mut values = dockerfile.global_arg_defaults();
    for &index in chain.iter().rev() {
        let mut cmd_set_here = false;
        let stage = &dockerfile.stages[index];
        for (at, instruction) in stage
            .range
            .clone()
            .zip(dockerfile.stage_instructions(stage))
        {
            match instruction {
                Instruction::Run(run) => {
                    let mut text = command_text(&run.arguments);
                    for heredoc in &run.here_docs {
                        text.push('\n');
                        text.push_str(&heredoc.value);
                    }
                    if writes_sftp_only_config(&text) {
                        let kind = FactKind::SftpOnly("the sshd_config a RUN writes".into());
                        workload.add(command_span(&run.arguments), kind);
                    }
                    workload.add(command_span(&run.arguments), FactKind::Runs(text));
                    script_facts(&dockerfile.scripts[at], &mut workload);
                }
                Instruction::Arg(arg) => {
                    for (name, value) in arg_pairs(&arg.arguments.value) {
                        if let Some(value) = value {
                            values.insert(name.to_string(), value.to_string());
                        }
                    }
                }
                Instruction::Env(env) => {
                    for (name, value) in arg_pairs(&env.arguments.value) {
                        let value = value.and_then(|v| expand_args(v, &values));
                        values.insert(name.to_string(), value.unwrap_or_default());
                    }
                }
                Instruction::Entrypoint(e) => {
                    entrypoint = Some(&e.arguments);
                    if !cmd_set_here {
                        cmd = None;
                    }
                }
                Instruction::Cmd(c) => {
                    cmd = Some(&c.arguments);
                    cmd_set_here = true;
                }
                Instruction::Copy(copy) => {
                    let dest: &str = copy.dest.value.as_ref();
                    let is_program_path = ["/usr/bin/", "/usr/local/bin/", "/bin/", "/usr/sbin/"]
                        .iter()
                        .any(|dir| dest.starts_with(dir));
                    let name = dest.rsplit('/').next().unwrap_or("");
                    if is_program_path && !name.is_empty() && !name.contains('$') {
                        let kind = FactKind::Software(name.to_string());
                        workload.add(copy.dest.span.clone(), kind);
                    }
                }
                Instruction::Expose(expose) => {
                    for port in &expose.arguments {
                        let expanded = expand_args(&port.value, &values).unwrap_or_default();
                        let number = expanded.split('/').next().unwrap_or("");
                        if let Ok(number) = number.parse() {
                            workload.add(port.span.clone(), FactKind::ExposedPort(number));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let init = match (entrypoint, cmd) {
        (Some(e), Some(c)) if matches!(e, Command::Exec(_)) => Some((
            command_span(e),
            format!("{} {}", command_text(e), command_text(c)),
        )),
        (Some(e), _) => Some((command_span(e), command_text(e))),
        (None, Some(c)) => Some((command_span(c), command_text(c))),
        (None, None) => None,
    };
    if let Some((span, text)) = init {
        workload.add(span, FactKind::Init(text));
    }
    workload
}

/// What a release archive's URL ships: its file name up to the platform or version
/// (`https://.../actions-runner-linux-x64-2.311.0.tar.gz` is `actions-runner`).
fn released_software(url: &str) -> Option<String> {
    if !url.starts_with("https://") && !url.starts_with("http://") {
        return None;
    }
    let file = url.rsplit('/').next()?;
    let file = [".tar.gz", ".tgz", ".tar.xz", ".zip", ".deb", ".rpm"]
        .iter()
        .find_map(|ext| file.strip_suffix(ext))?;
    let all: Vec<&str> = file.split(['-', '_']).collect();
    let name = all
        .iter()
        .take_while(|part| {
            !part.starts_with(|c: char| c.is_ascii_digit() || c == '$' || c == 'v')
                && !matches!(**part, "linux" | "amd64" | "x64" | "x86" | "arm64")
        })
        .count();
    (name > 0 && name < all.len()).then(|| all[..name].join("-"))
}

/// The command `sudo` runs (`sudo -E pacman -S qemu`), when the command is a `sudo`.
fn without_sudo(
    command: &crate::syntax::shell::SimpleCommand,
) -> Option<crate::syntax::shell::SimpleCommand> {
    if command.name() != Some("sudo") {
        return None;
    }
    let mut start = 1;
    while let Some(word) = command.words.get(start)
        && word.text.starts_with('-')
    {
        let valued = matches!(word.text.as_str(), "-u" | "-g" | "-U" | "-C" | "-h" | "-p");
        start += if valued { 2 } else { 1 };
    }
    (start < command.words.len()).then(|| crate::syntax::shell::SimpleCommand {
        assignments: Vec::new(),
        words: command.words[start..].to_vec(),
        next: None,
    })
}

/// Package managers whose installs name the machine's software.
const OS_PACKAGE_MANAGERS: &[&crate::syntax::packages::Manager] = &[
    &crate::syntax::packages::APT_GET,
    &crate::syntax::packages::APT,
    &crate::syntax::packages::YUM,
    &crate::syntax::packages::DNF,
    &crate::syntax::packages::APK,
    &crate::syntax::packages::ZYPPER,
    &crate::syntax::packages::PACMAN,
];

/// The packages a `RUN` installs and the services it enables or starts at boot
/// (`systemctl enable`, `update-rc.d`, `chkconfig`, `rc-update add`, `service x start`,
/// `/etc/init.d/x start`).
fn script_facts(script: &[crate::syntax::shell::SimpleCommand], workload: &mut Workload) {
    for command in script {
        let unwrapped = without_sudo(command);
        let command = unwrapped.as_ref().unwrap_or(command);
        if let Some(install) = OS_PACKAGE_MANAGERS
            .iter()
            .find_map(|m| crate::syntax::packages::install(command, m))
        {
            for package in install.packages {
                workload.add(
                    package.span.clone(),
                    FactKind::Package(package.text.clone()),
                );
            }
            continue;
        }
        if matches!(command.name(), Some("curl" | "wget")) {
            for word in command.args() {
                if let Some(name) = released_software(&word.text) {
                    workload.add(word.span.clone(), FactKind::Software(name));
                }
            }
        }
        let words: Vec<&str> = command.words.iter().map(|w| w.text.as_str()).collect();
        let service = match (command.name(), words.as_slice()) {
            (Some("systemctl"), [_, rest @ ..]) => match rest
                .iter()
                .filter(|w| !w.starts_with('-'))
                .collect::<Vec<_>>()
                .as_slice()
            {
                [verb, unit, ..] if **verb == "enable" => Some(unit.trim_end_matches(".service")),
                _ => None,
            },
            (Some("update-rc.d"), [_, name, ..]) => Some(*name),
            (Some("chkconfig"), [_, name, on]) if on.eq_ignore_ascii_case("on") => Some(*name),
            (Some("rc-update"), [_, "add", name, ..]) => Some(*name),
            (Some("service"), [_, name, "start" | "restart", ..]) => Some(*name),
            (Some(program), [path, "start" | "restart", ..])
                if path.starts_with("/etc/init.d/") =>
            {
                Some(program)
            }
            _ => None,
        };
        if let (Some(service), Some(last)) = (service, command.words.last()) {
            let span = command.words[0].span.start..last.span.end;
            workload.add(span, FactKind::BootService(service.to_string()));
        }
    }
}

/// Whether a `RUN` writes `ForceCommand internal-sftp` into the SSH server's configuration
/// for every login (no `Match` block, which would bind it to some users only).
fn writes_sftp_only_config(run: &str) -> bool {
    run.contains("sshd_config")
        && run.contains("ForceCommand internal-sftp")
        && !run.contains("Match ")
}

/// The OS an official base image names, as a fact.
pub fn os_of_image(image: &str) -> Option<OsFact> {
    crate::formats::os::of_image(image).map(|os| OsFact {
        family: Some(os.family.into()),
        distro: Some(os.distro),
        version: os.version,
    })
}

/// A Kubernetes object that runs something: a pod-bearing workload or a KubeVirt VM.
pub fn kubernetes(object: &Object<'_>) -> Option<Workload> {
    let platform =
        if crate::formats::kubernetes::is_virtual_machine(object.api_version, object.kind) {
            Platform::Vm
        } else if object.pod.is_some() {
            Platform::Container
        } else {
            return None;
        };
    let metadata = object.node.get("metadata").map(|e| &e.value);
    let span = metadata
        .and_then(|m| m.get("name"))
        .map_or_else(|| object.node.span.clone(), |e| e.value.span.clone());
    let mut workload = Workload {
        name: object.name.unwrap_or("").to_string(),
        kind: object.kind.to_string(),
        namespace: object.namespace.map(str::to_string),
        span,
        platform,
        facts: Vec::new(),
    };
    if let Some(annotations) = metadata.and_then(|m| m.get("annotations")) {
        for entry in annotations.value.entries() {
            let need = match (entry.key.as_str(), entry.value.as_str()) {
                (Some("realtor.dev/untrusted-code"), Some("true")) => IsolationNeed::UntrustedCode,
                (Some("realtor.dev/multi-tenant"), Some("true")) => IsolationNeed::MultiTenant,
                (Some("realtor.dev/isolation"), Some("strong")) => IsolationNeed::Strong,
                _ => continue,
            };
            workload.add(entry.value.span.clone(), FactKind::IsolationNeed(need));
        }
    }
    if let Some(pod) = &object.pod {
        pod_facts(pod, &mut workload);
    }
    if platform == Platform::Vm {
        let vmi = if object.kind == "VirtualMachineInstance" {
            object.node.get("spec").map(|e| &e.value)
        } else {
            object
                .node
                .lookup(&[Key("spec"), Key("template"), Key("spec")])
                .map(|found| found.node)
        };
        if let Some(vmi) = vmi {
            kubevirt_facts(vmi, &mut workload);
        }
    }
    let claim_templates = object
        .node
        .lookup(&[Key("spec"), Key("volumeClaimTemplates")])
        .map(|found| found.node.items())
        .unwrap_or_default();
    for template in claim_templates {
        workload.add(template.span.clone(), FactKind::PersistentVolume);
    }
    Some(workload)
}

fn pod_facts(pod: &Pod<'_>, workload: &mut Workload) {
    let at = |keys: &[&str], node: &Node| {
        let path: Vec<_> = keys.iter().map(|k| Key(k)).collect();
        node.lookup(&path).map(|found| found.node.span.clone())
    };
    for (key, namespace) in [
        ("hostNetwork", HostNamespace::Network),
        ("hostPID", HostNamespace::Pid),
        ("hostIPC", HostNamespace::Ipc),
    ] {
        let on = match namespace {
            HostNamespace::Network => pod.spec.host_network,
            HostNamespace::Pid => pod.spec.host_pid,
            HostNamespace::Ipc => pod.spec.host_ipc,
        };
        if let (Some(true), Some(span)) = (on, at(&[key], pod.node)) {
            workload.add(span, FactKind::HostNamespace(namespace));
        }
    }
    if let (Some(class), Some(span)) = (
        &pod.spec.runtime_class_name,
        at(&["runtimeClassName"], pod.node),
    ) {
        let sandboxed = ["gvisor", "runsc", "kata"]
            .iter()
            .any(|s| class.contains(s));
        if sandboxed {
            workload.add(span, FactKind::SandboxRuntime(class.clone()));
        }
    }
    if let (Some(class), Some(span)) = (
        &pod.spec.priority_class_name,
        at(&["priorityClassName"], pod.node),
    ) {
        workload.add(span, FactKind::PriorityClass(class.clone()));
    }
    let volume_list = pod.node.get("volumes").map(|e| e.value.items());
    for (volume, node) in pod
        .spec
        .volumes
        .iter()
        .flatten()
        .zip(volume_list.unwrap_or_default())
    {
        let outlives_pod = volume.persistent_volume_claim.is_some()
            || volume.nfs.is_some()
            || volume.csi.is_some()
            || volume.cinder.is_some()
            || volume.gce_persistent_disk.is_some()
            || volume.aws_elastic_block_store.is_some()
            || volume.azure_disk.is_some()
            || volume.azure_file.is_some()
            || volume.iscsi.is_some()
            || volume.rbd.is_some()
            || volume.cephfs.is_some()
            || volume.glusterfs.is_some()
            || volume.fc.is_some();
        if outlives_pod {
            workload.add(node.span.clone(), FactKind::PersistentVolume);
        }
    }
    let volumes = pod.spec.volumes.iter().flatten();
    let volume_nodes = pod
        .node
        .get("volumes")
        .map(|e| e.value.items())
        .unwrap_or_default();
    for (volume, node) in volumes.zip(volume_nodes) {
        let Some(host_path) = &volume.host_path else {
            continue;
        };
        let Some(span) = at(&["hostPath", "path"], node) else {
            continue;
        };
        let mounts = pod
            .spec
            .containers
            .iter()
            .flat_map(|c| c.volume_mounts.iter().flatten());
        let read_only = mounts
            .filter(|m| m.name == volume.name)
            .all(|m| m.read_only == Some(true));
        workload.add(
            span,
            FactKind::HostPath {
                path: host_path.path.clone(),
                read_only,
            },
        );
    }
    for container in pod.containers() {
        let node = container.node;
        if let (Some(image), Some(span)) = (container.image, at(&["image"], node)) {
            if let Some(os) = os_of_image(image) {
                workload.add(span.clone(), FactKind::Os(os));
            }
            workload.add(span, FactKind::BaseImage(image.to_string()));
        }
        let words = |key: &str| {
            node.get(key).map(|e| {
                e.value
                    .items()
                    .iter()
                    .filter_map(Node::as_str)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        };
        let (command, args) = (words("command"), words("args"));
        let text = [command, args]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(span) = at(&["command"], node).or_else(|| at(&["args"], node)) {
            workload.add(span, FactKind::Init(text.clone()));
        }
        let node_setup = container.list == crate::formats::kubernetes::ContainerList::Init
            && is_node_setup(&text);
        if let Some(context) = container.security_context {
            if let (Some(true), Some(span), false) = (
                context.privileged,
                at(&["securityContext", "privileged"], node),
                node_setup,
            ) {
                workload.add(span, FactKind::Privileged);
            }
            let added = at(&["securityContext", "capabilities", "add"], node);
            if added.is_some() {
                let items = node
                    .lookup(&[Key("securityContext"), Key("capabilities"), Key("add")])
                    .map(|found| found.node.items())
                    .unwrap_or_default();
                for item in items {
                    if let Some(cap) = item.as_str() {
                        let cap = cap.to_ascii_uppercase();
                        let cap = cap.trim_start_matches("CAP_").to_string();
                        workload.add(item.span.clone(), FactKind::AddedCapability(cap));
                    }
                }
            }
        }
        for port in node
            .get("ports")
            .map(|e| e.value.items())
            .unwrap_or_default()
        {
            if let Some(found) = port.lookup(&[Key("containerPort")])
                && let Some(number) = found.node.as_str().and_then(|n| n.parse().ok())
            {
                workload.add(found.node.span.clone(), FactKind::ExposedPort(number));
            }
        }
    }
}

/// What a KubeVirt VM spec (`VirtualMachineInstanceSpec`) says about its guest: passed-
/// through GPUs, host devices and SR-IOV interfaces, CPU and memory, the OS of a `containerDisk` image, and,
/// without one, Windows when the domain turns on Hyper-V enlightenments
/// (`domain.features.hyperv`), which KubeVirt's Windows templates alone set.
fn kubevirt_facts(vmi: &Node, workload: &mut Workload) {
    let items = |keys: &[&str]| {
        let path: Vec<_> = keys.iter().map(|k| Key(k)).collect();
        vmi.lookup(&path)
            .map(|found| found.node.items())
            .unwrap_or_default()
    };
    for (keys, kind) in [
        (&["domain", "devices", "gpus"], "gpu"),
        (&["domain", "devices", "hostDevices"], "pci"),
    ] {
        for device in items(keys) {
            workload.add(device.span.clone(), FactKind::Passthrough(kind.into()));
        }
    }
    for interface in items(&["domain", "devices", "interfaces"]) {
        if let Some(sriov) = interface.get("sriov") {
            let kind = FactKind::Passthrough("virtual-function (SR-IOV) network".into());
            workload.add(sriov.key.span.clone(), kind);
        }
    }
    let number = |keys: &[&str]| {
        let path: Vec<_> = keys.iter().map(|k| Key(k)).collect();
        vmi.lookup(&path).and_then(|found| {
            let value = found.node.as_str()?;
            Some((found.node.span.clone(), value))
        })
    };
    if let Some((span, cores)) = number(&["domain", "cpu", "cores"])
        && let Ok(cores) = cores.parse::<u32>()
    {
        let times = |key: &str| {
            number(&["domain", "cpu", key])
                .and_then(|(_, v)| v.parse::<u32>().ok())
                .unwrap_or(1)
        };
        workload.add(
            span,
            FactKind::Vcpus(cores * times("sockets") * times("threads")),
        );
    }
    let memory = number(&["domain", "memory", "guest"])
        .or_else(|| number(&["domain", "resources", "requests", "memory"]));
    if let Some((span, quantity)) = memory
        && let Some(mib) = quantity_mib(quantity)
    {
        workload.add(span, FactKind::MemoryMiB(mib));
    }
    for volume in items(&["volumes"]) {
        if let Some(found) = volume.lookup(&[Key("containerDisk"), Key("image")])
            && let Some(os) = found.node.as_str().and_then(os_of_image)
        {
            workload.add(found.node.span.clone(), FactKind::Os(os));
        }
    }
    let has_os = workload
        .facts
        .iter()
        .any(|f| matches!(f.kind, FactKind::Os(_)));
    if !has_os && let Some(found) = vmi.lookup(&[Key("domain"), Key("features"), Key("hyperv")]) {
        let os = OsFact {
            family: Some("windows".into()),
            distro: None,
            version: None,
        };
        let span = found.key.unwrap_or_else(|| found.node.span.clone());
        workload.add(span, FactKind::Os(os));
    }
}

/// Programs a privileged init container runs to prepare its node for the app
/// (`sysctl -w vm.max_map_count=262144`, `chown` of a data directory), then exits.
const NODE_SETUP_PROGRAMS: &[&str] = &[
    "sysctl", "chown", "chmod", "mkdir", "ulimit", "echo", "touch", "ln", "cp", "true",
];

/// Whether an init container's command only prepares the node: it runs before the app
/// and is gone once it has, so its privilege does not make the workload a machine.
fn is_node_setup(command: &str) -> bool {
    let programs = crate::syntax::programs::programs(command);
    !programs.is_empty()
        && programs
            .iter()
            .all(|p| NODE_SETUP_PROGRAMS.contains(p) || matches!(*p, "sh" | "bash"))
}

/// A Kubernetes memory quantity (`2Gi`, `512Mi`, `4G`) in MiB.
fn quantity_mib(quantity: &str) -> Option<u64> {
    let digits = quantity
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(quantity.len());
    let (value, unit) = quantity.split_at(digits);
    let value: f64 = value.parse().ok()?;
    let bytes_per_unit = match unit {
        "" => 1.0,
        "Ki" => 1024.0,
        "Mi" => 1024.0 * 1024.0,
        "Gi" => 1024.0 * 1024.0 * 1024.0,
        "Ti" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        "k" | "K" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        _ => return None,
    };
    Some((value * bytes_per_unit / (1024.0 * 1024.0)).round() as u64)
}

/// One workload per machine of a native inventory.
pub fn inventory(file: &InventoryFile<'_>) -> Vec<Workload> {
    let machines = file
        .node
        .get("machines")
        .map(|e| e.value.items())
        .unwrap_or_default();
    file.inventory
        .machines
        .par_iter()
        .zip(machines)
        .map(|(machine, node)| machine_workload(machine, node))
        .collect()
}

fn machine_workload(machine: &crate::formats::inventory::Machine, node: &Node) -> Workload {
    let at = |path: &[crate::syntax::yaml::PathSegment<'_>]| {
        node.lookup(path).map(|f| f.node.span.clone())
    };
    let name_span = at(&[Key("name")]).unwrap_or_else(|| node.span.clone());
    let mut workload = Workload {
        name: machine.name.clone(),
        kind: "VirtualMachine".into(),
        namespace: None,
        span: name_span,
        platform: Platform::Vm,
        facts: Vec::new(),
    };
    let identity: Vec<_> = ["family", "distro", "version"]
        .iter()
        .filter_map(|key| at(&[Key("os"), Key(key)]))
        .collect();
    let os_span = match (
        identity.iter().map(|s| s.start).min(),
        identity.iter().map(|s| s.end).max(),
    ) {
        (Some(start), Some(end)) => Some(start..end),
        _ => at(&[Key("os")]),
    };
    if let (Some(os), Some(span)) = (&machine.os, os_span) {
        let os = OsFact {
            family: os.family.as_ref().map(serde_label),
            distro: os.distro.clone(),
            version: os.version.clone(),
        };
        workload.add(span, FactKind::Os(os));
    }
    if let Some(compute) = &machine.compute {
        if let (Some(vcpus), Some(span)) = (compute.vcpus, at(&[Key("compute"), Key("vcpus")])) {
            workload.add(span, FactKind::Vcpus(vcpus));
        }
        if let (Some(memory), Some(span)) =
            (compute.memory_mib, at(&[Key("compute"), Key("memoryMiB")]))
        {
            workload.add(span, FactKind::MemoryMiB(memory));
        }
    }
    if let Some(utilization) = &machine.utilization {
        for (key, percentiles, cpu) in [
            ("cpuPct", &utilization.cpu_pct, true),
            ("memPct", &utilization.mem_pct, false),
        ] {
            let Some(p) = percentiles else { continue };
            let (peak, basis) = match (p.p95, p.max) {
                (Some(p95), _) => (p95, "p95"),
                (None, Some(max)) => (max, "max"),
                (None, None) => continue,
            };
            if let Some(span) = at(&[Key("utilization"), Key(key)]) {
                workload.add(span.clone(), FactKind::PeakBasis(basis));
                let kind = if cpu {
                    FactKind::CpuPeakPct(peak)
                } else {
                    FactKind::MemPeakPct(peak)
                };
                workload.add(span, kind);
            }
        }
    }
    let items = |path: &[crate::syntax::yaml::PathSegment<'_>]| {
        node.lookup(path)
            .map(|f| f.node.items())
            .unwrap_or_default()
    };
    if let Some(workloads) = &machine.workloads {
        let services = workloads.services.iter().flatten();
        for (service, item) in services.zip(items(&[Key("workloads"), Key("services")])) {
            workload.add(
                item.span.clone(),
                FactKind::Service {
                    name: service.name.clone(),
                    kind: service.kind.as_ref().map(serde_label),
                    stateful: service.stateful,
                },
            );
        }
        let modules = workloads.kernel_modules.iter().flatten();
        for (module, item) in modules.zip(items(&[Key("workloads"), Key("kernelModules")])) {
            workload.add(
                item.span.clone(),
                FactKind::KernelModule {
                    name: module.name.clone(),
                    in_tree: module.in_tree,
                },
            );
        }
        let software = workloads.software.iter().flatten();
        for (software, item) in software.zip(items(&[Key("workloads"), Key("software")])) {
            if software.kind == Some(crate::formats::inventory::SoftwareKind::Database) {
                workload.add(
                    item.span.clone(),
                    FactKind::Service {
                        name: software.name.clone(),
                        kind: Some("database".into()),
                        stateful: Some(true),
                    },
                );
            }
        }
        if let (Some(true), Some(span)) = (
            workloads.gui_session,
            at(&[Key("workloads"), Key("guiSession")]),
        ) {
            workload.add(span, FactKind::GuiSession);
        }
    }
    if let Some(hardware) = &machine.hardware {
        let passthrough = hardware.passthrough.iter().flatten();
        for (device, item) in passthrough.zip(items(&[Key("hardware"), Key("passthrough")])) {
            let kind = device
                .kind
                .as_ref()
                .map_or_else(|| "device".to_string(), serde_label);
            workload.add(item.span.clone(), FactKind::Passthrough(kind));
        }
        let usb = hardware.usb_devices.iter().flatten();
        for (device, item) in usb.zip(items(&[Key("hardware"), Key("usbDevices")])) {
            if device.connected != Some(false) {
                workload.add(item.span.clone(), FactKind::Passthrough("usb".into()));
            }
        }
    }
    let licences = machine.licensing.iter().flatten();
    for (licence, item) in licences.zip(items(&[Key("licensing")])) {
        let bound = licence.bound_to.as_ref().map(serde_label);
        if let Some(bound) = bound.filter(|b| b != "none") {
            workload.add(item.span.clone(), FactKind::HardwareBoundLicence(bound));
        }
    }
    let disks = machine
        .storage
        .iter()
        .flat_map(|s| s.disks.iter().flatten());
    for (disk, item) in disks.zip(items(&[Key("storage"), Key("disks")])) {
        let physical_rdm = disk
            .rdm
            .as_ref()
            .is_some_and(|r| serde_label(r) == "physical");
        if disk.shared == Some(true) || physical_rdm {
            workload.add(item.span.clone(), FactKind::SharedDisk);
        }
        if let Some(capacity) = disk.capacity_gib {
            workload.add(item.span.clone(), FactKind::DiskGiB(capacity));
        }
    }
    if let Some(requirements) = &machine.requirements {
        let needs = [
            (
                "isolation",
                requirements
                    .isolation
                    .as_ref()
                    .is_some_and(|i| serde_label(i) != "standard"),
                IsolationNeed::Strong,
            ),
            (
                "untrustedCode",
                requirements.untrusted_code == Some(true),
                IsolationNeed::UntrustedCode,
            ),
            (
                "multiTenant",
                requirements.multi_tenant == Some(true),
                IsolationNeed::MultiTenant,
            ),
        ];
        let login = requirements.interactive_login.as_ref().map(serde_label);
        if let (Some(login), Some(span)) = (
            login.filter(|l| l != "none"),
            at(&[Key("requirements"), Key("interactiveLogin")]),
        ) {
            workload.add(span, FactKind::InteractiveLogin(login));
        }
        for (key, needed, need) in needs {
            if needed && let Some(span) = at(&[Key("requirements"), Key(key)]) {
                workload.add(span, FactKind::IsolationNeed(need));
            }
        }
    }
    workload
}

/// The schema string of an inventory enumeration value (`dedicated-hardware`).
fn serde_label<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::{quantity_mib, released_software};

    #[test]
    fn release_archives_are_named_by_what_they_ship() {
        let name = |url: &str| released_software(url);
        assert_eq!(
            name("https://github.com/actions/runner/releases/download/v2.3/actions-runner-linux-x64-2.3.tar.gz").as_deref(),
            Some("actions-runner")
        );
        assert_eq!(
            name("https://example.com/gitlab-runner_amd64.deb").as_deref(),
            Some("gitlab-runner")
        );
        assert_eq!(name("https://example.com/install.sh"), None);
        assert_eq!(name("runner.tar.gz"), None, "a local file is no download");
        assert_eq!(name("https://example.com/1.2.tar.gz"), None);
    }

    #[test]
    fn memory_quantities_are_read_in_mib() {
        assert_eq!(quantity_mib("2Gi"), Some(2048));
        assert_eq!(quantity_mib("512Mi"), Some(512));
        assert_eq!(quantity_mib("1.5Gi"), Some(1536));
        assert_eq!(quantity_mib("4G"), Some(3815));
        assert_eq!(quantity_mib("lots"), None);
    }
}
