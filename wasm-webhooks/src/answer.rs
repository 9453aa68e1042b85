//! How a refusal reaches JavaScript: the core's code and message, kept here until the
//! next refusal, and four words that say where they are.

use alloc::string::String;
use core::ptr;

use stripe_edge::webhook::WebhookError;

use crate::runtime::Local;

/// What an export answers: null when the check passed, else the address of a refusal's
/// words: the code's address and length, then the message's.
pub type Answer = *const u32;

/// The last refusal.
struct Refusal {
    /// Where its code and message are, as the JavaScript side reads them.
    words: [u32; 4],
    /// Its message, kept alive for the words.
    message: String,
}

static REFUSAL: Local<Refusal> = Local::new(Refusal {
    words: [0; 4],
    message: String::new(),
});

/// Null when `verdict` passed, else the refusal (see [`refused`]).
pub fn from(verdict: Result<(), WebhookError>) -> Answer {
    verdict.map_or_else(refused, |()| ptr::null())
}

/// Keeps `error` for the JavaScript side and answers where it is.
pub fn refused(error: WebhookError) -> Answer {
    REFUSAL.with(|refusal| {
        let code = error.code();
        refusal.message = error.message();
        refusal.words = [
            code.as_ptr() as u32,
            code.len() as u32,
            refusal.message.as_ptr() as u32,
            refusal.message.len() as u32,
        ];
        refusal.words.as_ptr()
    })
}
