//! Faults injected into the emulator's answers for reliability tests: added latency, a
//! share of 500s, 429s with `Stripe-Should-Retry`, dropped connections. Set with
//! `POST /_emulator/faults` (JSON); the draws come from a seeded generator, so a run
//! with the same settings fails the same requests.

use serde_json::Value;

/// The longest latency that can be injected: longer would hold connections for good.
pub const MAX_LATENCY_MS: u64 = 60_000;

/// What goes wrong, and how often.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Faults {
    /// Added before every answer.
    pub latency_ms: u64,
    /// Share of API requests answered 500 (after the work is done, as when a
    /// response is lost).
    pub error_rate: f64,
    /// Share of API requests answered 429 before any work.
    pub rate_limit_rate: f64,
    /// Share of connections closed without an answer, after the work is done.
    pub drop_rate: f64,
    /// The `Stripe-Should-Retry` header sent with injected 500s and 429s, if any.
    pub should_retry: Option<bool>,
    /// Report runs created while it is set fail instead of succeeding.
    pub fail_reports: bool,
    /// The next `n` API requests get these faults first, in order: `"500"`, `"429"`,
    /// `"drop"`; then the rates apply.
    pub script: Vec<Fault>,
    state: u64,
}

/// One injected failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// 500 after doing the work.
    ServerError,
    /// 429 before doing it.
    RateLimited,
    /// Connection closed after doing the work.
    Dropped,
}

impl Faults {
    /// Settings from a JSON object such as `{"error_rate": 0.5, "seed": 7}`; `None`
    /// names the member at fault.
    pub fn from_json(value: &Value) -> Result<Self, String> {
        let object = value.as_object().ok_or("faults must be a JSON object")?;
        let mut faults = Self {
            state: 0x9e37_79b9_7f4a_7c15,
            ..Self::default()
        };
        for (key, member) in object {
            let rate = || {
                member
                    .as_f64()
                    .filter(|rate| (0.0..=1.0).contains(rate))
                    .ok_or(format!("{key} must be a number from 0 to 1"))
            };
            match key.as_str() {
                "latency_ms" => {
                    faults.latency_ms = member
                        .as_u64()
                        .filter(|ms| *ms <= MAX_LATENCY_MS)
                        .ok_or("latency_ms must be an integer from 0 to 60000")?;
                }
                "error_rate" => faults.error_rate = rate()?,
                "rate_limit_rate" => faults.rate_limit_rate = rate()?,
                "drop_rate" => faults.drop_rate = rate()?,
                "should_retry" => {
                    faults.should_retry = match member {
                        Value::Null => None,
                        Value::Bool(flag) => Some(*flag),
                        _ => return Err("should_retry must be true, false or null".into()),
                    };
                }
                "fail_reports" => {
                    faults.fail_reports = member
                        .as_bool()
                        .ok_or("fail_reports must be true or false")?
                }
                "seed" => faults.state = member.as_u64().ok_or("seed must be an integer")? | 1,
                "script" => {
                    faults.script = member
                        .as_array()
                        .ok_or("script must be a list")?
                        .iter()
                        .map(|step| match step.as_str() {
                            Some("500") => Ok(Fault::ServerError),
                            Some("429") => Ok(Fault::RateLimited),
                            Some("drop") => Ok(Fault::Dropped),
                            _ => Err(format!(
                                "unknown fault {step} (known: \"500\", \"429\", \"drop\")"
                            )),
                        })
                        .collect::<Result<_, _>>()?;
                }
                _ => return Err(format!("unknown fault setting '{key}'")),
            }
        }
        Ok(faults)
    }

    /// The fault for the next API request, if any.
    pub fn draw(&mut self) -> Option<Fault> {
        if !self.script.is_empty() {
            return Some(self.script.remove(0));
        }
        let roll = self.next_unit();
        [
            (self.rate_limit_rate, Fault::RateLimited),
            (self.error_rate, Fault::ServerError),
            (self.drop_rate, Fault::Dropped),
        ]
        .into_iter()
        .scan(0.0, |sum, (rate, fault)| {
            *sum += rate;
            Some((*sum, fault))
        })
        .find(|(bound, _)| roll < *bound)
        .map(|(_, fault)| fault)
    }

    /// A number in [0, 1) from xorshift64.
    fn next_unit(&mut self) -> f64 {
        let mut x = self.state.max(1);
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.state = x;
        (x >> 11) as f64 / (1u64 << 53) as f64
    }
}
