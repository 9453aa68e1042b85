//! The emulator's state: every object by kind, in memory, with the clock and the id
//! source. One lock guards it; handlers get `&mut Store`.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::config::Config;
use crate::faults::Faults;
use crate::idempotency::Idempotency;
use crate::webhooks::Outbox;

/// Objects of one kind, in the order they were made.
#[derive(Default)]
pub struct Collection {
    items: Vec<Value>,
}

impl Collection {
    /// Adds `object` (which has an `id`) and returns a copy.
    pub fn insert(&mut self, object: Value) -> Value {
        self.items.push(object.clone());
        object
    }

    /// The object `id`.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.items.iter().find(|item| item["id"] == id)
    }

    /// The object `id`, to change.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Value> {
        self.items.iter_mut().find(|item| item["id"] == id)
    }

    /// Removes the object `id`.
    pub fn remove(&mut self, id: &str) -> Option<Value> {
        let index = self.items.iter().position(|item| item["id"] == id)?;
        Some(self.items.remove(index))
    }

    /// The objects, newest first, as Stripe lists them.
    pub fn newest_first(&self) -> impl Iterator<Item = &Value> {
        self.items.iter().rev()
    }

    /// The objects, to change.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Value> {
        self.items.iter_mut()
    }
}

/// Everything the emulator holds.
pub struct Store {
    /// How it was started.
    pub config: Config,
    /// Where it is reached, such as `http://127.0.0.1:12111`, for file URLs.
    pub base_url: String,
    /// Report runs still pending: id, when each finishes (unix milliseconds), and
    /// whether it fails.
    pub report_due: Vec<(String, i64, bool)>,
    next_id: u64,
    /// `cus_...`
    pub customers: Collection,
    /// `in_...`
    pub invoices: Collection,
    /// `ii_...`
    pub invoice_items: Collection,
    /// `frr_...`
    pub report_runs: Collection,
    /// `file_...`
    pub files: Collection,
    /// The bytes of each file, by id.
    pub file_contents: HashMap<String, Vec<u8>>,
    /// `sqr_...`
    pub scheduled_query_runs: Collection,
    /// v1 snapshot events, `evt_...`
    pub events: Collection,
    /// v2 thin events, `evt_...` (`v2.core.event`)
    pub v2_events: Collection,
    /// `we_...`
    pub webhook_endpoints: Collection,
    /// Responses kept by `Idempotency-Key`.
    pub idempotency: Idempotency,
    /// Faults injected into responses.
    pub faults: Faults,
    /// API requests received (control endpoints aside), for tests that count retries.
    pub requests: u64,
    /// Webhook deliveries waiting to be sent.
    pub outbox: Outbox,
}

impl Store {
    /// An empty store reached at `base_url`, or the demo data with `--seed demo`.
    pub fn new(config: Config, base_url: String) -> Self {
        let mut store = Self {
            config,
            base_url,
            report_due: Vec::new(),
            next_id: 0,
            customers: Collection::default(),
            invoices: Collection::default(),
            invoice_items: Collection::default(),
            report_runs: Collection::default(),
            files: Collection::default(),
            file_contents: HashMap::new(),
            scheduled_query_runs: Collection::default(),
            events: Collection::default(),
            v2_events: Collection::default(),
            webhook_endpoints: Collection::default(),
            idempotency: Idempotency::default(),
            faults: Faults::default(),
            requests: 0,
            outbox: Outbox::default(),
        };
        crate::seed::load(&mut store);
        store
    }

    /// The time now, in unix seconds.
    pub fn now(&self) -> i64 {
        now_ms() / 1000
    }

    /// A new id with `prefix` (`cus`, `in`, ...): unique, and shaped like Stripe's.
    pub fn id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        let (unique, filler) = (mix(self.next_id), mix(!self.next_id));
        format!("{prefix}_{}{}", base62(unique, 11), base62(filler, 3))
    }

    /// The object with `id`, found by its prefix in the collection it belongs to.
    pub fn find(&self, id: &str) -> Option<&Value> {
        let (prefix, _) = id.split_once('_')?;
        let collection = match prefix {
            "cus" => &self.customers,
            "in" => &self.invoices,
            "ii" => &self.invoice_items,
            "frr" => &self.report_runs,
            "file" => &self.files,
            "sqr" => &self.scheduled_query_runs,
            "we" => &self.webhook_endpoints,
            "evt" => return self.events.get(id).or_else(|| self.v2_events.get(id)),
            _ => return None,
        };
        collection.get(id)
    }
}

/// The store, locked. A handler that panicked while holding the lock (a bug) has
/// already been answered with a 500; the state it left is used as it is, rather than
/// refusing every later request.
pub fn lock(store: &Mutex<Store>) -> MutexGuard<'_, Store> {
    store.lock().unwrap_or_else(|poisoned| {
        store.clear_poison();
        poisoned.into_inner()
    })
}

/// The time now, in unix milliseconds.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| {
            i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
        })
}

/// A bijection of u64 (splitmix64's finalizer), so that consecutive ids look unrelated.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The last `len` base-62 digits of `x` (11 hold any u64).
fn base62(mut x: u64, len: usize) -> String {
    const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut out = vec![b'0'; len];
    for slot in out.iter_mut().rev() {
        *slot = DIGITS[(x % 62) as usize];
        x /= 62;
    }
    String::from_utf8(out).unwrap_or_default()
}
