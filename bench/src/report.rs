//! The printed report: settings, machine, one line per comparison, and what
//! the server saw.

use std::fmt::Write as _;
use std::time::Duration;

use crate::machine::Machine;
use crate::server::CountsSnapshot;
use crate::settings::Settings;
use crate::stats::Comparison;

fn micros(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

/// The report of a run, as printed.
pub fn render(
    settings: &Settings,
    machine: &Machine,
    comparisons: &[Comparison],
    counts: &CountsSnapshot,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "settings: {settings}");
    let _ = writeln!(out, "machine:  {machine}");
    let _ = writeln!(
        out,
        "build:    {}",
        if cfg!(debug_assertions) {
            "debug (figures are not meaningful)"
        } else {
            "release"
        }
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "| measure | library per op | raw per op | median ratio (library / raw) | per-round ratios |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|");
    for c in comparisons {
        let ratios: Vec<String> = c.ratios().iter().map(|r| format!("{r:.3}")).collect();
        let _ = writeln!(
            out,
            "| {} (per {}) | {} | {} | {:.3}× | {} |",
            c.name,
            c.unit,
            micros(c.library_per_op()),
            micros(c.raw_per_op()),
            c.median_ratio(),
            ratios.join(" ")
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "server: {} token, {} user, {} guilds, {} connections requests, {} other; {} TCP connections accepted",
        counts.token, counts.user, counts.guilds, counts.connections, counts.other, counts.accepted
    );
    out
}
