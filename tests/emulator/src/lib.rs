//! A local, stateful double of Stripe's API for development and tests: not Stripe,
//! and not a substitute for testing against Stripe's test mode (see README.md).
//!
//! Data flow: [`server`] reads HTTP off the socket (hyper) → [`router`] checks the
//! [`origin`], applies CORS, faults, the API key and `Idempotency-Key` → an endpoint in [`resources`] reads its
//! [`params`] and changes the [`store`] → [`webhooks`] records the event and delivers it,
//! from a background thread, to the webhook endpoints that want it. The same thread
//! finishes report runs when their delay has passed.

pub mod config;
pub mod errors;
pub mod faults;
pub mod http;
pub mod idempotency;
pub mod list;
pub mod origin;
pub mod params;
pub mod resources;
pub mod router;
pub mod seed;
pub mod server;
pub mod store;
pub mod webhooks;

use std::io;
use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use config::Config;
use store::Store;
use tokio::sync::Notify;

/// A running emulator; [`Running::stop`] shuts it down.
pub struct Running {
    /// Where it listens.
    pub address: SocketAddr,
    stop: Arc<AtomicBool>,
    stop_serving: Arc<Notify>,
    threads: Vec<JoinHandle<()>>,
}

/// Binds 127.0.0.1:`config.port` and starts serving and delivering.
pub fn start(config: Config) -> io::Result<Running> {
    let listener = TcpListener::bind(("127.0.0.1", config.port))?;
    let address = listener.local_addr()?;
    let limits = server::Limits {
        header_timeout: Duration::from_millis(config.header_timeout_ms),
        max_connections: config.max_connections,
    };
    let store = Arc::new(Mutex::new(Store::new(config, format!("http://{address}"))));
    let stop = Arc::new(AtomicBool::new(false));
    let stop_serving = Arc::new(Notify::new());
    let handler: server::Handler = {
        let store = Arc::clone(&store);
        Arc::new(move |request| router::handle(&store, request))
    };
    let serving = {
        let stop_serving = Arc::clone(&stop_serving);
        thread::spawn(move || server::serve(listener, handler, limits, stop_serving))
    };
    let background = {
        let stop = Arc::clone(&stop);
        thread::spawn(move || {
            let agent = webhooks::agent();
            while !stop.load(Ordering::SeqCst) {
                resources::report_runs::advance(&mut store::lock(&store));
                webhooks::deliver_due(&store, &agent);
                thread::sleep(Duration::from_millis(50));
            }
        })
    };
    Ok(Running {
        address,
        stop,
        stop_serving,
        threads: vec![serving, background],
    })
}

impl Running {
    /// Stops accepting, finishes the background work and joins the threads.
    pub fn stop(self) {
        self.stop.store(true, Ordering::SeqCst);
        self.stop_serving.notify_one();
        for thread in self.threads {
            let _ = thread.join();
        }
    }
}
