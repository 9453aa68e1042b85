//! How the emulator is started: `--port N [--seed demo] [--report-delay-ms N]
//! [--allow-origin ORIGIN]... [--allow-host HOST]...`.

/// The emulator's settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// `Some("demo")` loads the demo data at start and on reset.
    pub seed: Option<String>,
    /// How long a report run stays `pending`.
    pub report_delay_ms: u64,
    /// Web origins allowed besides loopback ones (`http://127.0.0.1:*`,
    /// `http://localhost:*`, `http://[::1]:*`); `*` allows any.
    pub allowed_origins: Vec<String>,
    /// `Host` names allowed besides loopback ones; `*` allows any.
    pub allowed_hosts: Vec<String>,
    /// How long a client may take to send a request head, counted from the moment the
    /// connection is idle: a slow or silent client is cut off then.
    pub header_timeout_ms: u64,
    /// Connections served at once; more wait in the listen queue for a free slot.
    pub max_connections: usize,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            port: 12111,
            seed: None,
            report_delay_ms: 2000,
            allowed_origins: Vec::new(),
            allowed_hosts: Vec::new(),
            header_timeout_ms: 30_000,
            max_connections: 256,
        }
    }
}

impl Config {
    /// Reads the command line (without the program name).
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Result<Self, String> {
        let mut config = Self::default();
        let mut args = args.into_iter();
        while let Some(flag) = args.next() {
            let mut value = || args.next().ok_or(format!("{flag} needs a value"));
            match flag.as_str() {
                "--port" => config.port = number(&flag, &value()?)?,
                "--seed" => match value()?.as_str() {
                    "demo" => config.seed = Some("demo".into()),
                    other => return Err(format!("unknown seed '{other}' (known: demo)")),
                },
                "--report-delay-ms" => config.report_delay_ms = number(&flag, &value()?)?,
                "--allow-origin" => config.allowed_origins.push(value()?),
                "--allow-host" => config.allowed_hosts.push(value()?),
                "--help" | "-h" => return Err(USAGE.into()),
                _ => return Err(format!("unknown argument '{flag}'\n{USAGE}")),
            }
        }
        Ok(config)
    }
}

/// The command line's usage.
pub const USAGE: &str = "usage: stripe-emulator --port N [--seed demo] [--report-delay-ms N] \
     [--allow-origin ORIGIN]... [--allow-host HOST]...   (listens on 127.0.0.1; web pages \
     and Host names other than loopback ones are refused unless allowed; * allows any)";

fn number<T: core::str::FromStr>(flag: &str, text: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("{flag} takes a non-negative integer, not '{text}'"))
}
