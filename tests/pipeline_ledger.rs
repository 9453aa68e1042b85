//! The ledger's decisions (`stripe_edge::pipeline::ledger`): settings from vars within
//! their bounds, acceptance of a repeated id, each delivery's state after an attempt,
//! and the alarm times for redelivery and expiry.

use stripe_edge::pipeline::attempt::{Outcome, Verdict};
use stripe_edge::pipeline::ledger::{
    Acceptance, Delivery, MIN_RETENTION_SECONDS, Settings, State, superseded, valid_id,
};

#[test]
fn settings_default_and_bounded() {
    let defaults = Settings::from_vars(None, Some(" "), None).unwrap();
    assert_eq!(defaults, Settings::default());
    assert!(defaults.retention_seconds >= MIN_RETENTION_SECONDS);
    let set = Settings::from_vars(Some("259200"), Some("5"), Some("3")).unwrap();
    assert_eq!(
        (
            set.retention_seconds,
            set.redeliver_after_seconds,
            set.max_attempts
        ),
        (259_200, 5, 3)
    );
    for (retention, redeliver, attempts, name) in [
        (Some("259199"), None, None, "PIPELINE_RETENTION_SECONDS"),
        (Some("-1"), None, None, "PIPELINE_RETENTION_SECONDS"),
        (
            Some("99999999999"),
            None,
            None,
            "PIPELINE_RETENTION_SECONDS",
        ),
        (None, Some("0"), None, "PIPELINE_REDELIVER_AFTER_SECONDS"),
        (None, Some("1.5"), None, "PIPELINE_REDELIVER_AFTER_SECONDS"),
        (None, None, Some("0"), "PIPELINE_MAX_ATTEMPTS"),
        (None, None, Some("101"), "PIPELINE_MAX_ATTEMPTS"),
    ] {
        let error = Settings::from_vars(retention, redeliver, attempts).unwrap_err();
        assert_eq!(error.name, name, "{retention:?} {redeliver:?} {attempts:?}");
        assert!(error.to_string().starts_with(name));
    }
}

#[test]
fn a_repeated_id_is_a_duplicate_only_once_its_enqueue_was_confirmed() {
    assert_eq!(Acceptance::of(None), Acceptance::New);
    assert_eq!(Acceptance::of(Some(false)), Acceptance::Unconfirmed);
    assert_eq!(Acceptance::of(Some(true)), Acceptance::Duplicate);
}

#[test]
fn each_attempt_moves_the_delivery() {
    let settings = Settings::from_vars(None, None, Some("3")).unwrap();
    let (first, verdict) = Delivery::NEW.after(Outcome::Status(500), &settings);
    assert_eq!(verdict, Verdict::Retry { delay_seconds: 5 });
    assert_eq!((first.state, first.attempts), (State::Pending, 1));
    assert!(first.owed());
    let (second, verdict) = first.after(Outcome::Failed, &settings);
    assert_eq!(verdict, Verdict::Retry { delay_seconds: 10 });
    let (third, verdict) = second.after(Outcome::Failed, &settings);
    assert_eq!(
        (third.state, third.attempts, verdict),
        (State::Dead, 3, Verdict::Dead)
    );
    assert!(!third.owed());
    let (delivered, verdict) = second.after(Outcome::Status(204), &settings);
    assert_eq!(
        (delivered.state, verdict),
        (State::Delivered, Verdict::Delivered)
    );
    let (gone, verdict) = Delivery::NEW.after(Outcome::Status(410), &settings);
    assert_eq!((gone.state, verdict), (State::Disabled, Verdict::Disable));
    let worn = Delivery {
        state: State::Pending,
        attempts: u32::MAX,
    };
    assert_eq!(worn.after(Outcome::Failed, &settings).0.attempts, u32::MAX);
}

#[test]
fn only_deliveries_given_up_are_replayed() {
    for (state, replayed) in [
        (State::Pending, None),
        (State::Delivered, None),
        (State::Dead, Some(Delivery::NEW)),
        (State::Disabled, Some(Delivery::NEW)),
    ] {
        let delivery = Delivery { state, attempts: 7 };
        assert_eq!(delivery.replayed(), replayed, "{state:?}");
    }
}

#[test]
fn states_round_trip_by_name() {
    for state in [
        State::Pending,
        State::Delivered,
        State::Dead,
        State::Disabled,
    ] {
        assert_eq!(State::parse(state.as_str()), Some(state));
    }
    assert_eq!(State::parse("Pending"), None);
}

#[test]
fn the_alarm_fires_for_the_oldest_pending_delivery_or_the_expiry() {
    let settings = Settings::from_vars(Some("259200"), Some("60"), None).unwrap();
    let accepted = 1_000_000;
    let expires = accepted + 259_200_000;
    assert_eq!(settings.expires_at(accepted), expires);
    assert_eq!(settings.retention_cutoff(expires), accepted);
    assert_eq!(settings.next_alarm(accepted, None), expires);
    assert_eq!(
        settings.next_alarm(accepted, Some(accepted + 5)),
        accepted + 60_005
    );
    assert_eq!(settings.next_alarm(accepted, Some(expires)), expires);
    assert_eq!(settings.next_alarm(i64::MAX - 1, Some(i64::MAX)), i64::MAX);
    let now = accepted + 100_000;
    assert_eq!(settings.redelivery_cutoff(now), now - 60_000);
    assert!(settings.redeliver_at(settings.redelivery_cutoff(now)) <= now);
    assert_eq!(settings.redelivery_cutoff(i64::MIN), i64::MIN);
}

#[test]
fn ids_are_bounded_printable_ascii() {
    assert!(valid_id("evt_1NG8Du2eZvKYlo2CUI79vXWy"));
    for bad in ["", "evt 1", "evt_\u{e9}", &"x".repeat(256)] {
        assert!(!valid_id(bad), "{bad:?}");
    }
    assert!(valid_id(&"x".repeat(255)));
}

#[test]
fn only_the_newest_message_drives_a_delivery() {
    assert!(!superseded(3, 3));
    assert!(superseded(2, 3));
    assert!(superseded(4, 3));
}
