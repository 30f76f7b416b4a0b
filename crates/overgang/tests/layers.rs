//! The core's modules sit in layers that import only downward (docs/architecture.md). This test
//! reads every source file, collects its `crate::` references, and fails on a reference to a
//! higher layer or on any import circle between modules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every top-level module and its layer; a new module must be added here (and to the table in
/// docs/architecture.md), or the test fails.
const LAYERS: &[(&str, u8)] = &[
    ("answer", 0),
    ("dates", 0),
    ("error", 0),
    ("ids", 0),
    ("language", 0),
    ("limits", 0),
    ("privacy", 0),
    ("schema", 0),
    ("stats", 0),
    ("threads", 0),
    ("json", 1),
    ("cti", 2),
    ("gse", 2),
    ("intervention", 2),
    ("municipality", 2),
    ("outcomes", 2),
    ("outreach", 2),
    ("participant", 2),
    ("questionnaire", 2),
    ("ten_step", 2),
    ("who5", 2),
    ("catalogue", 3),
    ("batch", 4),
    ("cohort", 4),
    ("report", 4),
    ("sample", 4),
];

/// Names re-exported at the crate root, and the module each comes from.
const ROOT_EXPORTS: &[(&str, &str)] = &[
    ("RawAnswer", "answer"),
    ("ErrorCode", "error"),
    ("ErrorContext", "error"),
    ("FieldError", "error"),
    ("Location", "error"),
    ("ValidationError", "error"),
    ("Language", "language"),
    ("questionnaire", "questionnaire"),
    ("Instrument", "questionnaire"),
    ("Questionnaire", "questionnaire"),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// The module a `crate::NAME` reference points into.
fn target(name: &str) -> String {
    ROOT_EXPORTS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or_else(|| name.to_string(), |(_, m)| (*m).to_string())
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every module named after `crate::` in the text (`crate::who5::score`, `$crate::ids::...`,
/// `use crate::{a, b}`).
fn references(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != "self" {
                    out.insert(target(&name));
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(target(&name));
            }
        }
    }
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    files(&src, &mut paths);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in paths {
        let rel = path.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        if module == "lib" {
            continue;
        }
        // Comments may mention any module (documentation links); only code imports.
        let text: String = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let refs = graph.entry(module.clone()).or_default();
        refs.extend(references(&text).into_iter().filter(|m| *m != module));
    }
    graph
}

#[test]
fn every_module_has_a_layer() {
    for module in graph().keys() {
        assert!(
            layer(module).is_some(),
            "module `{module}` has no layer: add it to LAYERS here and to docs/architecture.md"
        );
    }
}

#[test]
fn modules_import_only_downward() {
    let mut upward = Vec::new();
    for (module, refs) in graph() {
        let Some(own) = layer(&module) else { continue };
        for r in refs {
            match layer(&r) {
                Some(l) if l > own => {
                    upward.push(format!("{module} (layer {own}) -> {r} (layer {l})"))
                }
                _ => {}
            }
        }
    }
    assert!(upward.is_empty(), "upward imports:\n{}", upward.join("\n"));
}

#[test]
fn no_import_circles() {
    let graph = graph();
    // Depth-first search for a back edge.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(pos) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[pos..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if graph.contains_key(next) {
                if let Some(c) = visit(next, graph, stack, done) {
                    return Some(c);
                }
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, &graph, &mut Vec::new(), &mut done) {
            panic!("import circle: {}", cycle.join(" -> "));
        }
    }
}

#[test]
fn the_reader_finds_references() {
    let refs = references(
        "use crate::{json, who5::Who5Band};\nlet x = $crate::ids::parse(); crate::Language::Da",
    );
    assert_eq!(
        refs.into_iter().collect::<Vec<_>>(),
        ["ids", "json", "language", "who5"]
    );
}
