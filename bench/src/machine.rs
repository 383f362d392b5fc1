//! The machine a run came from: cores and CPU model.

use std::fmt;

/// Cores and CPU model, as printed with the figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Machine {
    /// Cores available to the process (`nproc`).
    pub cores: usize,
    /// The CPU's model name (`/proc/cpuinfo`), or `unknown`.
    pub cpu: String,
}

impl Machine {
    /// This machine.
    pub fn detect() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|info| {
                info.lines()
                    .find(|line| line.starts_with("model name"))
                    .and_then(|line| line.split_once(':'))
                    .map(|(_, model)| model.trim().to_owned())
            })
            .unwrap_or_else(|| "unknown".to_owned());
        Self { cores, cpu }
    }
}

impl fmt::Display for Machine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "nproc {}, CPU {}, {}",
            self.cores,
            self.cpu,
            std::env::consts::OS
        )
    }
}
