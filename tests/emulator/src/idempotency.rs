//! `Idempotency-Key` as Stripe keeps it: the first response to a key is replayed for
//! the same request, and the key used with other parameters is an error.

use std::collections::HashMap;

use crate::http::Response;

/// Responses by key, with what the request was.
#[derive(Default)]
pub struct Idempotency {
    kept: HashMap<String, (String, Response)>,
}

/// What to do with a keyed request.
pub enum Seen {
    /// New key: do the work, then [`Idempotency::keep`] the response.
    New,
    /// Same key, same request: send this again.
    Replay(Response),
    /// Same key, another request.
    Conflict,
}

impl Idempotency {
    /// Looks up `key` for the request described by `fingerprint`.
    pub fn check(&self, key: &str, fingerprint: &str) -> Seen {
        match self.kept.get(key) {
            None => Seen::New,
            Some((seen, response)) if seen == fingerprint => Seen::Replay(response.clone()),
            Some(_) => Seen::Conflict,
        }
    }

    /// Keeps `response` for `key`.
    pub fn keep(&mut self, key: &str, fingerprint: String, response: Response) {
        self.kept.insert(key.into(), (fingerprint, response));
    }
}
