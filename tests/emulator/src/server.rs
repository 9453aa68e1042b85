//! HTTP/1.1 over TCP on 127.0.0.1, served by hyper.
//!
//! Why hyper rather than a hand-written server (or tiny_http): the emulator is reached
//! by anything on the machine, so its HTTP parsing is attack surface. hyper is the
//! most used and most fuzzed Rust HTTP implementation; it refuses differing
//! `Content-Length`s and malformed lengths (it merges equal repeated ones, as RFC 9110
//! section 8.6 allows: the body has one length either way), caps the head while
//! reading it (`max_buf_size`, answered 431), and times the head out as a whole,
//! including the idle wait between keep-alive requests (`header_read_timeout`), so a
//! slow client cannot hold a connection. It also lets a handler close a connection
//! without any answer (the emulator's dropped-connection fault), which tiny_http
//! cannot: it answers a dropped request with a 500. What stays ours: the framing
//! checks of [`Request::head`] on what hyper hands over (a `Transfer-Encoding` is a
//! 411), the connection limit, and running each handler on a blocking thread where a
//! panic becomes a 500 instead of taking the server down.
//!
//! Answers go out with `TCP_NODELAY`, head and body in one write (`writev(false)`
//! flattens them), so a client never waits for a delayed ACK.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use stripe_edge::error::{ErrorType, HttpError};
use tokio::sync::{Notify, Semaphore};

use crate::http::{MAX_BODY_BYTES, Request, Response};

/// The biggest request head read; a larger one is answered 431 and the connection
/// closed. Stripe's requests carry their parameters in the body.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;

/// How long a refused request's body is read before the connection closes.
const DRAIN: Duration = Duration::from_secs(1);

/// How long open connections get to finish their exchange when the server stops.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// What the server does with each request: an answer, or `None` to drop the connection.
pub type Handler = Arc<dyn Fn(Request) -> Option<Response> + Send + Sync>;

/// How much the server lets clients take.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The time a client has to send a request head, counted from when the connection
    /// is idle (just opened, or after an answer).
    pub header_timeout: Duration,
    /// Connections served at once; more wait in the listen queue.
    pub max_connections: usize,
}

/// Serves `listener` until `stop` is notified, then lets open connections finish for
/// a moment and returns.
pub fn serve(listener: TcpListener, handler: Handler, limits: Limits, stop: Arc<Notify>) {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .max_blocking_threads(limits.max_connections.max(1))
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("stripe-emulator: cannot start the server: {error}");
            return;
        }
    };
    runtime.block_on(accept_until_stopped(listener, handler, limits, stop));
    // Handlers still sleeping in an injected latency are not waited for.
    runtime.shutdown_timeout(Duration::from_millis(100));
}

async fn accept_until_stopped(
    listener: TcpListener,
    handler: Handler,
    limits: Limits,
    stop: Arc<Notify>,
) {
    let listener = match listener
        .set_nonblocking(true)
        .and_then(|()| tokio::net::TcpListener::from_std(listener))
    {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("stripe-emulator: cannot listen: {error}");
            return;
        }
    };
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    loop {
        // A slot first: beyond the limit, connections wait in the kernel's queue.
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => slot,
            () = stop.notified() => break,
        };
        let Ok(slot) = slot else { break };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = stop.notified() => break,
        };
        let Ok((stream, _)) = accepted else { continue };
        // Answers go out at once, not held back by Nagle's algorithm for the client's ACK.
        let _ = stream.set_nodelay(true);
        let handler = Arc::clone(&handler);
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_timeout)
            .max_buf_size(MAX_HEAD_BYTES)
            .writev(false)
            .serve_connection(
                TokioIo::new(stream),
                service_fn(move |request| respond(request, Arc::clone(&handler))),
            );
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop(slot);
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown()).await;
}

/// A connection the handler chose to drop: hyper closes it without an answer.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped on purpose")
    }
}

impl std::error::Error for Dropped {}

async fn respond(
    request: hyper::Request<Incoming>,
    handler: Handler,
) -> Result<hyper::Response<Full<Bytes>>, Dropped> {
    let (parts, body) = request.into_parts();
    let target = parts
        .uri
        .path_and_query()
        .map_or("/", |target| target.as_str());
    let headers = parts
        .headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_bytes()));
    let (mut request, length) = match Request::head(parts.method.as_str(), target, headers) {
        Ok(head) => head,
        Err(refusal) => {
            // Read what the client sends anyway (bounded), so that closing does not
            // reset the connection before the client has read the refusal.
            let drain = Limited::new(body, MAX_BODY_BYTES).collect();
            let _ = tokio::time::timeout(DRAIN, drain).await;
            return Ok(closing(refusal));
        }
    };
    request.body = match Limited::new(body, length.min(MAX_BODY_BYTES))
        .collect()
        .await
    {
        Ok(collected) => collected.to_bytes().to_vec(),
        // The client went away, or sent more than it announced: nobody to answer.
        Err(_) => return Err(Dropped),
    };
    let answer = tokio::task::spawn_blocking(move || handler(request)).await;
    match answer {
        Ok(Some(response)) => Ok(to_hyper(response)),
        Ok(None) => Err(Dropped),
        // A handler panicked: that request gets a 500 and everyone else carries on.
        Err(_) => Ok(to_hyper(Response::error(&HttpError {
            status: 500,
            type_: ErrorType::ApiError,
            code: "api_error",
            message: "The emulator failed on this request (a bug: please report it).".into(),
            param: None,
        }))),
    }
}

/// `response`, after which the connection closes: for requests whose body was not read.
fn closing(response: Response) -> hyper::Response<Full<Bytes>> {
    to_hyper(response.with_header("Connection", "close"))
}

fn to_hyper(response: Response) -> hyper::Response<Full<Bytes>> {
    let mut builder = hyper::Response::builder().status(response.status);
    for (name, value) in &response.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    builder
        .body(Full::new(Bytes::from(response.body)))
        .unwrap_or_else(|_| {
            let mut fallback = hyper::Response::new(Full::new(Bytes::new()));
            *fallback.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
            fallback
        })
}
