//! One comparison's rounds and what is printed from them: medians of the
//! per-round times and of the per-round ratios.

use std::time::Duration;

/// The measured rounds of one comparison, library against raw client.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// What was measured.
    pub name: &'static str,
    /// What one operation is (`call`, `flow`).
    pub unit: &'static str,
    /// Operations per round, on each side.
    pub ops_per_round: usize,
    /// The library's round times, in the order run.
    pub library: Vec<Duration>,
    /// The raw client's round times, in the order run.
    pub raw: Vec<Duration>,
}

impl Comparison {
    /// Per-round cost ratios, library time / raw time (1.10 = 10 % slower).
    pub fn ratios(&self) -> Vec<f64> {
        self.library
            .iter()
            .zip(&self.raw)
            .map(|(lib, raw)| lib.as_secs_f64() / raw.as_secs_f64().max(f64::MIN_POSITIVE))
            .collect()
    }

    /// The median of [`ratios`](Self::ratios).
    pub fn median_ratio(&self) -> f64 {
        median(self.ratios())
    }

    /// The library's median time per operation.
    pub fn library_per_op(&self) -> Duration {
        self.per_op(&self.library)
    }

    /// The raw client's median time per operation.
    pub fn raw_per_op(&self) -> Duration {
        self.per_op(&self.raw)
    }

    fn per_op(&self, rounds: &[Duration]) -> Duration {
        let seconds = median(rounds.iter().map(Duration::as_secs_f64).collect());
        Duration::from_secs_f64(seconds / self.ops_per_round.max(1) as f64)
    }
}

/// The median (the mean of the middle two for an even count; 0 when empty).
pub fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_ratios() {
        assert_eq!(median(vec![]), 0.0);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), 2.5);
        let ms = Duration::from_millis;
        let comparison = Comparison {
            name: "x",
            unit: "call",
            ops_per_round: 10,
            library: vec![ms(11), ms(30), ms(12)],
            raw: vec![ms(10), ms(10), ms(10)],
        };
        let ratios = comparison.ratios();
        assert!((ratios[0] - 1.1).abs() < 1e-9 && (ratios[1] - 3.0).abs() < 1e-9);
        assert!((comparison.median_ratio() - 1.2).abs() < 1e-9);
        assert_eq!(comparison.library_per_op(), Duration::from_micros(1200));
        assert_eq!(comparison.raw_per_op(), Duration::from_micros(1000));
    }
}
