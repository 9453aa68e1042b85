//! Typed endpoint parameters (generated from Stripe's spec): each struct's form body
//! against the curl examples of Stripe's API reference (as stripe-node would encode
//! them: brackets percent-encoded, lists indexed), defaults that send nothing, metadata
//! that unsets keys, every struct accepted by the endpoint it is for and refused by
//! others, and a decode of the encoded body giving back the same tree.
// Property tests: native only (their random source has no wasm32 build).
#![cfg(not(target_family = "wasm"))]

use proptest::prelude::*;
use stripe_edge::api::params::{
    CollectionMethod, CustomerCreateParams, CustomerListCreated, CustomerListParams,
    CustomerUpdateParams, Emptyable, InvoiceCreateParams, InvoiceCreatePendingInvoiceItemsBehavior,
    InvoiceItemCreateParams, InvoiceItemCreatePeriod, InvoiceListCreated, InvoiceListParams,
    InvoiceListStatus, InvoicePayParams, InvoiceSearchParams, Metadata, MetadataValue, Params,
    RangeQuerySpecs, ReportRunCreateParameters, ReportRunCreateParametersReportingCategory,
    ReportRunCreateParams, ReportRunListCreated, ReportRunListParams, TaxExempt, V2EventListParams,
    WebhookEndpointCreateParams, WebhookEndpointListParams, WebhookEndpointUpdateParams,
};
use stripe_edge::api::{self, ENDPOINTS, Endpoint, Request, RequestError, RequestOptions};
use stripe_edge::form::{self, FormValue};

fn body(params: &impl Params) -> String {
    form::encode(&params.to_form())
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|item| (*item).to_owned()).collect()
}

/// The request of `params` on their endpoint, with an id when the path takes one.
fn request<P: Params>(params: &P) -> Result<Request, RequestError> {
    let id = P::ENDPOINT.takes_id().then_some("obj_123");
    params.request(id, &RequestOptions::default())
}

/// `params` on `endpoint` (another endpoint than theirs).
fn request_on(endpoint: &Endpoint, params: &impl Params) -> Result<Request, RequestError> {
    let id = endpoint.takes_id().then_some("obj_123");
    endpoint.request(id, &params.to_form(), &RequestOptions::default())
}

fn range() -> RangeQuerySpecs {
    RangeQuerySpecs {
        gt: Some(1),
        gte: Some(2),
        lt: Some(3),
        lte: Some(4),
    }
}

// Many fields of each struct set, so the endpoint check sees what each struct sends.

fn full_report_run() -> ReportRunCreateParams {
    ReportRunCreateParams {
        report_type: "payout_reconciliation.by_id.itemized.4".into(),
        parameters: Some(ReportRunCreateParameters {
            interval_start: Some(1_522_540_800),
            interval_end: Some(1_525_132_800),
            columns: strings(&["balance_transaction_id", "gross"]),
            timezone: Some("America/New_York".into()),
            currency: Some("usd".into()),
            reporting_category: Some(ReportRunCreateParametersReportingCategory::Charge),
            payout: Some("po_1".into()),
            connected_account: Some("acct_1".into()),
        }),
        expand: strings(&["result"]),
    }
}

fn full_report_run_list() -> ReportRunListParams {
    ReportRunListParams {
        limit: Some(3),
        starting_after: Some("obj_after".into()),
        ending_before: Some("obj_before".into()),
        created: Some(range().into()),
        expand: strings(&["data.result"]),
    }
}

fn full_search() -> InvoiceSearchParams {
    InvoiceSearchParams {
        query: "total>999".into(),
        limit: Some(10),
        page: Some("page_token".into()),
        expand: strings(&["data.customer"]),
    }
}

fn full_invoice_create() -> InvoiceCreateParams {
    InvoiceCreateParams {
        customer: Some("cus_NeZwdNtLEOXuvB".into()),
        currency: Some("usd".into()),
        description: Some("Thanks for your business".into()),
        collection_method: Some(CollectionMethod::SendInvoice),
        days_until_due: Some(30),
        auto_advance: Some(false),
        pending_invoice_items_behavior: Some(InvoiceCreatePendingInvoiceItemsBehavior::Exclude),
        metadata: Metadata::from([("order_id", "6735")]),
        account_tax_ids: Some(Emptyable::Unset),
        expand: strings(&["customer"]),
        ..Default::default()
    }
}

fn full_invoice_list() -> InvoiceListParams {
    InvoiceListParams {
        customer: Some("cus_1".into()),
        status: Some(InvoiceListStatus::Open),
        collection_method: Some(CollectionMethod::ChargeAutomatically),
        created: Some(1_680_000_000.into()),
        limit: Some(3),
        starting_after: Some("obj_after".into()),
        expand: strings(&["data.customer"]),
        ..Default::default()
    }
}

fn full_invoice_pay() -> InvoicePayParams {
    InvoicePayParams {
        paid_out_of_band: Some(true),
        payment_method: Some("pm_card_visa".into()),
        expand: strings(&["payment_intent"]),
        ..Default::default()
    }
}

fn full_invoice_item() -> InvoiceItemCreateParams {
    InvoiceItemCreateParams {
        customer: "cus_1".into(),
        amount: Some(-500),
        currency: Some("usd".into()),
        invoice: Some("in_1".into()),
        description: Some("Credit".into()),
        metadata: Metadata::from([("k", "v")]),
        period: Some(InvoiceItemCreatePeriod {
            start: 1_680_000_000,
            end: 1_680_100_000,
        }),
        ..Default::default()
    }
}

fn full_customer_create() -> CustomerCreateParams {
    CustomerCreateParams {
        email: Some("jennyrosen@example.com".into()),
        name: Some("Jenny Rosen".into()),
        phone: Some("+15555550123".into()),
        description: Some("VIP".into()),
        metadata: Metadata::from([("k", "v")]),
        tax_exempt: Some(TaxExempt::Reverse),
        ..Default::default()
    }
}

fn full_customer_update() -> CustomerUpdateParams {
    CustomerUpdateParams {
        email: Some("jenny@example.com".into()),
        name: Some(String::new()),
        phone: Some(String::new()),
        description: Some(String::new()),
        metadata: Metadata::default().set("a", "1").unset("b"),
        address: Some(Emptyable::Unset),
        ..Default::default()
    }
}

fn full_customer_list() -> CustomerListParams {
    CustomerListParams {
        email: Some("jennyrosen@example.com".into()),
        created: Some(CustomerListCreated::Hash(Box::new(RangeQuerySpecs {
            gte: Some(1_680_000_000),
            ..Default::default()
        }))),
        limit: Some(3),
        ..Default::default()
    }
}

fn full_webhook_create() -> WebhookEndpointCreateParams {
    WebhookEndpointCreateParams {
        url: "https://example.com/my/webhook/endpoint".into(),
        enabled_events: strings(&["charge.succeeded", "charge.failed"]),
        description: Some("Orders".into()),
        api_version: Some("2024-06-20".into()),
        metadata: Metadata::from([("k", "v")]),
        ..Default::default()
    }
}

fn full_webhook_update() -> WebhookEndpointUpdateParams {
    WebhookEndpointUpdateParams {
        url: Some("https://example.com/new_endpoint".into()),
        description: Some(String::new()),
        enabled_events: strings(&["invoice.paid"]),
        disabled: Some(true),
        metadata: Metadata::default().unset("k"),
        ..Default::default()
    }
}

fn full_v2_event_list() -> V2EventListParams {
    V2EventListParams {
        object_id: "mtr_test_61RCGzjmbJvDXjNiq41IDx9ehtpC".into(),
        limit: Some(2),
        page: Some("page_token".into()),
    }
}

#[test]
fn report_run_create_encodes_as_in_the_reference() {
    let params = ReportRunCreateParams {
        report_type: "balance.summary.1".into(),
        parameters: Some(ReportRunCreateParameters {
            interval_start: Some(1_522_540_800),
            interval_end: Some(1_525_132_800),
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(
        body(&params),
        "parameters%5Binterval_end%5D=1525132800\
         &parameters%5Binterval_start%5D=1522540800\
         &report_type=balance.summary.1"
    );
    assert_eq!(
        body(&full_report_run()),
        "expand%5B0%5D=result\
         &parameters%5Bcolumns%5D%5B0%5D=balance_transaction_id\
         &parameters%5Bcolumns%5D%5B1%5D=gross\
         &parameters%5Bconnected_account%5D=acct_1\
         &parameters%5Bcurrency%5D=usd\
         &parameters%5Binterval_end%5D=1525132800\
         &parameters%5Binterval_start%5D=1522540800\
         &parameters%5Bpayout%5D=po_1\
         &parameters%5Breporting_category%5D=charge\
         &parameters%5Btimezone%5D=America%2FNew_York\
         &report_type=payout_reconciliation.by_id.itemized.4"
    );
}

#[test]
fn list_params_encode_ranges_and_expand() {
    assert_eq!(
        body(&ReportRunListParams {
            limit: Some(3),
            ..Default::default()
        }),
        "limit=3"
    );
    assert_eq!(
        body(&full_report_run_list()),
        "created%5Bgt%5D=1&created%5Bgte%5D=2&created%5Blt%5D=3&created%5Blte%5D=4\
         &ending_before=obj_before&expand%5B0%5D=data.result&limit=3&starting_after=obj_after"
    );
    let since = CustomerListParams {
        created: Some(CustomerListCreated::Hash(Box::new(RangeQuerySpecs {
            gte: Some(1_680_000_000),
            ..Default::default()
        }))),
        ..Default::default()
    };
    assert_eq!(body(&since), "created%5Bgte%5D=1680000000");
    let exactly = CustomerListParams {
        created: Some(CustomerListCreated::Integer(1_680_000_000)),
        ..Default::default()
    };
    assert_eq!(body(&exactly), "created=1680000000");
    // Each choice of a union converts into it.
    assert_eq!(InvoiceListCreated::from(5), InvoiceListCreated::Integer(5));
    assert_eq!(
        ReportRunListCreated::from(range()),
        ReportRunListCreated::Hash(Box::new(range()))
    );
}

#[test]
fn search_params_encode_the_query() {
    let params = InvoiceSearchParams {
        query: "total>999 AND metadata['order_id']:'6735'".into(),
        ..Default::default()
    };
    assert_eq!(
        body(&params),
        "query=total%3E999%20AND%20metadata%5B%27order_id%27%5D%3A%276735%27"
    );
    assert_eq!(
        body(&full_search()),
        "expand%5B0%5D=data.customer&limit=10&page=page_token&query=total%3E999"
    );
}

#[test]
fn invoice_params_encode_as_in_the_reference() {
    let create = InvoiceCreateParams {
        customer: Some("cus_NeZwdNtLEOXuvB".into()),
        ..Default::default()
    };
    assert_eq!(body(&create), "customer=cus_NeZwdNtLEOXuvB");
    assert_eq!(
        body(&full_invoice_create()),
        "account_tax_ids=&auto_advance=false&collection_method=send_invoice\
         &currency=usd&customer=cus_NeZwdNtLEOXuvB&days_until_due=30\
         &description=Thanks%20for%20your%20business&expand%5B0%5D=customer\
         &metadata%5Border_id%5D=6735&pending_invoice_items_behavior=exclude"
    );

    let list = InvoiceListParams {
        limit: Some(3),
        ..Default::default()
    };
    assert_eq!(body(&list), "limit=3");
    assert_eq!(
        body(&full_invoice_list()),
        "collection_method=charge_automatically&created=1680000000&customer=cus_1\
         &expand%5B0%5D=data.customer&limit=3&starting_after=obj_after&status=open"
    );

    assert_eq!(
        body(&InvoicePayParams {
            paid_out_of_band: Some(true),
            ..Default::default()
        }),
        "paid_out_of_band=true"
    );
    assert_eq!(
        body(&full_invoice_pay()),
        "expand%5B0%5D=payment_intent&paid_out_of_band=true&payment_method=pm_card_visa"
    );

    let item = InvoiceItemCreateParams {
        customer: "cus_NeZei8imSbMVvi".into(),
        amount: Some(2500),
        currency: Some("usd".into()),
        description: Some("One-time setup fee".into()),
        ..Default::default()
    };
    assert_eq!(
        body(&item),
        "amount=2500&currency=usd&customer=cus_NeZei8imSbMVvi\
         &description=One-time%20setup%20fee"
    );
    assert_eq!(
        body(&full_invoice_item()),
        "amount=-500&currency=usd&customer=cus_1&description=Credit&invoice=in_1\
         &metadata%5Bk%5D=v&period%5Bend%5D=1680100000&period%5Bstart%5D=1680000000"
    );
}

#[test]
fn enums_have_stripes_values_and_take_newer_ones() {
    assert_eq!(
        CollectionMethod::ChargeAutomatically.as_str(),
        "charge_automatically"
    );
    assert_eq!(CollectionMethod::SendInvoice.as_str(), "send_invoice");
    assert_eq!(
        InvoiceCreatePendingInvoiceItemsBehavior::Exclude.as_str(),
        "exclude"
    );
    assert_eq!(TaxExempt::Empty.as_str(), "");
    let statuses = [
        (InvoiceListStatus::Draft, "draft"),
        (InvoiceListStatus::Open, "open"),
        (InvoiceListStatus::Paid, "paid"),
        (InvoiceListStatus::Uncollectible, "uncollectible"),
        (InvoiceListStatus::Void, "void"),
        (InvoiceListStatus::Other("paused".into()), "paused"),
    ];
    for (status, text) in statuses {
        assert_eq!(status.as_str(), text);
        let list = InvoiceListParams {
            status: Some(status),
            ..Default::default()
        };
        assert_eq!(body(&list), format!("status={text}"));
        request(&list).unwrap();
    }
}

#[test]
fn customer_params_encode_as_in_the_reference() {
    let create = CustomerCreateParams {
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
        "description=VIP&email=jennyrosen%40example.com&metadata%5Bk%5D=v\
         &name=Jenny%20Rosen&phone=%2B15555550123&tax_exempt=reverse"
    );

    let update = CustomerUpdateParams {
        metadata: Metadata::from([("order_id", "6735")]),
        ..Default::default()
    };
    assert_eq!(body(&update), "metadata%5Border_id%5D=6735");
    assert_eq!(
        body(&full_customer_update()),
        "address=&description=&email=jenny%40example.com\
         &metadata%5Ba%5D=1&metadata%5Bb%5D=&name=&phone="
    );

    let list = CustomerListParams {
        limit: Some(3),
        ..Default::default()
    };
    assert_eq!(body(&list), "limit=3");
    assert_eq!(
        body(&full_customer_list()),
        "created%5Bgte%5D=1680000000&email=jennyrosen%40example.com&limit=3"
    );
}

#[test]
fn webhook_endpoint_params_encode_as_in_the_reference() {
    let create = WebhookEndpointCreateParams {
        url: "https://example.com/my/webhook/endpoint".into(),
        enabled_events: strings(&["charge.succeeded", "charge.failed"]),
        ..Default::default()
    };
    assert_eq!(
        body(&create),
        "enabled_events%5B0%5D=charge.succeeded&enabled_events%5B1%5D=charge.failed\
         &url=https%3A%2F%2Fexample.com%2Fmy%2Fwebhook%2Fendpoint"
    );
    assert_eq!(
        body(&full_webhook_create()),
        "api_version=2024-06-20&description=Orders\
         &enabled_events%5B0%5D=charge.succeeded&enabled_events%5B1%5D=charge.failed\
         &metadata%5Bk%5D=v&url=https%3A%2F%2Fexample.com%2Fmy%2Fwebhook%2Fendpoint"
    );

    let update = WebhookEndpointUpdateParams {
        url: Some("https://example.com/new_endpoint".into()),
        ..Default::default()
    };
    assert_eq!(
        body(&update),
        "url=https%3A%2F%2Fexample.com%2Fnew_endpoint"
    );
    assert_eq!(
        body(&full_webhook_update()),
        "description=&disabled=true&enabled_events%5B0%5D=invoice.paid&metadata%5Bk%5D=\
         &url=https%3A%2F%2Fexample.com%2Fnew_endpoint"
    );
    let enable = WebhookEndpointUpdateParams {
        disabled: Some(false),
        ..Default::default()
    };
    assert_eq!(body(&enable), "disabled=false");
}

#[test]
fn v2_event_list_encodes_the_object_and_page() {
    let params = V2EventListParams {
        object_id: "mtr_test_61RCGzjmbJvDXjNiq41IDx9ehtpC".into(),
        ..Default::default()
    };
    assert_eq!(
        body(&params),
        "object_id=mtr_test_61RCGzjmbJvDXjNiq41IDx9ehtpC"
    );
    assert_eq!(
        body(&full_v2_event_list()),
        "limit=2&object_id=mtr_test_61RCGzjmbJvDXjNiq41IDx9ehtpC&page=page_token"
    );
}

#[test]
fn defaults_send_only_required_fields() {
    assert_eq!(body(&ReportRunListParams::default()), "");
    assert_eq!(body(&InvoiceSearchParams::default()), "query=");
    assert_eq!(body(&ReportRunCreateParams::default()), "report_type=");
    assert_eq!(body(&InvoiceCreateParams::default()), "");
    assert_eq!(body(&InvoiceListParams::default()), "");
    assert_eq!(body(&InvoicePayParams::default()), "");
    assert_eq!(body(&InvoiceItemCreateParams::default()), "customer=");
    assert_eq!(body(&CustomerCreateParams::default()), "");
    assert_eq!(body(&CustomerUpdateParams::default()), "");
    assert_eq!(body(&CustomerListParams::default()), "");
    assert_eq!(body(&WebhookEndpointCreateParams::default()), "url=");
    assert_eq!(body(&WebhookEndpointUpdateParams::default()), "");
    assert_eq!(body(&V2EventListParams::default()), "object_id=");
}

#[test]
fn empty_nested_values_are_left_out_of_the_tree() {
    // A form body cannot carry an empty map or list, so the tree has none either.
    let list = ReportRunListParams {
        created: Some(RangeQuerySpecs::default().into()),
        ..Default::default()
    };
    assert_eq!(list.to_form(), FormValue::Map(Vec::new()));
    let update = WebhookEndpointUpdateParams {
        enabled_events: Vec::new(),
        metadata: Metadata(Vec::new()),
        ..Default::default()
    };
    assert_eq!(update.to_form(), FormValue::Map(Vec::new()));
    let create = ReportRunCreateParams {
        parameters: Some(ReportRunCreateParameters::default()),
        ..Default::default()
    };
    assert_eq!(
        create.to_form(),
        FormValue::Map(vec![("report_type".into(), FormValue::Text(String::new()))])
    );
}

#[test]
fn metadata_unsets_keys_with_an_empty_value() {
    let update = CustomerUpdateParams {
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
    let twice = CustomerUpdateParams {
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
        (&api::REPORT_RUN_CREATE, request(&full_report_run())),
        (&api::REPORT_RUN_LIST, request(&full_report_run_list())),
        (&api::INVOICE_CREATE, request(&full_invoice_create())),
        (&api::INVOICE_LIST, request(&full_invoice_list())),
        (&api::INVOICE_SEARCH, request(&full_search())),
        (&api::INVOICE_PAY, request(&full_invoice_pay())),
        (&api::INVOICE_ITEM_CREATE, request(&full_invoice_item())),
        (&api::CUSTOMER_CREATE, request(&full_customer_create())),
        (&api::CUSTOMER_UPDATE, request(&full_customer_update())),
        (&api::CUSTOMER_LIST, request(&full_customer_list())),
        (
            &api::WEBHOOK_ENDPOINT_CREATE,
            request(&full_webhook_create()),
        ),
        (
            &api::WEBHOOK_ENDPOINT_UPDATE,
            request(&full_webhook_update()),
        ),
        (&api::V2_EVENT_LIST, request(&full_v2_event_list())),
    ];
    for (endpoint, result) in checks {
        let request = result.unwrap_or_else(|error| panic!("{}: {error:?}", endpoint.name));
        assert_eq!(request.method, endpoint.method, "{}", endpoint.name);
    }
}

#[test]
fn each_struct_names_its_own_endpoint() {
    assert_eq!(ReportRunCreateParams::ENDPOINT, &api::REPORT_RUN_CREATE);
    assert_eq!(InvoiceSearchParams::ENDPOINT, &api::INVOICE_SEARCH);
    assert_eq!(
        WebhookEndpointListParams::ENDPOINT,
        &api::WEBHOOK_ENDPOINT_LIST
    );
    assert_eq!(V2EventListParams::ENDPOINT, &api::V2_EVENT_LIST);
    // Structs for every endpoint: all of them, each for a different one.
    let mut names: Vec<&str> = [
        ReportRunCreateParams::ENDPOINT,
        ReportRunListParams::ENDPOINT,
        InvoiceCreateParams::ENDPOINT,
        InvoiceListParams::ENDPOINT,
        InvoiceSearchParams::ENDPOINT,
        InvoicePayParams::ENDPOINT,
        InvoiceItemCreateParams::ENDPOINT,
        CustomerCreateParams::ENDPOINT,
        CustomerUpdateParams::ENDPOINT,
        CustomerListParams::ENDPOINT,
        WebhookEndpointCreateParams::ENDPOINT,
        WebhookEndpointUpdateParams::ENDPOINT,
        WebhookEndpointListParams::ENDPOINT,
        V2EventListParams::ENDPOINT,
    ]
    .iter()
    .map(|endpoint| endpoint.name)
    .collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), 14);
    assert!(
        names
            .iter()
            .all(|name| ENDPOINTS.iter().any(|e| e.name == *name))
    );
}

#[test]
fn requests_carry_the_encoded_parameters() {
    let create = request(&full_invoice_create()).unwrap();
    assert_eq!(create.path, "/v1/invoices");
    assert_eq!(create.body, Some(body(&full_invoice_create())));

    let pay = InvoicePayParams::default()
        .request(
            Some("in_1MtGmCLkdIwHu7ix6PgS6g8S"),
            &RequestOptions::default(),
        )
        .unwrap();
    assert_eq!(pay.path, "/v1/invoices/in_1MtGmCLkdIwHu7ix6PgS6g8S/pay");
    assert_eq!(pay.body.as_deref(), Some(""));

    let list = InvoiceListParams {
        customer: Some("cus_1".into()),
        limit: Some(3),
        ..Default::default()
    };
    let get = request(&list).unwrap();
    assert_eq!(get.path, "/v1/invoices?customer=cus_1&limit=3");
    assert_eq!(get.body, None);

    let events = request(&full_v2_event_list()).unwrap();
    assert_eq!(
        events.path,
        "/v2/core/events?limit=2&object_id=mtr_test_61RCGzjmbJvDXjNiq41IDx9ehtpC&page=page_token"
    );
}

#[test]
fn the_parameter_check_catches_a_struct_on_the_wrong_endpoint() {
    // Webhook endpoints and Sigma runs are not listed by creation time.
    for endpoint in [&api::WEBHOOK_ENDPOINT_LIST, &api::SCHEDULED_QUERY_RUN_LIST] {
        let paging = ReportRunListParams {
            created: None,
            expand: Vec::new(),
            ..full_report_run_list()
        };
        assert_eq!(
            request_on(endpoint, &full_report_run_list()).unwrap_err(),
            RequestError::UnknownParameter {
                endpoint: endpoint.name,
                param: "created".into(),
            }
        );
        request_on(endpoint, &paging).unwrap();
    }
    assert_eq!(
        request_on(&api::CUSTOMER_LIST, &full_invoice_list()).unwrap_err(),
        RequestError::UnknownParameter {
            endpoint: api::CUSTOMER_LIST.name,
            param: "collection_method".into(),
        }
    );
    assert_eq!(
        request_on(&api::CUSTOMER_UPDATE, &full_invoice_item()).unwrap_err(),
        RequestError::UnknownParameter {
            endpoint: api::CUSTOMER_UPDATE.name,
            param: "amount".into(),
        }
    );
    // An endpoint without `enabled_events` cannot be created: the empty list is not sent.
    let no_events = WebhookEndpointCreateParams {
        enabled_events: Vec::new(),
        ..full_webhook_create()
    };
    assert_eq!(
        request(&no_events).unwrap_err(),
        RequestError::MissingParameter {
            endpoint: api::WEBHOOK_ENDPOINT_CREATE.name,
            param: "enabled_events".into(),
        }
    );
}

fn metadata_value() -> impl Strategy<Value = MetadataValue> {
    prop_oneof![
        any::<String>().prop_map(MetadataValue::Set),
        Just(MetadataValue::Unset),
    ]
}

/// Keys Stripe accepts: up to 40 characters, no square brackets; digits too
/// (`metadata[0]` is a hash key, as the endpoint's schema says).
fn metadata_key() -> impl Strategy<Value = String> {
    prop_oneof!["[0-9]{1,3}", "[^\\[\\]]{1,40}"]
}

fn invoice_create() -> impl Strategy<Value = InvoiceCreateParams> {
    let collection = prop_oneof![
        Just(CollectionMethod::ChargeAutomatically),
        Just(CollectionMethod::SendInvoice),
        "[a-z_]{1,20}".prop_map(CollectionMethod::Other),
    ];
    let pending = prop_oneof![
        Just(InvoiceCreatePendingInvoiceItemsBehavior::Exclude),
        Just(InvoiceCreatePendingInvoiceItemsBehavior::Include),
    ];
    (
        proptest::option::of(any::<String>()),
        proptest::option::of(any::<String>()),
        proptest::option::of(any::<String>()),
        proptest::option::of(collection),
        proptest::option::of(any::<i64>()),
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
            )| InvoiceCreateParams {
                customer,
                currency,
                description,
                collection_method,
                days_until_due,
                auto_advance,
                pending_invoice_items_behavior,
                metadata: Metadata(metadata),
                expand,
                ..Default::default()
            },
        )
}

proptest! {
    #[test]
    fn invoice_create_decodes_to_the_tree_it_encodes(params in invoice_create()) {
        let tree = params.to_form();
        let checked = api::INVOICE_CREATE.check_params(&tree);
        prop_assert_eq!(&checked, &Ok(tree.clone()));
        let decoded = form::decode(&form::encode(&tree)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(api::INVOICE_CREATE.check_params(&decoded), checked);
    }
}
