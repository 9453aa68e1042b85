//! The searchable resources and their query fields, with each field's type, as Stripe's
//! "Query fields for ..." tables give them (<https://docs.stripe.com/search>, read as of
//! API version 2024-04-10; `last_finalization_error_*` and `canceled_at` from Stripe's
//! newer field lists). Stripe types every field token, string or numeric; here the
//! `"true"`/`"false"` tokens are [`FieldType::Boolean`], `created`-like numerics
//! [`FieldType::Timestamp`] and `metadata` [`FieldType::Metadata`], so that values are
//! checked more closely.

use super::ast::{Operator, Value};

/// A resource with a search endpoint, `GET /v1/{name}/search`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Resource {
    /// `/v1/charges/search`
    Charges,
    /// `/v1/customers/search`
    Customers,
    /// `/v1/invoices/search`
    Invoices,
    /// `/v1/payment_intents/search`
    PaymentIntents,
    /// `/v1/prices/search`
    Prices,
    /// `/v1/products/search`
    Products,
    /// `/v1/subscriptions/search`
    Subscriptions,
}

/// How a field is matched, which decides its operators and values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldType {
    /// Text matched by whole words (`:`) or by substring (`~`), ignoring case.
    String,
    /// An identifier or code matched as a whole, ignoring case (`:`).
    Token,
    /// An integer, compared (`:`, `>`, `<`, `>=`, `<=`).
    Numeric,
    /// A time in unix seconds, compared as an integer.
    Timestamp,
    /// `"true"` or `"false"`, in any case (`:`).
    Boolean,
    /// A map searched by key: `metadata["key"]:"value"`.
    Metadata,
}

impl FieldType {
    /// The name used in error messages.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Token => "token",
            Self::Numeric => "numeric",
            Self::Timestamp => "timestamp",
            Self::Boolean => "boolean",
            Self::Metadata => "metadata",
        }
    }

    /// Whether a field of this type takes `operator`.
    pub const fn allows(self, operator: Operator) -> bool {
        match self {
            Self::String => matches!(operator, Operator::Exact | Operator::Substring),
            Self::Token | Self::Boolean | Self::Metadata => matches!(operator, Operator::Exact),
            Self::Numeric | Self::Timestamp => !matches!(operator, Operator::Substring),
        }
    }

    /// The operators a field of this type takes, for error messages.
    pub const fn operators(self) -> &'static str {
        match self {
            Self::String => "`:` or `~`",
            Self::Token | Self::Boolean | Self::Metadata => "`:`",
            Self::Numeric | Self::Timestamp => "`:`, `>`, `<`, `>=` or `<=`",
        }
    }

    /// Whether `value` is of this type (`null` is accepted with `:` everywhere).
    pub fn accepts(self, value: &Value) -> bool {
        match (self, value) {
            (_, Value::Null) => true,
            (Self::Numeric | Self::Timestamp, Value::Integer(_)) => true,
            // Stripe takes quoted numbers (`amount>="10"`).
            (Self::Numeric | Self::Timestamp, Value::Text(text)) => text.parse::<i64>().is_ok(),
            (Self::Boolean, Value::Text(text)) => {
                text.eq_ignore_ascii_case("true") || text.eq_ignore_ascii_case("false")
            }
            (Self::String | Self::Token | Self::Metadata, Value::Text(_)) => true,
            // And bare numbers as tokens (`payment_method_details.card.last4:1234`).
            (Self::Token | Self::Metadata, Value::Integer(_)) => true,
            _ => false,
        }
    }

    /// What values a field of this type takes, for error messages.
    pub const fn values(self) -> &'static str {
        match self {
            Self::String => "a quoted string or null",
            Self::Token | Self::Metadata => "a quoted string, an integer or null",
            Self::Numeric => "an integer or null",
            Self::Timestamp => "an integer of unix seconds or null",
            Self::Boolean => "\"true\" or \"false\"",
        }
    }
}

/// One query field of a resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    /// Its path, such as `billing_details.address.postal_code`.
    pub name: &'static str,
    /// How it is matched.
    pub kind: FieldType,
}

const fn field(name: &'static str, kind: FieldType) -> FieldSpec {
    FieldSpec { name, kind }
}

use FieldType::{Boolean, Metadata, Numeric, String as Text, Timestamp, Token};

const CHARGES: &[FieldSpec] = &[
    field("amount", Numeric),
    field("billing_details.address.postal_code", Token),
    field("created", Timestamp),
    field("currency", Token),
    field("customer", Token),
    field("disputed", Boolean),
    field("metadata", Metadata),
    field("payment_intent", Token),
    field("payment_method_details.card.brand", Token),
    field("payment_method_details.card.exp_month", Token),
    field("payment_method_details.card.exp_year", Token),
    field("payment_method_details.card.fingerprint", Token),
    field("payment_method_details.card.last4", Token),
    field("payment_method_details.card_present.brand", Token),
    field("payment_method_details.card_present.exp_month", Token),
    field("payment_method_details.card_present.exp_year", Token),
    field("payment_method_details.card_present.fingerprint", Token),
    field("payment_method_details.card_present.last4", Token),
    field("payment_method_details.interac_present.brand", Token),
    field("payment_method_details.interac_present.exp_month", Token),
    field("payment_method_details.interac_present.exp_year", Token),
    field("payment_method_details.interac_present.fingerprint", Token),
    field("payment_method_details.interac_present.last4", Token),
    field("refunded", Boolean),
    field("status", Token),
];

const CUSTOMERS: &[FieldSpec] = &[
    field("created", Timestamp),
    field("email", Text),
    field("metadata", Metadata),
    field("name", Text),
    field("phone", Text),
];

const INVOICES: &[FieldSpec] = &[
    field("created", Timestamp),
    field("currency", Token),
    field("customer", Token),
    field("last_finalization_error_code", Token),
    field("last_finalization_error_type", Token),
    field("metadata", Metadata),
    field("number", Text),
    field("receipt_number", Text),
    field("status", Text),
    field("subscription", Text),
    field("total", Numeric),
];

const PAYMENT_INTENTS: &[FieldSpec] = &[
    field("amount", Numeric),
    field("created", Timestamp),
    field("currency", Token),
    field("customer", Token),
    field("metadata", Metadata),
    field("status", Token),
];

const PRICES: &[FieldSpec] = &[
    field("active", Boolean),
    field("currency", Token),
    field("lookup_key", Text),
    field("metadata", Metadata),
    field("product", Text),
    field("type", Token),
];

const PRODUCTS: &[FieldSpec] = &[
    field("active", Boolean),
    field("description", Text),
    field("metadata", Metadata),
    field("name", Text),
    field("shippable", Boolean),
    field("url", Text),
];

const SUBSCRIPTIONS: &[FieldSpec] = &[
    field("canceled_at", Timestamp),
    field("created", Timestamp),
    field("metadata", Metadata),
    field("status", Token),
];

impl Resource {
    /// Every searchable resource.
    pub const ALL: [Resource; 7] = [
        Self::Charges,
        Self::Customers,
        Self::Invoices,
        Self::PaymentIntents,
        Self::Prices,
        Self::Products,
        Self::Subscriptions,
    ];

    /// The name in the endpoint's path, such as `payment_intents`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Charges => "charges",
            Self::Customers => "customers",
            Self::Invoices => "invoices",
            Self::PaymentIntents => "payment_intents",
            Self::Prices => "prices",
            Self::Products => "products",
            Self::Subscriptions => "subscriptions",
        }
    }

    /// The resource named `name`: its path name (`invoices`) or its object (`invoice`).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|resource| {
            name == resource.name() || Some(name) == resource.name().strip_suffix('s')
        })
    }

    /// Its query fields, sorted by name.
    pub const fn fields(self) -> &'static [FieldSpec] {
        match self {
            Self::Charges => CHARGES,
            Self::Customers => CUSTOMERS,
            Self::Invoices => INVOICES,
            Self::PaymentIntents => PAYMENT_INTENTS,
            Self::Prices => PRICES,
            Self::Products => PRODUCTS,
            Self::Subscriptions => SUBSCRIPTIONS,
        }
    }

    /// The query field `name`.
    pub fn field(self, name: &str) -> Option<FieldSpec> {
        self.fields()
            .iter()
            .copied()
            .find(|field| field.name == name)
    }
}
