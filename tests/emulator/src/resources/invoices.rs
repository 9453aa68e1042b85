//! `/v1/invoices` and `/v1/invoiceitems`: create, retrieve, list, search, and the status
//! machine (draft → open → paid / void / uncollectible) with Stripe's errors for a
//! transition the status does not allow.

use serde_json::{Value, json};
use stripe_edge::error::HttpError;
use stripe_edge::search::{self, Resource};

use crate::errors;
use crate::list;
use crate::params::{Params, apply_metadata};
use crate::store::Store;
use crate::webhooks;

/// The longest `days_until_due` taken: a due date within a hundred years (the
/// emulator's bound; it keeps the due date a valid timestamp).
pub const MAX_DAYS_UNTIL_DUE: i64 = 36_500;

/// The largest amount of an invoice item, in the currency's smallest unit, either
/// way: Stripe takes amounts of up to eight digits.
pub const MAX_AMOUNT: i64 = 99_999_999;

/// `POST /v1/invoices`
pub fn create(store: &mut Store, params: &Params) -> Result<Value, HttpError> {
    let customer_id = params.required_text("customer")?;
    let currency = params
        .text("currency")?
        .unwrap_or_else(|| "usd".into())
        .to_ascii_lowercase();
    let description = params.text("description")?;
    let collection_method = params
        .choice(
            "collection_method",
            &["charge_automatically", "send_invoice"],
        )?
        .unwrap_or_else(|| "charge_automatically".into());
    let days_until_due = match params.integer("days_until_due")? {
        Some(days) if !(0..=MAX_DAYS_UNTIL_DUE).contains(&days) => {
            return Err(errors::invalid(
                "parameter_invalid_integer",
                Some("days_until_due"),
                format!(
                    "This value must be greater than or equal to 0 and less than or equal to {MAX_DAYS_UNTIL_DUE}."
                ),
            ));
        }
        days => days,
    };
    let auto_advance = params.boolean("auto_advance")?.unwrap_or(false);
    let pending = params.choice("pending_invoice_items_behavior", &["exclude", "include"])?;
    let metadata = params.metadata()?;
    let expand = params.expand()?;
    params.finish()?;
    let customer = store
        .customers
        .get(&customer_id)
        .cloned()
        .ok_or_else(|| errors::missing("customer", &customer_id, "customer"))?;
    match (collection_method.as_str(), days_until_due) {
        ("send_invoice", None) => {
            return Err(errors::invalid(
                "parameter_missing",
                Some("days_until_due"),
                "Missing required param: days_until_due (required when collection_method is send_invoice).".into(),
            ));
        }
        ("charge_automatically", Some(_)) => {
            return Err(errors::invalid(
                "parameter_invalid",
                Some("days_until_due"),
                "days_until_due can only be set when collection_method is send_invoice.".into(),
            ));
        }
        _ => {}
    }
    let now = store.now();
    let due_date = days_until_due
        .map(|days| {
            days.checked_mul(86_400)
                .and_then(|seconds| now.checked_add(seconds))
                .ok_or_else(|| errors::bad_value("days_until_due", "number of days"))
        })
        .transpose()?;
    let id = store.id("in");
    let mut invoice = json!({
        "id": id,
        "object": "invoice",
        "account_country": "US",
        "amount_due": 0,
        "amount_paid": 0,
        "amount_remaining": 0,
        "amount_shipping": 0,
        "attempt_count": 0,
        "attempted": false,
        "auto_advance": auto_advance,
        "automatic_tax": { "enabled": false, "liability": null, "status": null },
        "collection_method": collection_method,
        "created": now,
        "currency": currency,
        "customer": customer_id,
        "customer_email": customer["email"],
        "customer_name": customer["name"],
        "default_tax_rates": [],
        "description": description,
        "due_date": due_date,
        "hosted_invoice_url": null,
        "last_finalization_error": null,
        "lines": { "object": "list", "data": [], "has_more": false, "total_count": 0, "url": format!("/v1/invoices/{id}/lines") },
        "livemode": false,
        "metadata": {},
        "number": null,
        "paid": false,
        "payment_settings": { "default_mandate": null, "payment_method_options": null, "payment_method_types": null },
        "period_end": now,
        "period_start": now,
        "post_payment_credit_notes_amount": 0,
        "pre_payment_credit_notes_amount": 0,
        "receipt_number": null,
        "starting_balance": 0,
        "status": "draft",
        "status_transitions": { "finalized_at": null, "marked_uncollectible_at": null, "paid_at": null, "voided_at": null },
        "subscription": null,
        "subtotal": 0,
        "total": 0,
        "webhooks_delivered_at": null,
    });
    apply_metadata(&mut invoice, metadata);
    if pending.as_deref() == Some("include") {
        let pending =
            |item: &Value| item["customer"] == customer_id.as_str() && item["invoice"].is_null();
        let lines: Vec<Value> = store
            .invoice_items
            .newest_first()
            .filter(|item| pending(item))
            .cloned()
            .collect();
        for item in lines.iter().rev() {
            add_line(&mut invoice, item)?;
        }
        for item in store.invoice_items.iter_mut().filter(|item| pending(item)) {
            item["invoice"] = json!(id);
        }
    }
    let invoice = store.invoices.insert(invoice);
    webhooks::emit(store, "invoice.created", &invoice);
    list::expanded(store, invoice, &expand, "")
}

/// `POST /v1/invoiceitems`: an amount on a draft `invoice`, or pending for the customer.
pub fn create_item(store: &mut Store, params: &Params) -> Result<Value, HttpError> {
    let customer = params.required_text("customer")?;
    let amount = params
        .integer("amount")?
        .ok_or_else(|| errors::required("amount"))?;
    if amount.unsigned_abs() > MAX_AMOUNT.unsigned_abs() {
        return Err(errors::invalid(
            "amount_too_large",
            Some("amount"),
            format!(
                "Amount must be between -{MAX_AMOUNT} and {MAX_AMOUNT} in the currency's smallest unit (Stripe's limit of eight digits, $999,999.99 in USD)."
            ),
        ));
    }
    let currency = params
        .text("currency")?
        .unwrap_or_else(|| "usd".into())
        .to_ascii_lowercase();
    let description = params.text("description")?;
    let invoice_id = params.text("invoice")?;
    let metadata = params.metadata()?;
    params.finish()?;
    if store.customers.get(&customer).is_none() {
        return Err(errors::missing("customer", &customer, "customer"));
    }
    let id = store.id("ii");
    let mut item = json!({
        "id": id,
        "object": "invoiceitem",
        "amount": amount,
        "currency": currency,
        "customer": customer,
        "date": store.now(),
        "description": description,
        "invoice": invoice_id,
        "livemode": false,
        "metadata": {},
        "quantity": 1,
    });
    apply_metadata(&mut item, metadata);
    if let Some(invoice_id) = &invoice_id {
        let invoice = store
            .invoices
            .get_mut(invoice_id)
            .ok_or_else(|| errors::missing("invoice", invoice_id, "invoice"))?;
        if invoice["status"] != "draft" {
            return Err(errors::bad_state(format!(
                "You can only add invoice items to draft invoices; {invoice_id} is {}.",
                invoice["status"].as_str().unwrap_or_default()
            )));
        }
        if invoice["customer"] != customer.as_str() || invoice["currency"] != item["currency"] {
            return Err(errors::invalid(
                "parameter_invalid",
                Some("invoice"),
                "The invoice must have the same customer and currency as the invoice item.".into(),
            ));
        }
        add_line(invoice, &item)?;
    }
    Ok(store.invoice_items.insert(item))
}

/// Adds `item` to `invoice` as a line, or leaves the invoice as it was when its
/// totals would leave the range of an amount.
fn add_line(invoice: &mut Value, item: &Value) -> Result<(), HttpError> {
    let amount = item["amount"].as_i64().unwrap_or_default();
    const TOTALS: [&str; 4] = ["subtotal", "total", "amount_due", "amount_remaining"];
    let mut totals = [0i64; 4];
    for (total, field) in totals.iter_mut().zip(TOTALS) {
        *total = invoice[field]
            .as_i64()
            .unwrap_or_default()
            .checked_add(amount)
            .ok_or_else(|| {
                errors::invalid(
                    "amount_too_large",
                    Some("amount"),
                    format!("The invoice's {field} would be too large with this amount."),
                )
            })?;
    }
    let line = json!({
        "id": format!("il_{}", item["id"].as_str().unwrap_or_default().trim_start_matches("ii_")),
        "object": "line_item",
        "amount": amount,
        "currency": item["currency"],
        "description": item["description"],
        "discountable": true,
        "invoice_item": item["id"],
        "livemode": false,
        "metadata": item["metadata"],
        "period": { "end": item["date"], "start": item["date"] },
        "quantity": 1,
        "type": "invoiceitem",
    });
    if let Some(lines) = invoice["lines"]["data"].as_array_mut() {
        lines.push(line);
        invoice["lines"]["total_count"] = json!(lines.len());
    }
    for (total, field) in totals.into_iter().zip(TOTALS) {
        invoice[field] = json!(total);
    }
    Ok(())
}

/// `GET /v1/invoices/:id`
pub fn retrieve(store: &Store, params: &Params, id: &str) -> Result<Value, HttpError> {
    let expand = params.expand()?;
    params.finish()?;
    let invoice = find(store, id)?.clone();
    list::expanded(store, invoice, &expand, "")
}

fn find<'a>(store: &'a Store, id: &str) -> Result<&'a Value, HttpError> {
    store
        .invoices
        .get(id)
        .ok_or_else(|| errors::missing("invoice", id, "id"))
}

/// `GET /v1/invoices`: filters `customer`, `status`, `collection_method`, `created`.
pub fn list(store: &Store, params: &Params) -> Result<Value, HttpError> {
    let customer = params.text("customer")?;
    let status = params.choice(
        "status",
        &["draft", "open", "paid", "uncollectible", "void"],
    )?;
    let method = params.choice(
        "collection_method",
        &["charge_automatically", "send_invoice"],
    )?;
    let created = list::created_filter(params)?;
    let is = |invoice: &Value, field: &str, wanted: &Option<String>| {
        wanted
            .as_ref()
            .is_none_or(|wanted| invoice[field] == wanted.as_str())
    };
    let items = store.invoices.newest_first().filter(|invoice| {
        is(invoice, "customer", &customer)
            && is(invoice, "status", &status)
            && is(invoice, "collection_method", &method)
            && created(invoice)
    });
    let page = list::page(params, "/v1/invoices", items, store)?;
    params.finish()?;
    Ok(page)
}

/// `GET /v1/invoices/search`: the query checked and evaluated by the core's search
/// language, as Stripe's search does.
pub fn search(store: &Store, params: &Params) -> Result<Value, HttpError> {
    let text = params.required_text("query")?;
    let query = search::parse(&text, Resource::Invoices).map_err(|error| {
        errors::invalid(
            "parameter_invalid",
            Some("query"),
            format!("Invalid query: {error}"),
        )
    })?;
    let items = store
        .invoices
        .newest_first()
        .filter(|invoice| query.matches_json(&invoice.to_string()).unwrap_or(false));
    let page = list::search_page(params, "/v1/invoices/search", items, store)?;
    params.finish()?;
    Ok(page)
}

/// The actions on one invoice, and the statuses each may start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// `POST /v1/invoices/:id/finalize`: draft → open.
    Finalize,
    /// `POST /v1/invoices/:id/send`: an open `send_invoice` invoice is emailed.
    Send,
    /// `POST /v1/invoices/:id/void`: open or uncollectible → void.
    Void,
    /// `POST /v1/invoices/:id/pay`: open or uncollectible → paid.
    Pay,
    /// `POST /v1/invoices/:id/mark_uncollectible`: open → uncollectible.
    MarkUncollectible,
}

impl Action {
    /// The action named in the path, such as `finalize`.
    pub fn from_path(name: &str) -> Option<Self> {
        Some(match name {
            "finalize" => Self::Finalize,
            "send" => Self::Send,
            "void" => Self::Void,
            "pay" => Self::Pay,
            "mark_uncollectible" => Self::MarkUncollectible,
            _ => return None,
        })
    }

    fn allowed_from(self) -> &'static [&'static str] {
        match self {
            Self::Finalize => &["draft"],
            Self::Send => &["open"],
            Self::Void | Self::Pay => &["open", "uncollectible"],
            Self::MarkUncollectible => &["open"],
        }
    }

    fn refusal(self, id: &str, status: &str) -> String {
        match self {
            Self::Finalize => format!(
                "This invoice is already finalized, you can't re-finalize a non-draft invoice ({id} is {status})."
            ),
            Self::Send => format!("You can only send an open invoice; {id} is {status}."),
            Self::Void => {
                format!("You can only void an open or uncollectible invoice; {id} is {status}.")
            }
            Self::Pay => format!(
                "Invoice {id} is {status}; only open or uncollectible invoices can be paid."
            ),
            Self::MarkUncollectible => {
                format!("You can only mark an open invoice uncollectible; {id} is {status}.")
            }
        }
    }
}

/// Runs `action` on the invoice `id`.
pub fn act(
    store: &mut Store,
    params: &Params,
    id: &str,
    action: Action,
) -> Result<Value, HttpError> {
    let paid_out_of_band = match action {
        Action::Pay => params.boolean("paid_out_of_band")?.unwrap_or(false),
        _ => false,
    };
    if action == Action::Finalize {
        params.boolean("auto_advance")?;
    }
    let expand = params.expand()?;
    params.finish()?;
    let now = store.now();
    let invoice = find(store, id)?;
    let status = invoice["status"].as_str().unwrap_or_default().to_string();
    if !action.allowed_from().contains(&status.as_str()) {
        return Err(errors::bad_state(action.refusal(id, &status)));
    }
    if action == Action::Send && invoice["collection_method"] != "send_invoice" {
        return Err(errors::bad_state(
            "You can only manually send an invoice if its collection method is 'send_invoice'."
                .into(),
        ));
    }
    let number = match action {
        Action::Finalize => Some(next_number(store, id)),
        _ => None,
    };
    let invoice = store
        .invoices
        .get_mut(id)
        .ok_or_else(|| errors::missing("invoice", id, "id"))?;
    let mut events = Vec::new();
    match action {
        Action::Finalize => {
            invoice["status"] = json!("open");
            invoice["number"] = json!(number);
            invoice["status_transitions"]["finalized_at"] = json!(now);
            invoice["hosted_invoice_url"] =
                json!(format!("https://invoice.stripe.com/i/emulator/{id}"));
            events.push("invoice.finalized");
            if invoice["amount_due"] == 0 {
                mark_paid(invoice, now);
                events.push("invoice.paid");
            }
        }
        Action::Send => events.push("invoice.sent"),
        Action::Void => {
            invoice["status"] = json!("void");
            invoice["status_transitions"]["voided_at"] = json!(now);
            events.push("invoice.voided");
        }
        Action::Pay => {
            mark_paid(invoice, now);
            invoice["paid_out_of_band"] = json!(paid_out_of_band);
            events.extend(["invoice.paid", "invoice.payment_succeeded"]);
        }
        Action::MarkUncollectible => {
            invoice["status"] = json!("uncollectible");
            invoice["status_transitions"]["marked_uncollectible_at"] = json!(now);
            events.push("invoice.marked_uncollectible");
        }
    }
    events.push("invoice.updated");
    let invoice = invoice.clone();
    for event in events {
        webhooks::emit(store, event, &invoice);
    }
    list::expanded(store, invoice, &expand, "")
}

fn mark_paid(invoice: &mut Value, now: i64) {
    invoice["status"] = json!("paid");
    invoice["paid"] = json!(true);
    invoice["amount_paid"] = invoice["amount_due"].clone();
    invoice["amount_remaining"] = json!(0);
    invoice["attempted"] = json!(true);
    invoice["status_transitions"]["paid_at"] = json!(now);
}

/// The customer's next invoice number, `PREFIX-0001` and on.
fn next_number(store: &mut Store, invoice_id: &str) -> String {
    let customer_id = store
        .invoices
        .get(invoice_id)
        .and_then(|invoice| invoice["customer"].as_str())
        .unwrap_or_default()
        .to_string();
    let Some(customer) = store.customers.get_mut(&customer_id) else {
        return format!("EMU-{invoice_id}");
    };
    let sequence = customer["next_invoice_sequence"].as_i64().unwrap_or(1);
    customer["next_invoice_sequence"] = json!(sequence + 1);
    format!(
        "{}-{sequence:04}",
        customer["invoice_prefix"].as_str().unwrap_or("EMU")
    )
}
