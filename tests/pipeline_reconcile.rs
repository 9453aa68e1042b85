//! Reconciliation (`stripe_edge::pipeline::reconcile`): the pages of undelivered events
//! asked for, each answer read into events, paging until Stripe has no more or the run
//! has read its cap.

use serde_json::json;
use stripe_edge::pipeline::reconcile::{MAX_EVENTS, PAGE_SIZE, PageError, Reconcile};

fn page(ids: std::ops::Range<u32>, has_more: bool) -> String {
    let data: Vec<_> = ids
        .map(|i| json!({ "id": format!("evt_{i}"), "object": "event", "type": "invoice.paid", "data": { "object": {} } }))
        .collect();
    json!({ "object": "list", "data": data, "has_more": has_more, "url": "/v1/events" }).to_string()
}

#[test]
fn pages_follow_the_last_id_until_there_are_no_more() {
    let mut run = Reconcile::new(1_000_000, 2);
    assert_eq!(
        run.next_path().unwrap(),
        "/v1/events?delivery_success=false&created%5Bgte%5D=992800&limit=100"
    );
    let missed = run.read_page(&page(0..2, true)).unwrap();
    assert_eq!(missed.len(), 2);
    assert_eq!(
        (missed[1].id.as_str(), missed[1].type_.as_str()),
        ("evt_1", "invoice.paid")
    );
    let value: serde_json::Value = serde_json::from_str(&missed[0].payload).unwrap();
    assert_eq!(value["id"], "evt_0");
    assert_eq!(
        run.next_path().unwrap(),
        "/v1/events?delivery_success=false&created%5Bgte%5D=992800&limit=100&starting_after=evt_1"
    );
    assert_eq!(run.read_page(&page(2..3, false)).unwrap().len(), 1);
    assert_eq!(run.next_path(), None);
}

#[test]
fn a_run_stops_at_its_cap_and_refuses_what_is_not_a_list() {
    let mut run = Reconcile::new(0, 100_000);
    assert!(
        run.next_path()
            .unwrap()
            .contains("created%5Bgte%5D=-2592000")
    );
    let mut read = 0;
    while run.next_path().is_some() {
        read += run
            .read_page(&page(read..read + PAGE_SIZE, true))
            .unwrap()
            .len() as u32;
    }
    assert_eq!(read, MAX_EVENTS);
    let mut run = Reconcile::new(0, 1);
    for bad in [
        "[]",
        "{\"data\": {}}",
        "{\"data\": [{\"type\": \"x\"}]}",
        "nope",
    ] {
        assert_eq!(run.read_page(bad), Err(PageError), "{bad}");
    }
    assert_eq!(
        run.read_page("{\"data\": [], \"has_more\": true}").unwrap(),
        vec![]
    );
    assert_eq!(run.next_path(), None, "an empty page ends the run");
}
