//! What a run measures and how long: rounds, calls per round, flows, and the
//! library's global rate limit, from the command line.

use std::fmt;

/// The library's global request window during the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlobalRateLimit {
    /// Whatever the library's builder defaults to.
    LibraryDefault,
    /// The window turned off.
    Off,
    /// This many requests per second.
    PerSecond(u32),
}

impl fmt::Display for GlobalRateLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GlobalRateLimit::LibraryDefault => f.write_str("library default"),
            GlobalRateLimit::Off => f.write_str("off"),
            GlobalRateLimit::PerSecond(n) => write!(f, "{n} per second"),
        }
    }
}

/// The settings of one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Measured rounds per side of the `fetch_user` comparisons (after one
    /// short warm-up).
    pub rounds: usize,
    /// Measured rounds per side of the login-flow comparisons.
    pub flow_rounds: usize,
    /// Sequential `fetch_user` calls per round.
    pub sequential_calls: usize,
    /// Concurrent tasks sharing one async client.
    pub concurrent_tasks: usize,
    /// `fetch_user` calls per task per round in the concurrent measure.
    pub calls_per_task: usize,
    /// Full login flows per round.
    pub flows: usize,
    /// The library's global rate limit.
    pub global_rate_limit: GlobalRateLimit,
    /// Runs only the comparisons whose name contains this text (all when
    /// `None`).
    pub only: Option<String>,
}

impl Settings {
    /// The full run: a few minutes on two cores.
    pub fn full() -> Self {
        Self {
            rounds: 11,
            flow_rounds: 5,
            sequential_calls: 2000,
            concurrent_tasks: 64,
            calls_per_task: 40,
            flows: 1000,
            global_rate_limit: GlobalRateLimit::LibraryDefault,
            only: None,
        }
    }

    /// A smoke run: every path once or twice, in about a second.
    pub fn quick() -> Self {
        Self {
            rounds: 1,
            flow_rounds: 1,
            sequential_calls: 20,
            concurrent_tasks: 64,
            calls_per_task: 2,
            flows: 5,
            global_rate_limit: GlobalRateLimit::LibraryDefault,
            only: None,
        }
    }

    /// Reads `--quick`, `--rounds N`, `--flow-rounds N`, `--calls N`, `--tasks N`,
    /// `--calls-per-task N`, `--flows N`, `--global-rate-limit off|N` and
    /// `--only TEXT`
    /// (later flags override earlier ones; `--quick` first resets to the smoke run).
    pub fn from_args<I: IntoIterator<Item = String>>(args: I) -> Result<Self, String> {
        let mut settings = Self::full();
        let mut args = args.into_iter();
        while let Some(flag) = args.next() {
            if flag == "--quick" {
                settings = Self {
                    global_rate_limit: settings.global_rate_limit,
                    only: settings.only.take(),
                    ..Self::quick()
                };
                continue;
            }
            if flag == "--help" || flag == "-h" {
                return Err(USAGE.to_owned());
            }
            const VALUED: [&str; 8] = [
                "--rounds",
                "--flow-rounds",
                "--calls",
                "--tasks",
                "--calls-per-task",
                "--flows",
                "--global-rate-limit",
                "--only",
            ];
            if !VALUED.contains(&flag.as_str()) {
                return Err(format!("unknown flag {flag}\n{USAGE}"));
            }
            let value = args
                .next()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
            let number = || {
                value
                    .parse::<usize>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("{flag} needs a positive number, not {value:?}"))
            };
            match flag.as_str() {
                "--rounds" => settings.rounds = number()?,
                "--flow-rounds" => settings.flow_rounds = number()?,
                "--calls" => settings.sequential_calls = number()?,
                "--tasks" => settings.concurrent_tasks = number()?,
                "--calls-per-task" => settings.calls_per_task = number()?,
                "--flows" => settings.flows = number()?,
                "--only" => settings.only = Some(value),
                "--global-rate-limit" => {
                    settings.global_rate_limit = if value == "off" {
                        GlobalRateLimit::Off
                    } else {
                        let n = number()?;
                        GlobalRateLimit::PerSecond(
                            u32::try_from(n)
                                .map_err(|_| format!("--global-rate-limit is too large: {n}"))?,
                        )
                    }
                }
                _ => return Err(format!("unknown flag {flag}\n{USAGE}")),
            }
        }
        Ok(settings)
    }
}

/// The command line's help text.
pub const USAGE: &str = "usage: disco-oauth2-bench [--quick] [--rounds N] [--flow-rounds N] [--calls N] [--tasks N] \
[--calls-per-task N] [--flows N] [--global-rate-limit off|N] [--only TEXT]\n\
--only runs the comparisons whose name contains TEXT (e.g. blocking, async, concurrent, flow)";

impl fmt::Display for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "rounds {} per side ({} for flows; +1 warm-up of a tenth), sequential calls {}, \
             concurrent {} tasks x {} calls, flows {}, global_rate_limit {}",
            self.rounds,
            self.flow_rounds,
            self.sequential_calls,
            self.concurrent_tasks,
            self.calls_per_task,
            self.flows,
            self.global_rate_limit
        )?;
        if let Some(only) = &self.only {
            write!(f, ", only comparisons naming {only:?}")?;
        }
        Ok(())
    }
}
