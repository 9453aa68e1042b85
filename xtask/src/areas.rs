//! Which cargo feature holds each resource. The default features hold the resources
//! of the seed documents; the others group the API by product area.

/// Every feature that holds resources, with what it holds, in `Cargo.toml` order.
pub const FEATURES: &[(&str, &str)] = &[
    ("events", "v1 events (and the hand-written v2 core events)"),
    ("files", "files and file links"),
    ("webhook_endpoints", "webhook endpoints"),
    ("reporting", "report runs and report types"),
    ("sigma", "Sigma scheduled query runs"),
    ("invoices", "invoices and their line items"),
    (
        "billing",
        "subscriptions, prices, products, coupons, quotes, credit notes, meters",
    ),
    (
        "payments",
        "customers, charges, payment intents and methods, refunds, balance",
    ),
    (
        "checkout",
        "Checkout sessions, payment links, shipping rates",
    ),
    ("connect", "accounts, persons, transfers, application fees"),
    ("radar", "reviews, early fraud warnings, value lists"),
    (
        "issuing",
        "Issuing cards, cardholders, authorizations, transactions",
    ),
    ("treasury", "Treasury financial accounts and money movement"),
    ("terminal", "Terminal readers, locations, configurations"),
    (
        "tax",
        "Stripe Tax calculations, transactions, registrations, tax codes and rates",
    ),
    ("identity", "Identity verification sessions and reports"),
    (
        "financial_connections",
        "Financial Connections accounts and sessions",
    ),
    ("climate", "Climate orders, products and suppliers"),
    (
        "entitlements",
        "Entitlements features and active entitlements",
    ),
];

/// The feature of the resource `name` (a `fixtures3.json` name).
pub fn area(name: &str) -> &'static str {
    let live = name.strip_prefix("deleted_").unwrap_or(name);
    if let Some((namespace, _)) = live.split_once('.') {
        return match namespace {
            "reporting" => "reporting",
            "sigma" => "sigma",
            "billing" | "billing_portal" | "test_helpers" => "billing",
            "checkout" => "checkout",
            "radar" => "radar",
            "issuing" => "issuing",
            "treasury" => "treasury",
            "terminal" => "terminal",
            "tax" => "tax",
            "identity" => "identity",
            "financial_connections" => "financial_connections",
            "climate" => "climate",
            "entitlements" => "entitlements",
            "apps" => "connect",
            _ => "payments",
        };
    }
    match live {
        "event" => "events",
        "file" | "file_link" => "files",
        "webhook_endpoint" => "webhook_endpoints",
        "scheduled_query_run" => "sigma",
        "invoice" | "line_item" => "invoices",
        "invoiceitem"
        | "invoice_payment"
        | "invoice_rendering_template"
        | "subscription"
        | "subscription_item"
        | "subscription_schedule"
        | "plan"
        | "price"
        | "product"
        | "product_feature"
        | "coupon"
        | "discount"
        | "promotion_code"
        | "quote"
        | "credit_note"
        | "credit_note_line_item" => "billing",
        "checkout_session" | "item" | "payment_link" | "shipping_rate" => "checkout",
        "account" | "account_link" | "account_session" | "application" | "application_fee"
        | "fee_refund" | "capability" | "country_spec" | "external_account" | "login_link"
        | "person" | "transfer" | "transfer_reversal" | "topup" => "connect",
        "review" => "radar",
        "tax_code" | "tax_rate" | "tax_id" => "tax",
        _ => "payments",
    }
}

/// Ids Stripe gives more than one prefix, beyond the one in the example object.
pub fn extra_prefixes(object: &str) -> &'static [&'static str] {
    match object {
        "charge" => &["py_"],
        "payment_method" => &["card_", "src_", "ba_"],
        "line_item" => &["ii_", "sli_", "sub_"],
        "refund" => &["pyr_"],
        _ => &[],
    }
}
