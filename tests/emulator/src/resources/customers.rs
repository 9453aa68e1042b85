//! `/v1/customers`: create, retrieve, update, list.

use serde_json::{Value, json};
use stripe_edge::error::HttpError;

use crate::errors;
use crate::list;
use crate::params::{Params, apply_metadata};
use crate::store::Store;
use crate::webhooks;

/// `POST /v1/customers`
pub fn create(store: &mut Store, params: &Params) -> Result<Value, HttpError> {
    let text = |name| params.text(name);
    let (email, name, phone, description) = (
        text("email")?,
        text("name")?,
        text("phone")?,
        text("description")?,
    );
    let metadata = params.metadata()?;
    let expand = params.expand()?;
    params.finish()?;
    let id = store.id("cus");
    let mut customer = json!({
        "id": id,
        "object": "customer",
        "address": null,
        "balance": 0,
        "created": store.now(),
        "currency": null,
        "default_source": null,
        "delinquent": false,
        "description": description,
        "discount": null,
        "email": email,
        "invoice_prefix": id[4..12].to_ascii_uppercase(),
        "invoice_settings": { "custom_fields": null, "default_payment_method": null, "footer": null, "rendering_options": null },
        "livemode": false,
        "metadata": {},
        "name": name,
        "next_invoice_sequence": 1,
        "phone": phone,
        "preferred_locales": [],
        "shipping": null,
        "tax_exempt": "none",
        "test_clock": null,
    });
    apply_metadata(&mut customer, metadata);
    let customer = store.customers.insert(customer);
    webhooks::emit(store, "customer.created", &customer);
    list::expanded(store, customer, &expand, "")
}

/// `POST /v1/customers/:id`: `email`, `name`, `phone`, `description`, `metadata`.
pub fn update(store: &mut Store, params: &Params, id: &str) -> Result<Value, HttpError> {
    let changes: Vec<(&str, Option<String>)> = ["email", "name", "phone", "description"]
        .into_iter()
        .map(|field| params.text(field).map(|value| (field, value)))
        .collect::<Result<_, _>>()?;
    let metadata = params.metadata()?;
    let expand = params.expand()?;
    params.finish()?;
    let customer = store
        .customers
        .get_mut(id)
        .ok_or_else(|| errors::missing("customer", id, "id"))?;
    for (field, value) in changes {
        if let Some(value) = value {
            // An empty string unsets the field, as in Stripe.
            customer[field] = if value.is_empty() {
                Value::Null
            } else {
                json!(value)
            };
        }
    }
    apply_metadata(customer, metadata);
    let customer = customer.clone();
    webhooks::emit(store, "customer.updated", &customer);
    list::expanded(store, customer, &expand, "")
}

/// `GET /v1/customers/:id`
pub fn retrieve(store: &Store, params: &Params, id: &str) -> Result<Value, HttpError> {
    let expand = params.expand()?;
    params.finish()?;
    let customer = store
        .customers
        .get(id)
        .cloned()
        .ok_or_else(|| errors::missing("customer", id, "id"))?;
    list::expanded(store, customer, &expand, "")
}

/// `GET /v1/customers`
pub fn list(store: &Store, params: &Params) -> Result<Value, HttpError> {
    let created = list::created_filter(params)?;
    let email = params.text("email")?;
    let items = store.customers.newest_first().filter(|customer| {
        created(customer)
            && email
                .as_ref()
                .is_none_or(|email| customer["email"] == email.as_str())
    });
    let page = list::page(params, "/v1/customers", items, store)?;
    params.finish()?;
    Ok(page)
}
