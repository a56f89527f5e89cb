//! VM inventory rules. They judge a native inventory file ([`crate::formats::inventory::InventoryFile`]).

family! {
    Inventory unknown_key,
    Inventory duplicate_machine,
    Inventory missing_os,
}

use crate::input::source::Span;
use crate::syntax::yaml::{Node, PathSegment};

/// The node of machine `index` in the inventory document.
pub fn machine_node(root: &Node, index: usize) -> Option<&Node> {
    root.get("machines")?.value.index(index)
}

/// The span of a machine's `name` value, else of the machine.
pub fn machine_name_span(root: &Node, index: usize) -> Option<Span> {
    let machine = machine_node(root, index)?;
    Some(
        machine
            .lookup(&[PathSegment::Key("name")])
            .map_or_else(|| machine.span.clone(), |found| found.node.span.clone()),
    )
}
