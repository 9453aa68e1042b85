//! `GET /v1/events` as Stripe documents it (filters, paging, `delivery_success`), and the
//! line the binary prints for each webhook delivery.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use serde_json::Value;
use stripe_emulator::config::Config;

/// An emulator in this process, reached over HTTP.
struct Emulator {
    running: Option<stripe_emulator::Running>,
    base: String,
}

impl Emulator {
    fn start() -> Self {
        let running = stripe_emulator::start(Config {
            port: 0,
            ..Config::default()
        })
        .expect("the emulator starts");
        Self {
            base: format!("http://{}", running.address),
            running: Some(running),
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            running.stop();
        }
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent()
}

/// `GET base + path` with a test key: the status and the JSON body.
fn get(base: &str, path: &str) -> (u16, Value) {
    let mut response = agent()
        .get(format!("{base}{path}"))
        .header("Authorization", "Bearer sk_test_events")
        .call()
        .expect("an answer");
    let status = response.status().as_u16();
    (status, response.body_mut().read_json().expect("JSON"))
}

/// `POST base + path` with a form body and a test key: the JSON body.
fn post(base: &str, path: &str, form: &[(&str, &str)]) -> Value {
    let body: Vec<String> = form.iter().map(|(k, v)| format!("{k}={v}")).collect();
    agent()
        .post(format!("{base}{path}"))
        .header("Authorization", "Bearer sk_test_events")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send(body.join("&"))
        .expect("an answer")
        .body_mut()
        .read_json()
        .expect("JSON")
}

fn ids(page: &Value) -> Vec<String> {
    page["data"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|event| event["id"].as_str().expect("an id").to_string())
        .collect()
}

fn customer(base: &str, email: &str) -> String {
    post(base, "/v1/customers", &[("email", email)])["id"]
        .as_str()
        .expect("a customer")
        .to_string()
}

/// The id of the newest event of `type_` about `object`.
fn event_of(base: &str, type_: &str, object: &str) -> String {
    let (_, page) = get(base, &format!("/v1/events?type={type_}&limit=100"));
    page["data"]
        .as_array()
        .expect("a list")
        .iter()
        .find(|event| event["data"]["object"]["id"] == object)
        .and_then(|event| event["id"].as_str())
        .unwrap_or_else(|| panic!("no {type_} event for {object}: {page}"))
        .to_string()
}

#[test]
fn events_list_newest_first_by_type_and_wildcard() {
    let emulator = Emulator::start();
    let base = &emulator.base;
    let customer = customer(base, "types@x.io");
    post(
        base,
        &format!("/v1/customers/{customer}"),
        &[("name", "Ty")],
    );
    let invoice = post(base, "/v1/invoices", &[("customer", &customer)])["id"]
        .as_str()
        .expect("an invoice")
        .to_string();
    let created = event_of(base, "customer.created", &customer);
    let updated = event_of(base, "customer.updated", &customer);
    let drafted = event_of(base, "invoice.created", &invoice);

    let (status, all) = get(base, "/v1/events");
    assert_eq!(status, 200, "{all}");
    assert_eq!(
        (&all["object"], &all["url"]),
        (&"list".into(), &"/v1/events".into())
    );
    assert_eq!(
        ids(&all),
        [drafted.as_str(), updated.as_str(), created.as_str()],
        "newest first"
    );
    assert_eq!(all["data"][0]["object"], "event");
    assert_eq!(all["data"][0]["data"]["object"]["id"], invoice.as_str());

    let (_, customers) = get(base, "/v1/events?type=customer.*");
    assert_eq!(ids(&customers), [updated.as_str(), created.as_str()]);
    let (_, made) = get(base, "/v1/events?type=*.created");
    assert_eq!(ids(&made), [drafted.as_str(), created.as_str()]);
    let (_, exact) = get(base, "/v1/events?type=customer.created");
    assert_eq!(ids(&exact), [created.as_str()]);
    let (_, listed) = get(
        base,
        "/v1/events?types[]=invoice.created&types[]=customer.updated",
    );
    assert_eq!(ids(&listed), [drafted.as_str(), updated.as_str()]);
    let (_, none) = get(base, "/v1/events?type=invoice.paid");
    assert_eq!(ids(&none), Vec::<String>::new());

    let (status, one) = get(base, &format!("/v1/events/{updated}"));
    assert_eq!((status, &one["type"]), (200, &"customer.updated".into()));
    let (status, missing) = get(base, "/v1/events/evt_missing");
    assert_eq!(status, 404);
    assert_eq!(missing["error"]["code"], "resource_missing");
}

#[test]
fn events_refuse_what_stripe_refuses() {
    let emulator = Emulator::start();
    let base = &emulator.base;
    customer(base, "refuse@x.io");
    for (query, param) in [
        ("type=customer.created&types[]=customer.created", "types"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("delivery_success=maybe", "delivery_success"),
        ("created[after]=1", "created[after]"),
        ("starting_after=evt_missing", "starting_after"),
        ("colour=blue", "colour"),
    ] {
        let (status, body) = get(base, &format!("/v1/events?{query}"));
        assert!(matches!(status, 400 | 404), "{query}: {status} {body}");
        assert_eq!(body["error"]["param"], param, "{query}: {body}");
    }
    let many: Vec<String> = (0..21).map(|i| format!("types[]=t{i}")).collect();
    let (status, body) = get(base, &format!("/v1/events?{}", many.join("&")));
    assert_eq!((status, &body["error"]["param"]), (400, &"types".into()));
}

#[test]
fn events_page_both_ways_and_filter_by_created() {
    let emulator = Emulator::start();
    let base = &emulator.base;
    for i in 0..6 {
        customer(base, &format!("early{i}@x.io"));
    }
    // The second batch is made in a later second than the first.
    thread::sleep(Duration::from_millis(1100));
    for i in 0..6 {
        customer(base, &format!("late{i}@x.io"));
    }
    let (_, all) = get(base, "/v1/events?limit=100");
    let everything = ids(&all);
    assert_eq!(everything.len(), 12);
    let times: Vec<i64> = all["data"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|e| e["created"].as_i64().expect("created"))
        .collect();
    let (late, early) = (times[0], times[11]);
    assert!(late > early, "{times:?}");

    let mut walked = Vec::new();
    let mut path = "/v1/events?limit=5".to_string();
    loop {
        let (_, page) = get(base, &path);
        let page_ids = ids(&page);
        walked.extend(page_ids.iter().cloned());
        if page["has_more"] != true {
            break;
        }
        path = format!("/v1/events?limit=5&starting_after={}", page_ids[4]);
    }
    assert_eq!(walked, everything);
    let (_, back) = get(
        base,
        &format!("/v1/events?limit=3&ending_before={}", everything[6]),
    );
    assert_eq!(ids(&back), everything[3..6]);
    assert_eq!(back["has_more"], true);

    let count = |query: String| ids(&get(base, &format!("/v1/events?limit=100&{query}")).1).len();
    // Each batch may straddle a second on a busy machine: expect what the times say.
    let expected = |keep: &dyn Fn(i64) -> bool| times.iter().filter(|t| keep(**t)).count();
    assert_eq!(
        count(format!("created[gt]={early}")),
        expected(&|t| t > early)
    );
    assert_eq!(
        count(format!("created[gte]={late}")),
        expected(&|t| t >= late)
    );
    assert_eq!(
        count(format!("created[lt]={late}")),
        expected(&|t| t < late)
    );
    assert_eq!(
        count(format!("created[lte]={early}")),
        expected(&|t| t <= early)
    );
    assert_eq!(count(format!("created={early}")), expected(&|t| t == early));
    assert_eq!(count(format!("created[gt]={late}")), 0);
}

/// A webhook receiver on 127.0.0.1 that answers with `answers` in turn (then 200s) and
/// reports each request's body.
fn receiver(answers: Vec<(u16, &'static str)>) -> (String, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    let url = format!("http://{}/hook", listener.local_addr().expect("an address"));
    let (sent, bodies) = mpsc::channel();
    thread::spawn(move || {
        let mut answers = answers.into_iter();
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().expect("a stream"));
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).expect("a header line");
                if line.trim().is_empty() {
                    break;
                }
                if let Some((name, value)) = line.split_once(':')
                    && name.eq_ignore_ascii_case("content-length")
                {
                    length = value.trim().parse().expect("a length");
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).expect("the body");
            let (status, answer) = answers.next().unwrap_or((200, "{}"));
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                answer.len()
            );
            let _ = sent.send(String::from_utf8_lossy(&body).into_owned());
        }
    });
    (url, bodies)
}

/// The binary, its URL, and its output lines as they come.
fn binary() -> (Child, String, mpsc::Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stripe-emulator"))
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let stdout: ChildStdout = child.stdout.take().expect("stdout");
    let (sent, lines) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = sent.send(line);
        }
    });
    let first = lines
        .recv_timeout(Duration::from_secs(10))
        .expect("a first line");
    let url = first
        .strip_prefix("stripe-emulator listening on ")
        .expect(&first)
        .to_string();
    (child, url, lines)
}

fn next_line(lines: &mpsc::Receiver<String>, containing: &str) -> String {
    loop {
        let line = lines
            .recv_timeout(Duration::from_secs(10))
            .unwrap_or_else(|_| panic!("no line with {containing:?}"));
        if line.contains(containing) {
            return line;
        }
    }
}

#[test]
fn each_delivery_prints_one_line_and_delivery_success_follows_the_answers() {
    let (mut child, base, lines) = binary();
    let before = customer(&base, "before@x.io");
    let (url, bodies) = receiver(vec![(
        400,
        r#"{"error":{"type":"invalid_request_error","code":"no_matching_signature"}}"#,
    )]);
    post(
        &base,
        "/v1/webhook_endpoints",
        &[("url", &url), ("enabled_events[]", "customer.created")],
    );
    let hooked = customer(&base, "hooked@x.io");
    let quiet = event_of(&base, "customer.created", &before);
    let event = event_of(&base, "customer.created", &hooked);

    let refused = next_line(&lines, &event);
    assert_eq!(
        refused,
        format!(
            "webhook {event} customer.created to {url}: refused (400 no_matching_signature); attempt 1 of 6, next in 0.5 s"
        )
    );
    let (_, pending) = get(&base, "/v1/events?delivery_success=false");
    assert_eq!(ids(&pending), [event.as_str()], "refused once, still owed");
    assert_eq!(pending["data"][0]["pending_webhooks"], 1);

    let accepted = next_line(&lines, &event);
    assert_eq!(
        accepted,
        format!("webhook {event} customer.created to {url}: accepted (200)")
    );
    let first: Value = serde_json::from_str(&bodies.recv().expect("a body")).expect("JSON");
    assert_eq!(first["id"], event.as_str());
    let (_, pending) = get(&base, "/v1/events?delivery_success=false");
    assert_eq!(ids(&pending), Vec::<String>::new());
    let (_, done) = get(&base, "/v1/events?delivery_success=true");
    assert_eq!(ids(&done), [event.as_str(), quiet.as_str()]);
    assert_eq!(done["data"][0]["pending_webhooks"], 0);

    child.kill().expect("stopped");
    let _ = child.wait();
}

#[test]
fn a_delivery_nobody_answers_stays_owed_and_says_why() {
    let (mut child, base, lines) = binary();
    let closed = TcpListener::bind("127.0.0.1:0").expect("a port");
    let url = format!("http://{}/gone", closed.local_addr().expect("an address"));
    drop(closed);
    post(
        &base,
        "/v1/webhook_endpoints",
        &[("url", &url), ("enabled_events[]", "*")],
    );
    let customer = customer(&base, "unheard@x.io");
    let event = event_of(&base, "customer.created", &customer);
    let line = next_line(&lines, &event);
    assert!(
        line.starts_with(&format!(
            "webhook {event} customer.created to {url}: failed ("
        )) && line.ends_with("; attempt 1 of 6, next in 0.5 s"),
        "{line}"
    );
    let (_, owed) = get(
        &base,
        "/v1/events?delivery_success=false&type=customer.created",
    );
    assert_eq!(ids(&owed), [event.as_str()]);
    child.kill().expect("stopped");
    let _ = child.wait();
}
