//! The emulator against a hostile client, over raw TCP: arithmetic on huge numbers,
//! request smuggling, heads without end, slow clients, too many connections, and web
//! pages of other origins. Each case was a defect; the emulator must answer with a
//! clear error and keep serving everyone else.

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use serde_json::Value;
use stripe_emulator::config::Config;

/// Longest any read in these tests waits, so that a defect fails instead of hanging.
const GUARD: Duration = Duration::from_secs(60);

struct Emulator {
    running: Option<stripe_emulator::Running>,
    address: SocketAddr,
}

impl Emulator {
    fn start(config: Config) -> Self {
        let running = stripe_emulator::start(Config { port: 0, ..config }).expect("it starts");
        let address = running.address;
        Self {
            running: Some(running),
            address,
        }
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(self.address).expect("connects");
        stream.set_read_timeout(Some(GUARD)).unwrap();
        stream.set_write_timeout(Some(GUARD)).unwrap();
        stream
    }

    /// Sends `raw` on a new connection and reads until the server closes it.
    fn exchange(&self, raw: &[u8]) -> String {
        let mut stream = self.connect();
        stream.write_all(raw).expect("sent");
        read_to_close(&mut stream)
    }

    /// One request with a test key and `Connection: close`: status and JSON body.
    fn call(&self, method: &str, path: &str, body: &str, headers: &[(&str, &str)]) -> (u16, Value) {
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nAuthorization: Bearer sk_test_x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n",
            body.len()
        );
        if !headers.iter().any(|(name, _)| *name == "Host") {
            head.push_str(&format!("Host: {}\r\n", self.address));
        }
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        let answer = self.exchange(format!("{head}\r\n{body}").as_bytes());
        parse(&answer)
    }

    fn count(&self, path: &str) -> usize {
        let (status, body) = self.call("GET", path, "", &[]);
        assert_eq!(status, 200, "{body}");
        body["data"].as_array().map_or(0, Vec::len)
    }

    fn customer(&self) -> String {
        let (status, customer) = self.call("POST", "/v1/customers", "email=c%40x.io", &[]);
        assert_eq!(status, 200, "{customer}");
        customer["id"].as_str().unwrap().to_string()
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            running.stop();
        }
    }
}

/// Reads until the peer closes the connection (or resets it, after answering).
fn read_to_close(stream: &mut TcpStream) -> String {
    let mut out = Vec::new();
    let mut buffer = [0u8; 8192];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&buffer[..n]),
            Err(error) if error.kind() == ErrorKind::ConnectionReset => break,
            Err(error) => panic!(
                "no close within {GUARD:?}: {error}; read so far: {}",
                String::from_utf8_lossy(&out)
            ),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The status and JSON body of the first response in `answer`.
fn parse(answer: &str) -> (u16, Value) {
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {answer:?}"));
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, body)| body);
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

fn statuses(answer: &str) -> Vec<u16> {
    answer
        .match_indices("HTTP/1.1 ")
        .filter_map(|(at, _)| answer.get(at + 9..at + 12)?.parse().ok())
        .collect()
}

fn error_of(body: &Value) -> (&str, &str) {
    (
        body["error"]["code"].as_str().unwrap_or("?"),
        body["error"]["param"].as_str().unwrap_or(""),
    )
}

#[test]
fn a_huge_days_until_due_is_a_range_error_and_the_emulator_keeps_serving() {
    let emulator = Emulator::start(Config::default());
    let customer = emulator.customer();
    for days in ["9223372036854775807", "-1", "36501"] {
        let body =
            format!("customer={customer}&collection_method=send_invoice&days_until_due={days}");
        let (status, error) = emulator.call("POST", "/v1/invoices", &body, &[]);
        assert_eq!(
            (status, error_of(&error)),
            (400, ("parameter_invalid_integer", "days_until_due")),
            "days_until_due={days}: {error}"
        );
    }
    let body = format!("customer={customer}&collection_method=send_invoice&days_until_due=36500");
    let (status, invoice) = emulator.call("POST", "/v1/invoices", &body, &[]);
    assert_eq!(status, 200, "{invoice}");
    assert_eq!(
        invoice["due_date"].as_i64().unwrap() - invoice["created"].as_i64().unwrap(),
        36_500 * 86_400
    );
    assert_eq!(emulator.count("/v1/invoices"), 1);
    assert_eq!(emulator.call("POST", "/_emulator/reset", "", &[]).0, 200);
    assert_eq!(emulator.count("/v1/customers"), 0);
}

#[test]
fn invoice_item_amounts_beyond_stripes_limit_are_refused_and_totals_stay_right() {
    let emulator = Emulator::start(Config::default());
    let customer = emulator.customer();
    let body = format!("customer={customer}");
    let (_, invoice) = emulator.call("POST", "/v1/invoices", &body, &[]);
    let invoice = invoice["id"].as_str().unwrap();
    let item = |amount: &str| {
        let body = format!("customer={customer}&invoice={invoice}&amount={amount}");
        emulator.call("POST", "/v1/invoiceitems", &body, &[])
    };
    assert_eq!(item("99999999").0, 200);
    for amount in [
        "9223372036854775807",
        "100000000",
        "-100000000",
        "-9223372036854775808",
    ] {
        let (status, error) = item(amount);
        assert_eq!(
            (status, error_of(&error)),
            (400, ("amount_too_large", "amount")),
            "amount={amount}: {error}"
        );
    }
    assert_eq!(item("1").0, 200);
    let (_, invoice) = emulator.call("GET", &format!("/v1/invoices/{invoice}"), "", &[]);
    assert_eq!(invoice["total"], 100_000_000);
    assert_eq!(invoice["lines"]["data"].as_array().unwrap().len(), 2);
    assert_eq!(emulator.call("POST", "/_emulator/reset", "", &[]).0, 200);
}

#[test]
fn repeated_or_signed_content_lengths_are_refused_and_nothing_rides_along() {
    let emulator = Emulator::start(Config::default());
    let host = emulator.address;
    let inner = format!(
        "POST /v1/customers HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer sk_test_x\r\nContent-Length: 0\r\n\r\n"
    );
    for lengths in [
        format!("Content-Length: 0\r\nContent-Length: {}\r\n", inner.len()),
        format!("Content-Length: {0}, {0}\r\n", inner.len()),
        format!("Content-Length: +{}\r\n", inner.len()),
        format!(
            "Content-Length: {}\r\nTransfer-Encoding: chunked\r\n",
            inner.len()
        ),
        format!(
            "Transfer-Encoding: chunked\r\nContent-Length: {}\r\n",
            inner.len()
        ),
        // hyper merges equal repeated lengths (RFC 9110 section 8.6 allows it): the body
        // has one length either way, so it is read as this request's form body, which
        // the endpoint refuses, and nothing in it runs.
        format!(
            "Content-Length: {0}\r\nContent-Length: {0}\r\n",
            inner.len()
        ),
    ] {
        let request = format!(
            "POST /v1/customers HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer sk_test_x\r\nConnection: close\r\n{lengths}\r\n{inner}"
        );
        let answer = emulator.exchange(request.as_bytes());
        let statuses = statuses(&answer);
        assert_eq!(
            statuses.len(),
            1,
            "one answer, then the connection closes: {answer}"
        );
        assert!(
            [400, 411].contains(&statuses[0]),
            "{lengths:?} is refused: {answer}"
        );
    }
    assert_eq!(emulator.count("/v1/customers"), 0, "no request ran");
}

#[test]
fn a_head_without_end_is_cut_off_while_it_is_read() {
    let emulator = Emulator::start(Config::default());
    let mut stream = emulator.connect();
    stream
        .write_all(b"GET /v1/customers HTTP/1.1\r\nX-Long: ")
        .unwrap();
    // Far more than any head may be, and never a line end: the emulator must answer
    // and close long before all of it arrives.
    let chunk = vec![b'a'; 64 * 1024];
    let mut sent = 0usize;
    while sent < 256 * 1024 * 1024 {
        match stream.write(&chunk) {
            Ok(n) => sent += n,
            Err(_) => break,
        }
    }
    assert!(sent < 256 * 1024 * 1024, "the emulator read a 256 MiB head");
    let answer = read_to_close(&mut stream);
    assert!(
        answer.is_empty() || statuses(&answer) == [431],
        "431 or a closed connection: {answer}"
    );
    assert_eq!(emulator.count("/v1/customers"), 0, "it still serves");
}

#[test]
fn a_client_that_trickles_its_head_is_cut_off_at_the_deadline() {
    let emulator = Emulator::start(Config {
        header_timeout_ms: 1000,
        ..Config::default()
    });
    let mut stream = emulator.connect();
    stream.write_all(b"GET /v1/customers HTTP/1.1\r\n").unwrap();
    // One byte a quarter second, each read well within any per-read timeout; a total
    // deadline ends it. Sixty seconds of trickle is the guard against a hang.
    let mut closed = false;
    for _ in 0..240 {
        std::thread::sleep(Duration::from_millis(250));
        if stream.write_all(b"X").is_err() {
            closed = true;
            break;
        }
        stream.set_nonblocking(true).unwrap();
        let mut byte = [0u8; 512];
        let read = stream.read(&mut byte);
        stream.set_nonblocking(false).unwrap();
        match read {
            Ok(_) => {
                closed = true;
                break;
            }
            Err(error) if error.kind() == ErrorKind::WouldBlock => {}
            Err(_) => {
                closed = true;
                break;
            }
        }
    }
    assert!(closed, "the trickling connection was never closed");
    assert_eq!(emulator.count("/v1/customers"), 0, "it still serves");
}

#[test]
fn connections_beyond_the_limit_wait_for_a_free_slot() {
    let emulator = Emulator::start(Config {
        max_connections: 2,
        header_timeout_ms: 2000,
        ..Config::default()
    });
    let mut idle: Vec<TcpStream> = (0..2).map(|_| emulator.connect()).collect();
    // Both slots are taken by connections that send nothing; this request is served
    // only once the deadline has closed one of them.
    assert_eq!(emulator.count("/v1/customers"), 0);
    let closed = idle.iter_mut().any(|stream| {
        stream.set_nonblocking(true).unwrap();
        let mut byte = [0u8; 1];
        matches!(stream.read(&mut byte), Ok(0))
            || matches!(stream.read(&mut byte), Err(e) if e.kind() == ErrorKind::ConnectionReset)
    });
    assert!(closed, "the request was served while both slots were held");
}

#[test]
fn pages_of_other_origins_and_hosts_are_refused() {
    let emulator = Emulator::start(Config::default());
    let (_, before) = emulator.call("GET", "/v1/customers", "", &[]);
    assert_eq!(before["data"].as_array().unwrap().len(), 0);
    for origin in [
        "https://evil.example",
        "null",
        "http://127.0.0.1.evil.example",
    ] {
        let (status, error) = emulator.call(
            "POST",
            "/v1/customers",
            "email=x%40y.z",
            &[("Origin", origin)],
        );
        assert_eq!(
            (status, error["error"]["type"].as_str()),
            (403, Some("invalid_request_error")),
            "{origin}: {error}"
        );
        let answer = emulator.exchange(
            format!(
                "OPTIONS /_emulator/reset HTTP/1.1\r\nHost: {}\r\nOrigin: {origin}\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n",
                emulator.address
            )
            .as_bytes(),
        );
        assert_eq!(statuses(&answer), [403], "{answer}");
        assert!(
            !answer
                .to_ascii_lowercase()
                .contains("access-control-allow-origin"),
            "{answer}"
        );
    }
    // A DNS rebinding page reaches 127.0.0.1 under its own name.
    let answer = emulator.exchange(
        b"POST /_emulator/reset HTTP/1.1\r\nHost: evil.example:12111\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(statuses(&answer), [403], "{answer}");
    assert_eq!(emulator.count("/v1/customers"), 0, "nothing was created");

    for origin in [
        "http://127.0.0.1:5173",
        "http://localhost:3000",
        "http://[::1]:8080",
    ] {
        let answer = emulator.exchange(
            format!(
                "OPTIONS /v1/customers HTTP/1.1\r\nHost: {}\r\nOrigin: {origin}\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n",
                emulator.address
            )
            .as_bytes(),
        );
        assert!(statuses(&answer)[0] < 300, "{answer}");
        assert!(
            answer.contains(&format!("access-control-allow-origin: {origin}\r\n")),
            "{answer}"
        );
        let (status, _) = emulator.call("GET", "/v1/customers", "", &[("Origin", origin)]);
        assert_eq!(status, 200, "{origin}");
    }
    let (status, _) = emulator.call("GET", "/v1/customers", "", &[("Host", "localhost")]);
    assert_eq!(status, 200);
}

#[test]
fn other_origins_and_hosts_can_be_allowed() {
    let config = Config::from_args(
        [
            "--allow-origin",
            "https://app.example",
            "--allow-host",
            "emulator.internal",
        ]
        .map(String::from),
    )
    .unwrap();
    let emulator = Emulator::start(config);
    let (status, _) = emulator.call(
        "GET",
        "/v1/customers",
        "",
        &[("Origin", "https://app.example")],
    );
    assert_eq!(status, 200);
    let (status, _) = emulator.call(
        "GET",
        "/v1/customers",
        "",
        &[("Origin", "https://other.example")],
    );
    assert_eq!(status, 403);
    let answer = emulator.exchange(
        b"GET /_emulator/stats HTTP/1.1\r\nHost: emulator.internal:80\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(statuses(&answer), [200], "{answer}");
    let any =
        Emulator::start(Config::from_args(["--allow-origin", "*"].map(String::from)).unwrap());
    let (status, _) = any.call(
        "GET",
        "/v1/customers",
        "",
        &[("Origin", "https://x.example")],
    );
    assert_eq!(status, 200);
}

#[test]
fn a_handler_that_panics_answers_500_and_the_server_carries_on() {
    use std::sync::Arc;
    use stripe_emulator::http::Response;
    use stripe_emulator::server::{self, Handler, Limits};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let handler: Handler = Arc::new(|request| {
        assert!(request.path != "/panic", "a handler bug");
        Some(Response::bytes("text/plain", b"fine".to_vec()))
    });
    let stop = Arc::new(tokio::sync::Notify::new());
    let limits = Limits {
        header_timeout: Duration::from_secs(30),
        max_connections: 4,
    };
    let serving = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || server::serve(listener, handler, limits, stop))
    };
    let emulator = Emulator {
        running: None,
        address,
    };
    let (status, body) = emulator.call("GET", "/panic", "", &[]);
    assert_eq!(
        (status, body["error"]["type"].as_str()),
        (500, Some("api_error"))
    );
    let answer = emulator.exchange(b"GET /after HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(
        answer.starts_with("HTTP/1.1 200") && answer.ends_with("fine"),
        "{answer}"
    );
    stop.notify_one();
    serving.join().unwrap();
}

#[test]
fn a_state_left_locked_by_a_panic_is_still_served() {
    use std::sync::{Arc, Mutex};
    use stripe_emulator::http::Request;
    use stripe_emulator::store::Store;
    let store = Arc::new(Mutex::new(Store::new(
        Config::default(),
        "http://127.0.0.1:1".into(),
    )));
    let holder = Arc::clone(&store);
    let _ = std::thread::spawn(move || {
        let _guard = holder.lock().unwrap();
        panic!("a handler bug while holding the lock");
    })
    .join();
    assert!(store.is_poisoned());
    for path in ["/_emulator/reset", "/_emulator/stats"] {
        let request = Request {
            method: if path.ends_with("reset") {
                "POST"
            } else {
                "GET"
            }
            .into(),
            path: path.into(),
            ..Request::default()
        };
        let response = stripe_emulator::router::handle(&store, request).unwrap();
        assert_eq!(response.status, 200, "{path}");
    }
}

#[test]
fn an_injected_latency_is_capped() {
    let emulator = Emulator::start(Config::default());
    let mut stream = emulator.connect();
    let body = r#"{"latency_ms": 60001}"#;
    let request = format!(
        "POST /_emulator/faults HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let (status, error) = parse(&read_to_close(&mut stream));
    assert_eq!(
        (status, error_of(&error)),
        (400, ("parameter_invalid", "faults"))
    );
}
