//! `--seed demo`: a few customers with invoices in every status, made through the same
//! endpoints a client calls, so the demo data obeys the same rules.

use crate::http::Request;
use crate::params::Params;
use crate::resources::invoices::{self, Action};
use crate::resources::{customers, sigma};
use crate::store::Store;

/// Loads the seed named in the store's config, if any.
pub fn load(store: &mut Store) {
    if store.config.seed.as_deref() != Some("demo") {
        return;
    }
    let people = [
        ("Amy Rocket", "amy@rocketrides.io"),
        ("Jane Doe", "jane@example.com"),
        ("Kenji Sato", "kenji@example.jp"),
    ];
    for (index, (name, email)) in people.into_iter().enumerate() {
        let customer = customers::create(
            store,
            &form(&format!("name={name}&email={email}&metadata[tier]=demo")),
        )
        .expect("demo customer");
        let customer = customer["id"].as_str().unwrap_or_default().to_string();
        for (step, action) in [
            None,
            Some(Action::Pay),
            Some(Action::Void),
            Some(Action::Finalize),
        ]
        .into_iter()
        .enumerate()
        {
            let currency = if index == 2 { "jpy" } else { "usd" };
            let invoice = invoices::create(
                store,
                &form(&format!("customer={customer}&currency={currency}&collection_method=send_invoice&days_until_due=30&description=Demo+invoice+{step}")),
            )
            .expect("demo invoice");
            let id = invoice["id"].as_str().unwrap_or_default().to_string();
            let amount = 1000 * (step as i64 + 1) * (index as i64 + 1);
            invoices::create_item(
                store,
                &form(&format!(
                    "customer={customer}&invoice={id}&amount={amount}&currency={currency}"
                )),
            )
            .expect("demo invoice item");
            if let Some(action) = action {
                if action != Action::Finalize {
                    invoices::act(store, &form(""), &id, Action::Finalize).expect("demo finalize");
                }
                invoices::act(store, &form(""), &id, action).expect("demo action");
            }
        }
    }
    sigma::plant(
        store,
        "Invoices by status",
        "select id, customer, currency, amount_due, amount_paid, status, created from invoices",
        false,
    );
}

fn form(body: &str) -> Params {
    let request = Request {
        method: "POST".into(),
        body: body.replace(' ', "+").into_bytes(),
        ..Request::default()
    };
    Params::of(&request).expect("demo parameters are valid")
}
