//! Typed parameters for the endpoints of [`api`](super), so that Rust callers build a
//! request from typed values instead of a hand-made [`FormValue`]: each struct's
//! [`Params::to_form`] gives the map [`Endpoint::request`](super::Endpoint::request)
//! checks and encodes. Fields left `None` (or empty) are not sent at all; `Some`
//! of an empty string is sent as `name=`, which Stripe reads as "unset".
//!
//! ```
//! use stripe_edge::api::params::{Params, ReportRunCreate, ReportRunParameters};
//! use stripe_edge::api::{self, RequestOptions};
//!
//! let params = ReportRunCreate {
//!     report_type: "balance.summary.1".into(),
//!     parameters: ReportRunParameters {
//!         interval_start: Some(1_680_000_000),
//!         interval_end: Some(1_680_100_000),
//!         ..Default::default()
//!     },
//! };
//! let request =
//!     api::REPORT_RUN_CREATE.request(None, &params.to_form(), &RequestOptions::default())?;
//! assert_eq!(
//!     request.body.as_deref(),
//!     Some(
//!         "report_type=balance.summary.1\
//!          &parameters%5Binterval_start%5D=1680000000\
//!          &parameters%5Binterval_end%5D=1680100000"
//!     ),
//! );
//! # Ok::<(), stripe_edge::api::RequestError>(())
//! ```

use alloc::string::String;
use alloc::vec::Vec;

use crate::form::FormValue;

/// Parameters of an endpoint, as the map of form parameters its request sends.
pub trait Params {
    /// The parameters as a [`FormValue::Map`], leaving out every unset field.
    fn to_form(&self) -> FormValue;
}

/// One value of a parameter, or `None` when it is not to be sent.
trait Field {
    /// The value as a form value; `None` for an absent option or an empty list or map,
    /// which a form body cannot carry.
    fn field(&self) -> Option<FormValue>;
}

impl Field for String {
    fn field(&self) -> Option<FormValue> {
        Some(FormValue::Text(self.clone()))
    }
}

impl Field for bool {
    fn field(&self) -> Option<FormValue> {
        Some(FormValue::Text(if *self { "true" } else { "false" }.into()))
    }
}

impl Field for u32 {
    fn field(&self) -> Option<FormValue> {
        Some(FormValue::Text(itoa::Buffer::new().format(*self).into()))
    }
}

impl Field for i64 {
    fn field(&self) -> Option<FormValue> {
        Some(FormValue::Text(itoa::Buffer::new().format(*self).into()))
    }
}

impl<T: Field> Field for Option<T> {
    fn field(&self) -> Option<FormValue> {
        self.as_ref().and_then(Field::field)
    }
}

impl<T: Field> Field for Vec<T> {
    fn field(&self) -> Option<FormValue> {
        let elements: Vec<FormValue> = self.iter().filter_map(Field::field).collect();
        (!elements.is_empty()).then_some(FormValue::List(elements))
    }
}

/// Collects the members of a parameter map, skipping fields that are not to be sent.
#[derive(Default)]
struct Form(Vec<(String, FormValue)>);

impl Form {
    /// Adds `name` when `value` is to be sent.
    fn field(mut self, name: &str, value: &impl Field) -> Self {
        if let Some(value) = value.field() {
            self.0.push((name.into(), value));
        }
        self
    }

    /// The members as a map; `None` when there are none.
    fn nested(self) -> Option<FormValue> {
        (!self.0.is_empty()).then_some(FormValue::Map(self.0))
    }

    /// The members as a map, empty when there are none.
    fn finish(self) -> FormValue {
        FormValue::Map(self.0)
    }
}

/// Declares a string enum of Stripe's API with the wire value of each variant.
macro_rules! string_enum {
    (
        $(#[$doc:meta])*
        $name:ident { $($(#[$variant_doc:meta])* $variant:ident = $wire:literal,)* }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$variant_doc])* $variant,)*
        }

        impl $name {
            /// The value as Stripe writes it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $wire,)*
                }
            }
        }

        impl Field for $name {
            fn field(&self) -> Option<FormValue> {
                Some(FormValue::Text(self.as_str().into()))
            }
        }
    };
}

string_enum! {
    /// How an invoice is paid: `collection_method`.
    CollectionMethod {
        /// `charge_automatically`: Stripe charges the customer's default payment method.
        ChargeAutomatically = "charge_automatically",
        /// `send_invoice`: Stripe emails the invoice for the customer to pay.
        SendInvoice = "send_invoice",
    }
}

string_enum! {
    /// Whether a new invoice takes the customer's pending invoice items:
    /// `pending_invoice_items_behavior`.
    PendingInvoiceItemsBehavior {
        /// `exclude`: leave pending items for a later invoice.
        Exclude = "exclude",
        /// `include`: add the pending items to this invoice.
        Include = "include",
    }
}

string_enum! {
    /// An invoice's status, for filtering a list: `status`.
    InvoiceStatus {
        /// `draft`: still editable.
        Draft = "draft",
        /// `open`: finalized and awaiting payment.
        Open = "open",
        /// `paid`: paid in full.
        Paid = "paid",
        /// `uncollectible`: marked as unlikely to be paid.
        Uncollectible = "uncollectible",
        /// `void`: cancelled.
        Void = "void",
    }
}

/// A value in [`Metadata`]: set a key, or remove it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MetadataValue {
    /// Sets the key to this value.
    Set(String),
    /// Removes the key (sent as `metadata[key]=`).
    Unset,
}

/// Changes to an object's `metadata`, in order; a key given more than once keeps its
/// last value, so the body never names a key twice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata(pub Vec<(String, MetadataValue)>);

impl Metadata {
    /// This metadata with `key` set to `value`, replacing what it had for `key`.
    pub fn set(self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.with(key.into(), MetadataValue::Set(value.into()))
    }

    /// This metadata with `key` removed from the object, replacing what it had for `key`.
    pub fn unset(self, key: impl Into<String>) -> Self {
        self.with(key.into(), MetadataValue::Unset)
    }

    fn with(mut self, key: String, value: MetadataValue) -> Self {
        self.0.retain(|(name, _)| *name != key);
        self.0.push((key, value));
        self
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Metadata {
    /// Metadata setting each key of `pairs` to its value.
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Self {
        pairs
            .into_iter()
            .fold(Self::default(), |metadata, (key, value)| {
                metadata.set(key, value)
            })
    }
}

impl<K: Into<String>, V: Into<String>, const N: usize> From<[(K, V); N]> for Metadata {
    /// Metadata setting each key of `pairs` to its value.
    fn from(pairs: [(K, V); N]) -> Self {
        pairs.into_iter().collect()
    }
}

impl Field for Metadata {
    fn field(&self) -> Option<FormValue> {
        let mut members: Vec<(String, FormValue)> = Vec::with_capacity(self.0.len());
        for (key, value) in &self.0 {
            let text = match value {
                MetadataValue::Set(text) => text.clone(),
                MetadataValue::Unset => String::new(),
            };
            match members.iter_mut().find(|(name, _)| name == key) {
                Some((_, existing)) => *existing = FormValue::Text(text),
                None => members.push((key.clone(), FormValue::Text(text))),
            }
        }
        (!members.is_empty()).then_some(FormValue::Map(members))
    }
}

/// Bounds on a timestamp, such as `created[gte]=...`; each bound is optional.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Range {
    /// Greater than.
    pub gt: Option<i64>,
    /// Greater than or equal to.
    pub gte: Option<i64>,
    /// Less than.
    pub lt: Option<i64>,
    /// Less than or equal to.
    pub lte: Option<i64>,
}

impl Field for Range {
    fn field(&self) -> Option<FormValue> {
        Form::default()
            .field("gt", &self.gt)
            .field("gte", &self.gte)
            .field("lt", &self.lt)
            .field("lte", &self.lte)
            .nested()
    }
}

/// The paging parameters of a list endpoint (`/v1/...` lists).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListParams {
    /// How many objects per page, 1 to 100 (Stripe's default is 10).
    pub limit: Option<u32>,
    /// The page after this object id.
    pub starting_after: Option<String>,
    /// The page before this object id.
    pub ending_before: Option<String>,
    /// Only objects created in this range (for endpoints that take `created`).
    pub created: Option<Range>,
    /// Fields of the answer to expand, such as `data.customer`.
    pub expand: Vec<String>,
}

impl ListParams {
    /// `form` with these parameters added, so a list endpoint's struct flattens them.
    fn add_to(&self, form: Form) -> Form {
        form.field("limit", &self.limit)
            .field("starting_after", &self.starting_after)
            .field("ending_before", &self.ending_before)
            .field("created", &self.created)
            .field("expand", &self.expand)
    }
}

impl Params for ListParams {
    fn to_form(&self) -> FormValue {
        self.add_to(Form::default()).finish()
    }
}

/// The parameters of a search endpoint, such as `invoices.search`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchParams {
    /// The query, in Stripe's search query language (see [`crate::search`]).
    pub query: String,
    /// How many objects per page, 1 to 100.
    pub limit: Option<u32>,
    /// The `next_page` cursor of the previous page.
    pub page: Option<String>,
    /// Fields of the answer to expand.
    pub expand: Vec<String>,
}

impl Params for SearchParams {
    fn to_form(&self) -> FormValue {
        Form::default()
            .field("query", &self.query)
            .field("limit", &self.limit)
            .field("page", &self.page)
            .field("expand", &self.expand)
            .finish()
    }
}

/// `reporting.reportRuns.create`: run a report type over the given parameters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportRunCreate {
    /// The report type, such as `balance.summary.1`.
    pub report_type: String,
    /// How to run it; which ones a report type needs is in its documentation.
    pub parameters: ReportRunParameters,
}

/// The `parameters` of a report run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportRunParameters {
    /// Start of the interval, inclusive, in unix seconds.
    pub interval_start: Option<i64>,
    /// End of the interval, exclusive, in unix seconds.
    pub interval_end: Option<i64>,
    /// The columns of the result file, in order; empty for the report's defaults.
    pub columns: Vec<String>,
    /// The time zone of the report's times, such as `America/New_York`.
    pub timezone: Option<String>,
    /// Only this currency (lowercase ISO code).
    pub currency: Option<String>,
    /// Only this reporting category, such as `charge`.
    pub reporting_category: Option<String>,
    /// Only this payout (`po_...`).
    pub payout: Option<String>,
    /// Only this connected account (`acct_...`).
    pub connected_account: Option<String>,
}

impl Field for ReportRunParameters {
    fn field(&self) -> Option<FormValue> {
        Form::default()
            .field("interval_start", &self.interval_start)
            .field("interval_end", &self.interval_end)
            .field("columns", &self.columns)
            .field("timezone", &self.timezone)
            .field("currency", &self.currency)
            .field("reporting_category", &self.reporting_category)
            .field("payout", &self.payout)
            .field("connected_account", &self.connected_account)
            .nested()
    }
}

impl Params for ReportRunCreate {
    fn to_form(&self) -> FormValue {
        Form::default()
            .field("report_type", &self.report_type)
            .field("parameters", &self.parameters)
            .finish()
    }
}

/// `invoices.create`: a draft invoice for a customer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InvoiceCreate {
    /// The customer to bill (`cus_...`).
    pub customer: String,
    /// The currency (lowercase ISO code); the customer's by default.
    pub currency: Option<String>,
    /// A description shown to the customer (the invoice's memo).
    pub description: Option<String>,
    /// How the invoice is paid.
    pub collection_method: Option<CollectionMethod>,
    /// Days until due, for [`CollectionMethod::SendInvoice`].
    pub days_until_due: Option<u32>,
    /// Whether Stripe finalizes and collects the invoice on its own.
    pub auto_advance: Option<bool>,
    /// Whether the invoice takes the customer's pending invoice items.
    pub pending_invoice_items_behavior: Option<PendingInvoiceItemsBehavior>,
    /// Metadata to set on the invoice.
    pub metadata: Metadata,
    /// Fields of the answer to expand.
    pub expand: Vec<String>,
}

impl Params for InvoiceCreate {
    fn to_form(&self) -> FormValue {
        Form::default()
            .field("customer", &self.customer)
            .field("currency", &self.currency)
            .field("description", &self.description)
            .field("collection_method", &self.collection_method)
            .field("days_until_due", &self.days_until_due)
            .field("auto_advance", &self.auto_advance)
            .field(
                "pending_invoice_items_behavior",
                &self.pending_invoice_items_behavior,
            )
            .field("metadata", &self.metadata)
            .field("expand", &self.expand)
            .finish()
    }
}

/// `invoices.list`: invoices, filtered, a page at a time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InvoiceList {
    /// Only this customer's invoices.
    pub customer: Option<String>,
    /// Only invoices with this status.
    pub status: Option<InvoiceStatus>,
    /// Only invoices paid this way.
    pub collection_method: Option<CollectionMethod>,
    /// Paging, sent alongside the filters.
    pub list: ListParams,
}

impl Params for InvoiceList {
    fn to_form(&self) -> FormValue {
        let form = Form::default()
            .field("customer", &self.customer)
            .field("status", &self.status)
            .field("collection_method", &self.collection_method);
        self.list.add_to(form).finish()
    }
}

/// `invoices.pay`: pay an open invoice now (the invoice's id goes in the path).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InvoicePay {
    /// Mark it paid without charging (the money was received outside Stripe).
    pub paid_out_of_band: Option<bool>,
    /// Charge this payment method (`pm_...`) instead of the default.
    pub payment_method: Option<String>,
    /// Fields of the answer to expand.
    pub expand: Vec<String>,
}

impl Params for InvoicePay {
    fn to_form(&self) -> FormValue {
        Form::default()
            .field("paid_out_of_band", &self.paid_out_of_band)
            .field("payment_method", &self.payment_method)
            .field("expand", &self.expand)
            .finish()
    }
}

/// `invoiceItems.create`: a line for a customer's next (or a given draft) invoice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InvoiceItemCreate {
    /// The customer it is for (`cus_...`).
    pub customer: String,
    /// The amount, in the currency's minor unit (may be negative, for a credit).
    pub amount: Option<i64>,
    /// The currency (lowercase ISO code).
    pub currency: Option<String>,
    /// The draft invoice to add it to (`in_...`); the next invoice by default.
    pub invoice: Option<String>,
    /// The line's description, shown to the customer.
    pub description: Option<String>,
    /// Metadata to set on the item.
    pub metadata: Metadata,
}

impl Params for InvoiceItemCreate {
    fn to_form(&self) -> FormValue {
        Form::default()
            .field("customer", &self.customer)
            .field("amount", &self.amount)
            .field("currency", &self.currency)
            .field("invoice", &self.invoice)
            .field("description", &self.description)
            .field("metadata", &self.metadata)
            .finish()
    }
}

/// `customers.create`: a new customer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomerCreate {
    /// Email address.
    pub email: Option<String>,
    /// Full name or business name.
    pub name: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// An internal description.
    pub description: Option<String>,
    /// Metadata to set on the customer.
    pub metadata: Metadata,
}

/// `customers.update`: change a customer (its id goes in the path); `Some` of an
/// empty string unsets a field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomerUpdate {
    /// Email address; `Some(String::new())` removes it.
    pub email: Option<String>,
    /// Full name or business name; `Some(String::new())` removes it.
    pub name: Option<String>,
    /// Phone number; `Some(String::new())` removes it.
    pub phone: Option<String>,
    /// An internal description; `Some(String::new())` removes it.
    pub description: Option<String>,
    /// Metadata keys to set or remove.
    pub metadata: Metadata,
}

/// The form of a customer's contact fields, shared by create and update.
fn customer_form(
    email: &Option<String>,
    name: &Option<String>,
    phone: &Option<String>,
    description: &Option<String>,
    metadata: &Metadata,
) -> FormValue {
    Form::default()
        .field("email", email)
        .field("name", name)
        .field("phone", phone)
        .field("description", description)
        .field("metadata", metadata)
        .finish()
}

impl Params for CustomerCreate {
    fn to_form(&self) -> FormValue {
        customer_form(
            &self.email,
            &self.name,
            &self.phone,
            &self.description,
            &self.metadata,
        )
    }
}

impl Params for CustomerUpdate {
    fn to_form(&self) -> FormValue {
        customer_form(
            &self.email,
            &self.name,
            &self.phone,
            &self.description,
            &self.metadata,
        )
    }
}

/// `customers.list`: customers, filtered, a page at a time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomerList {
    /// Only customers with this email address (case-sensitive).
    pub email: Option<String>,
    /// Paging, sent alongside the filter.
    pub list: ListParams,
}

impl Params for CustomerList {
    fn to_form(&self) -> FormValue {
        let form = Form::default().field("email", &self.email);
        self.list.add_to(form).finish()
    }
}

/// `webhookEndpoints.create`: a URL Stripe sends the chosen events to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WebhookEndpointCreate {
    /// The URL of the endpoint.
    pub url: String,
    /// The event types to send, such as `invoice.paid`, or `*` for all.
    pub enabled_events: Vec<String>,
    /// A description of what it is for.
    pub description: Option<String>,
    /// The API version events are rendered in; the account's by default.
    pub api_version: Option<String>,
    /// Metadata to set on the endpoint.
    pub metadata: Metadata,
}

impl Params for WebhookEndpointCreate {
    fn to_form(&self) -> FormValue {
        Form::default()
            .field("url", &self.url)
            .field("enabled_events", &self.enabled_events)
            .field("description", &self.description)
            .field("api_version", &self.api_version)
            .field("metadata", &self.metadata)
            .finish()
    }
}

/// `webhookEndpoints.update`: change an endpoint (its id goes in the path).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WebhookEndpointUpdate {
    /// A new URL.
    pub url: Option<String>,
    /// A new description; `Some(String::new())` removes it.
    pub description: Option<String>,
    /// The event types to send from now on, replacing the current list; an empty list
    /// is not sent (a form body cannot carry one).
    pub enabled_events: Option<Vec<String>>,
    /// Disable (`true`) or re-enable (`false`) the endpoint.
    pub disabled: Option<bool>,
    /// Metadata keys to set or remove.
    pub metadata: Metadata,
}

impl Params for WebhookEndpointUpdate {
    fn to_form(&self) -> FormValue {
        Form::default()
            .field("url", &self.url)
            .field("description", &self.description)
            .field("enabled_events", &self.enabled_events)
            .field("disabled", &self.disabled)
            .field("metadata", &self.metadata)
            .finish()
    }
}

/// `v2.core.events.list`: the thin events of one object, a page at a time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct V2EventList {
    /// The object whose events to list (required by Stripe).
    pub object_id: String,
    /// How many events per page.
    pub limit: Option<u32>,
    /// The `next_page_url`'s page token of the previous page.
    pub page: Option<String>,
}

impl Params for V2EventList {
    fn to_form(&self) -> FormValue {
        Form::default()
            .field("object_id", &self.object_id)
            .field("limit", &self.limit)
            .field("page", &self.page)
            .finish()
    }
}
