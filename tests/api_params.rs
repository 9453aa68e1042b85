//! Typed endpoint parameters: each struct's form body against the curl examples of
//! Stripe's API reference (as stripe-node would encode them: brackets percent-encoded,
//! lists indexed), defaults that send nothing, metadata that unsets keys, every field
//! accepted by the endpoint table for the endpoint the struct is for, and a decode of
//! the encoded body giving back the same tree.

use proptest::prelude::*;
use stripe_edge::api::params::{
    CollectionMethod, CustomerCreate, CustomerList, CustomerUpdate, InvoiceCreate,
    InvoiceItemCreate, InvoiceList, InvoicePay, InvoiceStatus, ListParams, Metadata, MetadataValue,
    Params, PendingInvoiceItemsBehavior, Range, ReportRunCreate, ReportRunParameters, SearchParams,
    V2EventList, WebhookEndpointCreate, WebhookEndpointUpdate,
};
use stripe_edge::api::{self, Endpoint, Request, RequestError, RequestOptions};
use stripe_edge::form::{self, FormValue};

fn body(params: &impl Params) -> String {
    form::encode(&params.to_form())
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|item| (*item).to_owned()).collect()
}

/// The request for `params` on `endpoint`, with an id when the path takes one.
fn request(endpoint: &Endpoint, params: &impl Params) -> Result<Request, RequestError> {
    let id = endpoint.takes_id().then_some("obj_123");
    endpoint.request(id, &params.to_form(), &RequestOptions::default())
}

// Every field of every struct set, so the endpoint check sees every name a struct sends.

fn full_list() -> ListParams {
    ListParams {
        limit: Some(3),
        starting_after: Some("obj_after".into()),
        ending_before: Some("obj_before".into()),
        created: Some(Range {
            gt: Some(1),
            gte: Some(2),
            lt: Some(3),
            lte: Some(4),
        }),
        expand: strings(&["data.customer"]),
    }
}

fn full_search() -> SearchParams {
    SearchParams {
        query: "total>999".into(),
        limit: Some(10),
        page: Some("page_token".into()),
        expand: strings(&["data.customer"]),
    }
}

fn full_report_run() -> ReportRunCreate {
    ReportRunCreate {
        report_type: "payout_reconciliation.by_id.itemized.4".into(),
        parameters: ReportRunParameters {
            interval_start: Some(1_522_540_800),
            interval_end: Some(1_525_132_800),
            columns: strings(&["balance_transaction_id", "gross"]),
            timezone: Some("America/New_York".into()),
            currency: Some("usd".into()),
            reporting_category: Some("charge".into()),
            payout: Some("po_1".into()),
            connected_account: Some("acct_1".into()),
        },
    }
}

fn full_invoice_create() -> InvoiceCreate {
    InvoiceCreate {
        customer: "cus_NeZwdNtLEOXuvB".into(),
        currency: Some("usd".into()),
        description: Some("Thanks for your business".into()),
        collection_method: Some(CollectionMethod::SendInvoice),
        days_until_due: Some(30),
        auto_advance: Some(false),
        pending_invoice_items_behavior: Some(PendingInvoiceItemsBehavior::Exclude),
        metadata: Metadata::from([("order_id", "6735")]),
        expand: strings(&["customer"]),
    }
}

fn full_invoice_list() -> InvoiceList {
    InvoiceList {
        customer: Some("cus_1".into()),
        status: Some(InvoiceStatus::Open),
        collection_method: Some(CollectionMethod::ChargeAutomatically),
        list: full_list(),
    }
}

fn full_invoice_pay() -> InvoicePay {
    InvoicePay {
        paid_out_of_band: Some(true),
        payment_method: Some("pm_card_visa".into()),
        expand: strings(&["payment_intent"]),
    }
}

fn full_invoice_item() -> InvoiceItemCreate {
    InvoiceItemCreate {
        customer: "cus_1".into(),
        amount: Some(-500),
        currency: Some("usd".into()),
        invoice: Some("in_1".into()),
        description: Some("Credit".into()),
        metadata: Metadata::from([("k", "v")]),
    }
}

fn full_customer_create() -> CustomerCreate {
    CustomerCreate {
        email: Some("jennyrosen@example.com".into()),
        name: Some("Jenny Rosen".into()),
        phone: Some("+15555550123".into()),
        description: Some("VIP".into()),
        metadata: Metadata::from([("k", "v")]),
    }
}

fn full_customer_update() -> CustomerUpdate {
    CustomerUpdate {
        email: Some("jenny@example.com".into()),
        name: Some(String::new()),
        phone: Some(String::new()),
        description: Some(String::new()),
        metadata: Metadata::default().set("a", "1").unset("b"),
    }
}

fn full_customer_list() -> CustomerList {
    CustomerList {
        email: Some("jennyrosen@example.com".into()),
        list: full_list(),
    }
}

fn full_webhook_create() -> WebhookEndpointCreate {
    WebhookEndpointCreate {
        url: "https://example.com/my/webhook/endpoint".into(),
        enabled_events: strings(&["charge.succeeded", "charge.failed"]),
        description: Some("Orders".into()),
        api_version: Some("2024-06-20".into()),
        metadata: Metadata::from([("k", "v")]),
    }
}

fn full_webhook_update() -> WebhookEndpointUpdate {
    WebhookEndpointUpdate {
        url: Some("https://example.com/new_endpoint".into()),
        description: Some(String::new()),
        enabled_events: Some(strings(&["invoice.paid"])),
        disabled: Some(true),
        metadata: Metadata::default().unset("k"),
    }
}

fn full_v2_event_list() -> V2EventList {
    V2EventList {
        object_id: "mtr_test_61RCGzjmbJvDXjNiq41IDx9ehtpC".into(),
        limit: Some(2),
        page: Some("page_token".into()),
    }
}

#[test]
fn report_run_create_encodes_as_in_the_reference() {
    let params = ReportRunCreate {
        report_type: "balance.summary.1".into(),
        parameters: ReportRunParameters {
            interval_start: Some(1_522_540_800),
            interval_end: Some(1_525_132_800),
            ..Default::default()
        },
    };
    assert_eq!(
        body(&params),
        "report_type=balance.summary.1\
         &parameters%5Binterval_start%5D=1522540800\
         &parameters%5Binterval_end%5D=1525132800"
    );
    assert_eq!(
        body(&full_report_run()),
        "report_type=payout_reconciliation.by_id.itemized.4\
         &parameters%5Binterval_start%5D=1522540800\
         &parameters%5Binterval_end%5D=1525132800\
         &parameters%5Bcolumns%5D%5B0%5D=balance_transaction_id\
         &parameters%5Bcolumns%5D%5B1%5D=gross\
         &parameters%5Btimezone%5D=America%2FNew_York\
         &parameters%5Bcurrency%5D=usd\
         &parameters%5Breporting_category%5D=charge\
         &parameters%5Bpayout%5D=po_1\
         &parameters%5Bconnected_account%5D=acct_1"
    );
}

#[test]
fn list_params_encode_ranges_and_expand() {
    assert_eq!(
        body(&ListParams {
            limit: Some(3),
            ..Default::default()
        }),
        "limit=3"
    );
    assert_eq!(
        body(&full_list()),
        "limit=3&starting_after=obj_after&ending_before=obj_before\
         &created%5Bgt%5D=1&created%5Bgte%5D=2&created%5Blt%5D=3&created%5Blte%5D=4\
         &expand%5B0%5D=data.customer"
    );
    let since = ListParams {
        created: Some(Range {
            gte: Some(1_680_000_000),
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(body(&since), "created%5Bgte%5D=1680000000");
}

#[test]
fn search_params_encode_the_query() {
    let params = SearchParams {
        query: "total>999 AND metadata['order_id']:'6735'".into(),
        ..Default::default()
    };
    assert_eq!(
        body(&params),
        "query=total%3E999%20AND%20metadata%5B%27order_id%27%5D%3A%276735%27"
    );
    assert_eq!(
        body(&full_search()),
        "query=total%3E999&limit=10&page=page_token&expand%5B0%5D=data.customer"
    );
}

#[test]
fn invoice_params_encode_as_in_the_reference() {
    let create = InvoiceCreate {
        customer: "cus_NeZwdNtLEOXuvB".into(),
        ..Default::default()
    };
    assert_eq!(body(&create), "customer=cus_NeZwdNtLEOXuvB");
    assert_eq!(
        body(&full_invoice_create()),
        "customer=cus_NeZwdNtLEOXuvB&currency=usd\
         &description=Thanks%20for%20your%20business\
         &collection_method=send_invoice&days_until_due=30&auto_advance=false\
         &pending_invoice_items_behavior=exclude\
         &metadata%5Border_id%5D=6735&expand%5B0%5D=customer"
    );

    let list = InvoiceList {
        list: ListParams {
            limit: Some(3),
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(body(&list), "limit=3");
    assert_eq!(
        body(&full_invoice_list()),
        "customer=cus_1&status=open&collection_method=charge_automatically\
         &limit=3&starting_after=obj_after&ending_before=obj_before\
         &created%5Bgt%5D=1&created%5Bgte%5D=2&created%5Blt%5D=3&created%5Blte%5D=4\
         &expand%5B0%5D=data.customer"
    );

    assert_eq!(
        body(&InvoicePay {
            paid_out_of_band: Some(true),
            ..Default::default()
        }),
        "paid_out_of_band=true"
    );
    assert_eq!(
        body(&full_invoice_pay()),
        "paid_out_of_band=true&payment_method=pm_card_visa&expand%5B0%5D=payment_intent"
    );

    let item = InvoiceItemCreate {
        customer: "cus_NeZei8imSbMVvi".into(),
        amount: Some(2500),
        currency: Some("usd".into()),
        description: Some("One-time setup fee".into()),
        ..Default::default()
    };
    assert_eq!(
        body(&item),
        "customer=cus_NeZei8imSbMVvi&amount=2500&currency=usd\
         &description=One-time%20setup%20fee"
    );
    assert_eq!(
        body(&full_invoice_item()),
        "customer=cus_1&amount=-500&currency=usd&invoice=in_1&description=Credit\
         &metadata%5Bk%5D=v"
    );
}

#[test]
fn invoice_enums_have_stripes_values() {
    assert_eq!(
        CollectionMethod::ChargeAutomatically.as_str(),
        "charge_automatically"
    );
    assert_eq!(CollectionMethod::SendInvoice.as_str(), "send_invoice");
    assert_eq!(PendingInvoiceItemsBehavior::Exclude.as_str(), "exclude");
    assert_eq!(PendingInvoiceItemsBehavior::Include.as_str(), "include");
    let statuses = [
        (InvoiceStatus::Draft, "draft"),
        (InvoiceStatus::Open, "open"),
        (InvoiceStatus::Paid, "paid"),
        (InvoiceStatus::Uncollectible, "uncollectible"),
        (InvoiceStatus::Void, "void"),
    ];
    for (status, text) in statuses {
        assert_eq!(status.as_str(), text);
        let list = InvoiceList {
            status: Some(status),
            ..Default::default()
        };
        assert_eq!(body(&list), format!("status={text}"));
    }
}

#[test]
fn customer_params_encode_as_in_the_reference() {
    let create = CustomerCreate {
        email: Some("jennyrosen@example.com".into()),
        name: Some("Jenny Rosen".into()),
        ..Default::default()
    };
    assert_eq!(
        body(&create),
        "email=jennyrosen%40example.com&name=Jenny%20Rosen"
    );
    assert_eq!(
        body(&full_customer_create()),
        "email=jennyrosen%40example.com&name=Jenny%20Rosen&phone=%2B15555550123\
         &description=VIP&metadata%5Bk%5D=v"
    );

    let update = CustomerUpdate {
        metadata: Metadata::from([("order_id", "6735")]),
        ..Default::default()
    };
    assert_eq!(body(&update), "metadata%5Border_id%5D=6735");
    assert_eq!(
        body(&full_customer_update()),
        "email=jenny%40example.com&name=&phone=&description=\
         &metadata%5Ba%5D=1&metadata%5Bb%5D="
    );

    let list = CustomerList {
        list: ListParams {
            limit: Some(3),
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(body(&list), "limit=3");
    assert_eq!(
        body(&full_customer_list()),
        "email=jennyrosen%40example.com\
         &limit=3&starting_after=obj_after&ending_before=obj_before\
         &created%5Bgt%5D=1&created%5Bgte%5D=2&created%5Blt%5D=3&created%5Blte%5D=4\
         &expand%5B0%5D=data.customer"
    );
}

#[test]
fn webhook_endpoint_params_encode_as_in_the_reference() {
    let create = WebhookEndpointCreate {
        url: "https://example.com/my/webhook/endpoint".into(),
        enabled_events: strings(&["charge.succeeded", "charge.failed"]),
        ..Default::default()
    };
    assert_eq!(
        body(&create),
        "url=https%3A%2F%2Fexample.com%2Fmy%2Fwebhook%2Fendpoint\
         &enabled_events%5B0%5D=charge.succeeded&enabled_events%5B1%5D=charge.failed"
    );
    assert_eq!(
        body(&full_webhook_create()),
        "url=https%3A%2F%2Fexample.com%2Fmy%2Fwebhook%2Fendpoint\
         &enabled_events%5B0%5D=charge.succeeded&enabled_events%5B1%5D=charge.failed\
         &description=Orders&api_version=2024-06-20&metadata%5Bk%5D=v"
    );

    let update = WebhookEndpointUpdate {
        url: Some("https://example.com/new_endpoint".into()),
        ..Default::default()
    };
    assert_eq!(
        body(&update),
        "url=https%3A%2F%2Fexample.com%2Fnew_endpoint"
    );
    assert_eq!(
        body(&full_webhook_update()),
        "url=https%3A%2F%2Fexample.com%2Fnew_endpoint&description=\
         &enabled_events%5B0%5D=invoice.paid&disabled=true&metadata%5Bk%5D="
    );
    let enable = WebhookEndpointUpdate {
        disabled: Some(false),
        ..Default::default()
    };
    assert_eq!(body(&enable), "disabled=false");
}

#[test]
fn v2_event_list_encodes_the_object_and_page() {
    let params = V2EventList {
        object_id: "mtr_test_61RCGzjmbJvDXjNiq41IDx9ehtpC".into(),
        ..Default::default()
    };
    assert_eq!(
        body(&params),
        "object_id=mtr_test_61RCGzjmbJvDXjNiq41IDx9ehtpC"
    );
    assert_eq!(
        body(&full_v2_event_list()),
        "object_id=mtr_test_61RCGzjmbJvDXjNiq41IDx9ehtpC&limit=2&page=page_token"
    );
}

#[test]
fn defaults_send_only_required_fields() {
    assert_eq!(body(&ListParams::default()), "");
    assert_eq!(body(&SearchParams::default()), "query=");
    assert_eq!(body(&ReportRunCreate::default()), "report_type=");
    assert_eq!(body(&InvoiceCreate::default()), "customer=");
    assert_eq!(body(&InvoiceList::default()), "");
    assert_eq!(body(&InvoicePay::default()), "");
    assert_eq!(body(&InvoiceItemCreate::default()), "customer=");
    assert_eq!(body(&CustomerCreate::default()), "");
    assert_eq!(body(&CustomerUpdate::default()), "");
    assert_eq!(body(&CustomerList::default()), "");
    assert_eq!(body(&WebhookEndpointCreate::default()), "url=");
    assert_eq!(body(&WebhookEndpointUpdate::default()), "");
    assert_eq!(body(&V2EventList::default()), "object_id=");
}

#[test]
fn empty_nested_values_are_left_out_of_the_tree() {
    // A form body cannot carry an empty map or list, so the tree has none either.
    let list = ListParams {
        created: Some(Range::default()),
        ..Default::default()
    };
    assert_eq!(list.to_form(), FormValue::Map(Vec::new()));
    let update = WebhookEndpointUpdate {
        enabled_events: Some(Vec::new()),
        metadata: Metadata(Vec::new()),
        ..Default::default()
    };
    assert_eq!(update.to_form(), FormValue::Map(Vec::new()));
    assert_eq!(
        ReportRunCreate::default().to_form(),
        FormValue::Map(vec![("report_type".into(), FormValue::Text(String::new()))])
    );
}

#[test]
fn metadata_unsets_keys_with_an_empty_value() {
    let update = CustomerUpdate {
        metadata: Metadata(vec![("key".into(), MetadataValue::Unset)]),
        ..Default::default()
    };
    assert_eq!(body(&update), "metadata%5Bkey%5D=");
    assert_eq!(
        Metadata::default().unset("key"),
        Metadata(vec![("key".into(), MetadataValue::Unset)])
    );
}

#[test]
fn metadata_keeps_the_last_value_of_a_key() {
    let built = Metadata::from([("a", "1"), ("b", "2")])
        .unset("a")
        .set("c", "3");
    assert_eq!(
        built,
        Metadata(vec![
            ("b".into(), MetadataValue::Set("2".into())),
            ("a".into(), MetadataValue::Unset),
            ("c".into(), MetadataValue::Set("3".into())),
        ])
    );
    // Written by hand with a key twice, the body still names it once, with the last value.
    let twice = CustomerUpdate {
        metadata: Metadata(vec![
            ("a".into(), MetadataValue::Set("1".into())),
            ("b".into(), MetadataValue::Set("2".into())),
            ("a".into(), MetadataValue::Unset),
        ]),
        ..Default::default()
    };
    assert_eq!(body(&twice), "metadata%5Ba%5D=&metadata%5Bb%5D=2");
    let collected: Metadata = vec![("k".to_owned(), "v".to_owned())].into_iter().collect();
    assert_eq!(collected, Metadata::from([("k", "v")]));
}

#[test]
fn every_struct_passes_its_endpoints_parameter_check() {
    let checks: Vec<(&Endpoint, Result<Request, RequestError>)> = vec![
        (
            &api::REPORT_RUN_CREATE,
            request(&api::REPORT_RUN_CREATE, &full_report_run()),
        ),
        (
            &api::REPORT_RUN_LIST,
            request(&api::REPORT_RUN_LIST, &full_list()),
        ),
        (&api::FILE_LIST, request(&api::FILE_LIST, &full_list())),
        (
            &api::INVOICE_CREATE,
            request(&api::INVOICE_CREATE, &full_invoice_create()),
        ),
        (
            &api::INVOICE_LIST,
            request(&api::INVOICE_LIST, &full_invoice_list()),
        ),
        (
            &api::INVOICE_SEARCH,
            request(&api::INVOICE_SEARCH, &full_search()),
        ),
        (
            &api::INVOICE_PAY,
            request(&api::INVOICE_PAY, &full_invoice_pay()),
        ),
        (
            &api::INVOICE_ITEM_CREATE,
            request(&api::INVOICE_ITEM_CREATE, &full_invoice_item()),
        ),
        (
            &api::CUSTOMER_CREATE,
            request(&api::CUSTOMER_CREATE, &full_customer_create()),
        ),
        (
            &api::CUSTOMER_UPDATE,
            request(&api::CUSTOMER_UPDATE, &full_customer_update()),
        ),
        (
            &api::CUSTOMER_LIST,
            request(&api::CUSTOMER_LIST, &full_customer_list()),
        ),
        (
            &api::WEBHOOK_ENDPOINT_CREATE,
            request(&api::WEBHOOK_ENDPOINT_CREATE, &full_webhook_create()),
        ),
        (
            &api::WEBHOOK_ENDPOINT_UPDATE,
            request(&api::WEBHOOK_ENDPOINT_UPDATE, &full_webhook_update()),
        ),
        (
            &api::V2_EVENT_LIST,
            request(&api::V2_EVENT_LIST, &full_v2_event_list()),
        ),
    ];
    for (endpoint, result) in checks {
        let request = result.unwrap_or_else(|error| panic!("{}: {error:?}", endpoint.name));
        assert_eq!(request.method, endpoint.method, "{}", endpoint.name);
    }
}

#[test]
fn requests_carry_the_encoded_parameters() {
    let create = request(&api::INVOICE_CREATE, &full_invoice_create()).unwrap();
    assert_eq!(create.path, "/v1/invoices");
    assert_eq!(create.body, Some(body(&full_invoice_create())));

    let pay = api::INVOICE_PAY
        .request(
            Some("in_1MtGmCLkdIwHu7ix6PgS6g8S"),
            &InvoicePay::default().to_form(),
            &RequestOptions::default(),
        )
        .unwrap();
    assert_eq!(pay.path, "/v1/invoices/in_1MtGmCLkdIwHu7ix6PgS6g8S/pay");
    assert_eq!(pay.body.as_deref(), Some(""));

    let list = InvoiceList {
        customer: Some("cus_1".into()),
        list: ListParams {
            limit: Some(3),
            ..Default::default()
        },
        ..Default::default()
    };
    let get = request(&api::INVOICE_LIST, &list).unwrap();
    assert_eq!(get.path, "/v1/invoices?customer=cus_1&limit=3");
    assert_eq!(get.body, None);

    let events = request(&api::V2_EVENT_LIST, &full_v2_event_list()).unwrap();
    assert_eq!(
        events.path,
        "/v2/core/events?object_id=mtr_test_61RCGzjmbJvDXjNiq41IDx9ehtpC&limit=2&page=page_token"
    );
}

#[test]
fn the_parameter_check_catches_a_struct_on_the_wrong_endpoint() {
    // Webhook endpoints and Sigma runs are not listed by creation time.
    for endpoint in [&api::WEBHOOK_ENDPOINT_LIST, &api::SCHEDULED_QUERY_RUN_LIST] {
        assert_eq!(
            request(endpoint, &full_list()).unwrap_err(),
            RequestError::UnknownParameter {
                endpoint: endpoint.name,
                param: "created".into(),
            }
        );
        let paging = ListParams {
            created: None,
            ..full_list()
        };
        request(endpoint, &paging).unwrap();
    }
    assert_eq!(
        request(&api::CUSTOMER_LIST, &full_invoice_list()).unwrap_err(),
        RequestError::UnknownParameter {
            endpoint: api::CUSTOMER_LIST.name,
            param: "customer".into(),
        }
    );
    assert_eq!(
        request(&api::CUSTOMER_UPDATE, &full_invoice_item()).unwrap_err(),
        RequestError::UnknownParameter {
            endpoint: api::CUSTOMER_UPDATE.name,
            param: "customer".into(),
        }
    );
    // An endpoint without `enabled_events` cannot be created: the empty list is not sent.
    let no_events = WebhookEndpointCreate {
        enabled_events: Vec::new(),
        ..full_webhook_create()
    };
    assert_eq!(
        request(&api::WEBHOOK_ENDPOINT_CREATE, &no_events).unwrap_err(),
        RequestError::MissingParameter {
            endpoint: api::WEBHOOK_ENDPOINT_CREATE.name,
            param: "enabled_events",
        }
    );
}

fn metadata_value() -> impl Strategy<Value = MetadataValue> {
    prop_oneof![
        any::<String>().prop_map(MetadataValue::Set),
        Just(MetadataValue::Unset),
    ]
}

/// Keys Stripe accepts (up to 40 characters, no square brackets) that start with a
/// letter, since the decoder reads an all-digit key set (`metadata[0]`) as a list.
fn metadata_key() -> impl Strategy<Value = String> {
    "[A-Za-z][^\\[\\]]{0,39}"
}

fn invoice_create() -> impl Strategy<Value = InvoiceCreate> {
    let collection = prop_oneof![
        Just(CollectionMethod::ChargeAutomatically),
        Just(CollectionMethod::SendInvoice),
    ];
    let pending = prop_oneof![
        Just(PendingInvoiceItemsBehavior::Exclude),
        Just(PendingInvoiceItemsBehavior::Include),
    ];
    (
        any::<String>(),
        proptest::option::of(any::<String>()),
        proptest::option::of(any::<String>()),
        proptest::option::of(collection),
        proptest::option::of(any::<u32>()),
        proptest::option::of(any::<bool>()),
        proptest::option::of(pending),
        proptest::collection::vec((metadata_key(), metadata_value()), 0..6),
        proptest::collection::vec(any::<String>(), 0..4),
    )
        .prop_map(
            |(
                customer,
                currency,
                description,
                collection_method,
                days_until_due,
                auto_advance,
                pending_invoice_items_behavior,
                metadata,
                expand,
            )| InvoiceCreate {
                customer,
                currency,
                description,
                collection_method,
                days_until_due,
                auto_advance,
                pending_invoice_items_behavior,
                metadata: Metadata(metadata),
                expand,
            },
        )
}

proptest! {
    #[test]
    fn invoice_create_decodes_to_the_tree_it_encodes(params in invoice_create()) {
        let tree = params.to_form();
        prop_assert_eq!(form::decode(&form::encode(&tree)), Ok(tree.clone()));
        prop_assert!(api::INVOICE_CREATE
            .request(None, &tree, &RequestOptions::default())
            .is_ok());
    }
}
