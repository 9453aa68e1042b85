//! The arguments of a call, as the JavaScript side copies them into the module's memory:
//! the payload, the header, then each secret, one after the other in one buffer.

use alloc::vec::Vec;

use crate::runtime::Local;

/// The buffer and what is in it.
struct Input {
    /// Room for the arguments, which the JavaScript side writes from its start.
    bytes: Vec<u8>,
    /// The length of each secret written after the header, in order.
    secrets: Vec<usize>,
}

static INPUT: Local<Input> = Local::new(Input {
    bytes: Vec::new(),
    secrets: Vec::new(),
});

/// Room for `len` bytes of arguments, at the address answered (null when the module's
/// memory cannot grow that far); the last call's arguments are dropped.
pub fn reserve(len: usize) -> *mut u8 {
    INPUT.with(|input| {
        input.bytes.clear();
        input.secrets.clear();
        match input.bytes.try_reserve(len) {
            Ok(()) => input.bytes.as_mut_ptr(),
            Err(_) => core::ptr::null_mut(),
        }
    })
}

/// Notes that a secret of `len` bytes follows the ones noted before.
pub fn push_secret(len: usize) {
    INPUT.with(|input| input.secrets.push(len));
}

/// The arguments of one call.
pub struct Arguments<'a> {
    /// The raw body.
    pub payload: &'a [u8],
    /// The `Stripe-Signature` header value.
    pub header: &'a [u8],
    /// The secrets. The JavaScript side writes strings as UTF-8 (a lone surrogate as
    /// U+FFFD): a secret that is not would be a broken caller, read as a blank secret,
    /// which the core refuses.
    pub secrets: Vec<&'a str>,
}

/// Runs `f` on the arguments written: a payload of `payload` bytes, a header of `header`
/// bytes and the secrets noted; lengths past the room reserved are a broken caller,
/// which traps.
pub fn with<R>(payload: usize, header: usize, f: impl FnOnce(Arguments<'_>) -> R) -> R {
    INPUT.with(|input| {
        let mut total = payload.checked_add(header);
        for &len in &input.secrets {
            total = total.and_then(|total| total.checked_add(len));
        }
        let written = match total {
            Some(total) if total <= input.bytes.capacity() => total,
            _ => core::arch::wasm32::unreachable(),
        };
        // SAFETY: the JavaScript side wrote these bytes (within the capacity, checked
        // above) through the module's memory before this call, as wasm-bindgen's glue
        // writes the arguments it passes.
        unsafe { input.bytes.set_len(written) };
        let (payload, rest) = input.bytes.split_at(payload);
        let (header, mut rest) = rest.split_at(header);
        let mut secrets = Vec::with_capacity(input.secrets.len());
        for &len in &input.secrets {
            let (secret, after) = rest.split_at(len);
            secrets.push(core::str::from_utf8(secret).unwrap_or_default());
            rest = after;
        }
        f(Arguments {
            payload,
            header,
            secrets,
        })
    })
}
