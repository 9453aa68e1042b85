//! The emulator on any stream of requests. Its HTTP parsing is hyper's (see
//! `tests/emulator/src/server.rs`, fuzzed by hyper's own project); what stays ours
//! starts where hyper hands over a parsed head: the framing checks of
//! `Request::head`, the origin and host policy, the path split, the form parameters,
//! and every endpoint with its arithmetic on what the caller sent. This target parses
//! the input as a keep-alive stream of requests with httparse (the parser inside
//! hyper), runs each through `Request::head` and the router on a fresh store, and
//! finishes any report run at once. Nothing may panic; each answer must be a status
//! Stripe uses, with a JSON body unless it is a file download.
//!
//! Requests to `/_emulator/faults` are skipped: an injected latency is a deliberate
//! sleep (capped at 60 s), not a slow path.
#![no_main]

use std::sync::Mutex;

use libfuzzer_sys::fuzz_target;
use stripe_emulator::config::Config;
use stripe_emulator::http::Request;
use stripe_emulator::resources::report_runs;
use stripe_emulator::router;
use stripe_emulator::store::{self, Store};

/// Requests read from one input at most.
const MAX_REQUESTS: usize = 8;

fuzz_target!(|data: &[u8]| {
    let config = Config {
        report_delay_ms: 0,
        ..Config::default()
    };
    let store = Mutex::new(Store::new(config, "http://127.0.0.1:12111".into()));
    let mut rest = data;
    for _ in 0..MAX_REQUESTS {
        let mut headers = [httparse::EMPTY_HEADER; 32];
        let mut parsed = httparse::Request::new(&mut headers);
        let Ok(httparse::Status::Complete(head_length)) = parsed.parse(rest) else {
            return;
        };
        let (Some(method), Some(target)) = (parsed.method, parsed.path) else {
            return;
        };
        let head = Request::head(
            method,
            target,
            parsed.headers.iter().map(|h| (h.name, h.value)),
        );
        let body_start = &rest[head_length..];
        let (mut request, length) = match head {
            Ok(head) => head,
            Err(refusal) => {
                assert!([400, 411, 413].contains(&refusal.status));
                return;
            }
        };
        let length = length.min(body_start.len());
        request.body = body_start[..length].to_vec();
        rest = &body_start[length..];
        if request.path.starts_with("/_emulator/faults") {
            continue;
        }
        let Some(response) = router::handle(&store, request) else {
            continue;
        };
        assert!(
            [200, 400, 401, 402, 403, 404, 409, 429, 500].contains(&response.status),
            "status {}",
            response.status
        );
        let content_type = response
            .headers
            .iter()
            .find(|(name, _)| name == "Content-Type")
            .map(|(_, value)| value.as_str())
            .unwrap_or_default();
        if content_type == "application/json" {
            serde_json::from_slice::<serde_json::Value>(&response.body).expect("a JSON body");
        }
        report_runs::advance(&mut store::lock(&store));
    }
});
