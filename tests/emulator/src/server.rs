//! HTTP/1.1 over TCP on 127.0.0.1: one thread per connection, keep-alive, bodies with
//! `Content-Length`. Small on purpose: the emulator must be able to drop a connection
//! mid-request (a fault) and to answer with exactly the bytes Stripe would.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use crate::http::{Request, Response};

/// The biggest request head or body read; larger requests are answered 413.
const MAX_BYTES: usize = 16 * 1024 * 1024;

/// What the server does with each request: an answer, or `None` to drop the connection.
pub type Handler = Arc<dyn Fn(Request) -> Option<Response> + Send + Sync>;

/// Accepts connections on `listener` until `stop` is set.
pub fn serve(listener: TcpListener, handler: Handler, stop: Arc<AtomicBool>) {
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        let handler = Arc::clone(&handler);
        thread::spawn(move || {
            let _ = connection(stream, &handler);
        });
    }
}

fn connection(stream: TcpStream, handler: &Handler) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    // Answers go out at once, not held back by Nagle's algorithm for the client's ACK.
    stream.set_nodelay(true)?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    loop {
        let request = match read_request(&mut reader)? {
            Some(Ok(request)) => request,
            Some(Err(response)) => {
                write_response(&mut writer, &response, false)?;
                return Ok(());
            }
            None => return Ok(()),
        };
        let keep_alive = !request
            .header("connection")
            .is_some_and(|value| value.eq_ignore_ascii_case("close"));
        match handler(request) {
            Some(response) => write_response(&mut writer, &response, keep_alive)?,
            None => return Ok(()),
        }
        if !keep_alive {
            return Ok(());
        }
    }
}

/// The next request, `Some(Err(..))` for one that cannot be read, `None` at the end.
fn read_request(
    reader: &mut BufReader<TcpStream>,
) -> io::Result<Option<Result<Request, Response>>> {
    let mut head = Vec::new();
    loop {
        let read = reader.read_until(b'\n', &mut head)?;
        if read == 0 {
            return Ok(None);
        }
        if head.ends_with(b"\r\n\r\n") || head == b"\r\n" || head.ends_with(b"\n\n") {
            break;
        }
        if head.len() > MAX_BYTES {
            return Ok(Some(Err(plain(431, "request head too large"))));
        }
    }
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut parsed = httparse::Request::new(&mut headers);
    match parsed.parse(&head) {
        Ok(httparse::Status::Complete(_)) => {}
        _ => return Ok(Some(Err(plain(400, "malformed HTTP request")))),
    }
    let target = parsed.path.unwrap_or("/");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut request = Request {
        method: parsed.method.unwrap_or("GET").into(),
        path: path.into(),
        query: query.into(),
        headers: parsed
            .headers
            .iter()
            .map(|h| {
                (
                    h.name.to_ascii_lowercase(),
                    String::from_utf8_lossy(h.value).into_owned(),
                )
            })
            .collect(),
        body: Vec::new(),
    };
    if request.header("transfer-encoding").is_some() {
        return Ok(Some(Err(plain(411, "send the body with Content-Length"))));
    }
    let length: usize = match request.header("content-length").map(str::parse) {
        None => 0,
        Some(Ok(length)) if length <= MAX_BYTES => length,
        Some(Ok(_)) => return Ok(Some(Err(plain(413, "request body too large")))),
        Some(Err(_)) => return Ok(Some(Err(plain(400, "bad Content-Length")))),
    };
    request.body = vec![0; length];
    reader.read_exact(&mut request.body)?;
    Ok(Some(Ok(request)))
}

fn plain(status: u16, message: &str) -> Response {
    Response {
        status,
        headers: vec![("Content-Type".into(), "text/plain".into())],
        body: message.as_bytes().to_vec(),
    }
}

fn write_response(writer: &mut TcpStream, response: &Response, keep_alive: bool) -> io::Result<()> {
    let mut out = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason(response.status)
    );
    for (name, value) in &response.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!(
        "Content-Length: {}\r\nConnection: {}\r\n\r\n",
        response.body.len(),
        if keep_alive { "keep-alive" } else { "close" }
    ));
    // One write: a head and a body in two segments would wait on the client's ACK.
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(&response.body);
    writer.write_all(&bytes)?;
    writer.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Request Failed",
        404 => "Not Found",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        _ => "",
    }
}
