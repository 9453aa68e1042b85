//! The MAC provider: the core's own answers the RFC 4231 known answer, and a provider
//! given through `VerifyOptions::hmac` is the one that computes every MAC, while the
//! header, the windows, the comparison and the envelope stay the core's.

use std::sync::atomic::{AtomicUsize, Ordering};

use stripe_edge::webhook::{self, HmacSha256, RustCrypto, VerifyOptions, WebhookError};

const SECRET: &str = "whsec_mac_provider";
const T: i64 = 1_700_000_000;
const EVENT: &[u8] = br#"{"id":"evt_1","object":"event","type":"invoice.paid","created":1700000000,"livemode":false,"data":{"object":{}}}"#;

#[test]
fn rust_crypto_gives_the_rfc_4231_answer() {
    let mac = RustCrypto.hmac_sha256(b"Jefe", &[b"what do ya want ", b"for nothing?"]);
    let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        hex,
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
}

/// The core's own MAC, counting its calls.
struct Counting(AtomicUsize);

impl HmacSha256 for Counting {
    fn hmac_sha256(&self, key: &[u8], message: &[&[u8]]) -> [u8; 32] {
        self.0.fetch_add(1, Ordering::Relaxed);
        RustCrypto.hmac_sha256(key, message)
    }
}

/// A provider that computes the wrong MAC.
struct Wrong;

impl HmacSha256 for Wrong {
    fn hmac_sha256(&self, _: &[u8], _: &[&[u8]]) -> [u8; 32] {
        [7; 32]
    }
}

#[test]
fn the_given_provider_computes_every_mac_and_the_core_decides() {
    static COUNTING: Counting = Counting(AtomicUsize::new(0));
    let header = webhook::generate_test_header(EVENT, &[SECRET], T);
    let options = VerifyOptions::default().hmac(&COUNTING);
    let secrets = ["whsec_old", SECRET];
    let event = webhook::construct_event(EVENT, &header, &secrets, T, &options).unwrap();
    assert_eq!(event.id, "evt_1");
    assert_eq!(COUNTING.0.load(Ordering::Relaxed), 2, "one MAC per secret");

    // The provider's MAC is what the core compares.
    let wrong = VerifyOptions::default().hmac(&Wrong);
    assert!(matches!(
        webhook::verify_header(EVENT, &header, &[SECRET], T, &wrong),
        Err(WebhookError::NoMatchingSignature { .. })
    ));
    // The windows and the envelope are checked whoever computes the MAC.
    assert!(matches!(
        webhook::verify_header(EVENT, &header, &[SECRET], T + 301, &options),
        Err(WebhookError::TimestampOutsideTolerance { .. })
    ));
    let refused = webhook::parse_event_notification(EVENT, &header, &[SECRET], T, &options);
    assert!(matches!(refused, Err(WebhookError::WrongEventKind { .. })));
}

#[test]
fn options_name_their_provider_and_compare_by_it() {
    static OTHER: Counting = Counting(AtomicUsize::new(0));
    assert_eq!(
        VerifyOptions::default(),
        VerifyOptions::default().tolerance(300)
    );
    assert_ne!(
        VerifyOptions::default(),
        VerifyOptions::default().hmac(&OTHER)
    );
    let options = VerifyOptions::default().hmac(&OTHER).tolerance(5);
    assert!(core::ptr::addr_eq(options.hmac_provider(), &OTHER));
}

#[test]
fn signatures_read_and_write_lower_case_hex_of_every_byte() {
    use stripe_edge::webhook::Signature;
    for first in 0..=255u8 {
        let bytes: Vec<u8> = (0..32).map(|i| first.wrapping_add(i * 8)).collect();
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let signature = Signature::from_hex(&hex).expect("64 lower-case hex digits");
        assert_eq!(signature.to_hex(&mut [0; 64]), hex);
        assert_eq!(signature.to_string(), hex);
        assert_eq!(
            Signature::from_hex(&hex.to_uppercase()).is_some(),
            !hex.contains(|c: char| c.is_ascii_alphabetic())
        );
        assert!(Signature::from_hex(&hex[..62]).is_none());
        assert!(Signature::from_hex(&format!("{hex}00")).is_none());
        assert!(Signature::from_hex(&hex.replacen(|c: char| c.is_ascii_digit(), "g", 1)).is_none());
    }
}
