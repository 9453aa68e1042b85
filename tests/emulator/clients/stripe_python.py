"""The emulator through Stripe's official Python client (the `stripe` package from
PyPI), unmodified but for its base addresses: every endpoint the emulator serves, read
the way stripe-python reads Stripe.

    python stripe_python.py http://127.0.0.1:PORT

Prints one line per step that passed; any failed assertion or unexpected error ends
the script with a traceback and a non-zero exit. Every expectation is computed from
what the script itself created, never taken from an earlier run.
"""

import csv
import io
import json
import sys
import time
import urllib.request
from decimal import Decimal

import stripe

KEY = "sk_test_stripe_python"


def passed(step):
    print(f"ok - {step}", flush=True)


def raises(kind, call):
    """The exception of type `kind` that `call()` raises (and fails if it does not)."""
    try:
        call()
    except kind as error:
        return error
    raise AssertionError(f"expected {kind.__name__}, but the call returned normally")


def major_units(amount, currency):
    """A minor-unit amount as Stripe's reports write it: 12345 usd -> "123.45"."""
    exponent = {"jpy": 0, "krw": 0, "kwd": 3, "bhd": 3}.get(currency, 2)
    return str(Decimal(amount).scaleb(-exponent))


def http(method, url, *, body=None, headers=None):
    """A plain HTTP request, for what stripe-python has no call for (see the callers)."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers, response.read()


def download_csv(file, what):
    """Downloads a file object's `url` with the API key and returns its CSV rows.

    stripe-python has no call that downloads a file's contents: its requestor parses
    every non-streamed response as JSON (`StripeResponse` calls `json.loads`), and the
    only streamed calls are fixed PDF endpoints (quotes, invoices). So this is a plain
    HTTP GET of the file's `url`, authenticated with the API key as Stripe's docs show
    (`curl -u sk_test_...: https://files.stripe.com/v1/files/file_.../contents`)."""
    status, headers, body = http("GET", file.url, headers={"Authorization": f"Bearer {KEY}"})
    assert status == 200, f"{what}: download answered {status}"
    content_type = headers.get("Content-Type", "")
    assert content_type.startswith("text/csv"), f"{what}: content type {content_type!r}"
    assert len(body) == file.size, f"{what}: {len(body)} bytes downloaded, the file object says {file.size}"
    return list(csv.reader(io.StringIO(body.decode("utf-8"))))


def rows_by(header_and_rows, column):
    header, *rows = header_and_rows
    assert column in header, f"no {column!r} column in {header}"
    at = header.index(column)
    return header, {row[at]: dict(zip(header, row)) for row in rows}


def main(base_url):
    base_url = base_url.rstrip("/")
    client = stripe.StripeClient(
        KEY,
        base_addresses={"api": base_url, "files": base_url, "connect": base_url, "meter_events": base_url},
        max_network_retries=0,
    )
    v1 = client.v1

    # --- auth -----------------------------------------------------------------------
    wrong = stripe.StripeClient("sk_live_not_a_test_key", base_addresses={"api": base_url}, max_network_retries=0)
    error = raises(stripe.AuthenticationError, lambda: wrong.v1.customers.list())
    assert error.http_status == 401, f"a wrong key answered {error.http_status}"
    assert error.request_id and error.request_id.startswith("req_"), f"request id {error.request_id!r}"
    passed("a wrong key raises stripe.AuthenticationError (401)")

    # --- customers ------------------------------------------------------------------
    made = [v1.customers.create({"email": f"python{i}@example.com", "metadata": {"i": str(i)}}) for i in range(12)]
    assert all(c.id.startswith("cus_") for c in made), [c.id for c in made]
    assert made[3].metadata["i"] == "3", made[3].metadata
    assert made[3].object == "customer"
    passed("customers.create x12")

    fetched = v1.customers.retrieve(made[5].id)
    assert fetched.id == made[5].id and fetched.email == "python5@example.com", fetched
    assert isinstance(fetched, stripe.Customer), type(fetched)
    passed("customers.retrieve")

    first_page = v1.customers.list({"limit": 5})
    assert len(first_page.data) == 5 and first_page.has_more, (len(first_page.data), first_page.has_more)
    listed = [c.id for c in first_page.auto_paging_iter()]
    assert len(listed) == len(set(listed)), "a customer listed twice"
    ours = [i for i in listed if i in {c.id for c in made}]
    assert ours == [c.id for c in reversed(made)], f"not every customer once, newest first: {ours}"
    passed(f"customers.list auto-pagination (limit 5): {len(listed)} customers, each once, newest first")

    # --- invoices -------------------------------------------------------------------
    customer = v1.customers.create({"email": "invoices@example.com", "name": "Invoice Person"})

    def draft(amount, currency="usd"):
        invoice = v1.invoices.create(
            {"customer": customer.id, "currency": currency, "collection_method": "send_invoice", "days_until_due": 14}
        )
        assert invoice.status == "draft", invoice.status
        item = v1.invoice_items.create(
            {"customer": customer.id, "invoice": invoice.id, "amount": amount, "currency": currency}
        )
        assert item.id.startswith("ii_") and item.invoice == invoice.id and item.amount == amount, item
        return invoice

    voided = draft(4200)
    assert isinstance(voided, stripe.Invoice) and voided.customer == customer.id, voided
    passed("invoices.create (draft) and invoice_items.create")

    again = v1.invoices.retrieve(voided.id)
    assert again.id == voided.id and again.total == 4200 and again.amount_due == 4200, (again.total, again.amount_due)
    expanded = v1.invoices.retrieve(voided.id, {"expand": ["customer"]})
    assert isinstance(expanded.customer, stripe.Customer), type(expanded.customer)
    assert expanded.customer.email == "invoices@example.com", expanded.customer
    passed("invoices.retrieve (the item's amount in the total; expand[]=customer)")

    finalized = v1.invoices.finalize_invoice(voided.id)
    assert finalized.status == "open" and finalized.total == 4200, (finalized.status, finalized.total)
    assert finalized.status_transitions.finalized_at, finalized.status_transitions
    passed("invoices.finalize_invoice: draft -> open")

    sent = v1.invoices.send_invoice(voided.id)
    assert sent.id == voided.id and sent.status == "open", (sent.id, sent.status)
    passed("invoices.send_invoice")

    void = v1.invoices.void_invoice(voided.id)
    assert void.status == "void" and void.status_transitions.voided_at, (void.status, void.status_transitions)
    passed("invoices.void_invoice: open -> void")

    error = raises(stripe.InvalidRequestError, lambda: v1.invoices.pay(voided.id))
    assert error.http_status == 400, error.http_status
    # The emulator's own code for a refused transition (README: "state transitions use
    # the emulator's own code `invalid_state`"); stripe-node's test checks the same.
    assert error.code == "invalid_state", f"code {error.code!r}: {error.user_message}"
    assert error.request_id and error.request_id.startswith("req_"), error.request_id
    passed("invoices.pay on a void invoice raises stripe.InvalidRequestError (400, invalid_state)")

    error = raises(stripe.InvalidRequestError, lambda: v1.invoices.finalize_invoice(voided.id))
    assert error.code == "invalid_state", error.code
    passed("invoices.finalize_invoice on a void invoice raises stripe.InvalidRequestError")

    paid_amount = 12345
    paid = draft(paid_amount)
    v1.invoices.finalize_invoice(paid.id)
    paid = v1.invoices.pay(paid.id, {"paid_out_of_band": True})
    assert paid.status == "paid" and paid.amount_paid == paid_amount, (paid.status, paid.amount_paid)
    assert paid.status_transitions.paid_at, paid.status_transitions
    passed("invoices.pay (paid_out_of_band): open -> paid")

    lost = draft(500)
    v1.invoices.finalize_invoice(lost.id)
    lost = v1.invoices.mark_uncollectible(lost.id)
    assert lost.status == "uncollectible", lost.status
    assert lost.status_transitions.marked_uncollectible_at, lost.status_transitions
    passed("invoices.mark_uncollectible: open -> uncollectible")

    ours = {voided.id, paid.id, lost.id}
    listed = v1.invoices.list({"customer": customer.id})
    assert {i.id for i in listed.data} == ours, [i.id for i in listed.data]
    only_paid = v1.invoices.list({"customer": customer.id, "status": "paid"})
    assert [i.id for i in only_paid.data] == [paid.id], [i.id for i in only_paid.data]
    paged = [i.id for i in v1.invoices.list({"customer": customer.id, "limit": 1}).auto_paging_iter()]
    assert sorted(paged) == sorted(ours), paged
    passed("invoices.list (customer, status filters; auto-pagination)")

    found = v1.invoices.search({"query": f'customer:"{customer.id}" AND status:"paid"'})
    assert isinstance(found, stripe.SearchResultObject), type(found)
    assert [i.id for i in found.data] == [paid.id], [i.id for i in found.data]
    passed("invoices.search")

    page = v1.invoices.search({"query": f'customer:"{customer.id}"', "limit": 1})
    assert len(page.data) == 1 and page.has_more and page.next_page, (len(page.data), page.has_more, page.next_page)
    second = page.next_search_result_page()
    assert len(second.data) == 1 and second.data[0].id != page.data[0].id, [i.id for i in second.data]
    everything = [i.id for i in page.auto_paging_iter()]
    assert sorted(everything) == sorted(ours), everything
    passed("invoices.search paging: next_page, next_search_result_page, auto_paging_iter")

    error = raises(stripe.InvalidRequestError, lambda: v1.invoices.retrieve("in_missing"))
    assert (error.http_status, error.code) == (404, "resource_missing"), (error.http_status, error.code)
    error = raises(stripe.InvalidRequestError, lambda: v1.customers.create({"nickname": "x"}))
    assert (error.code, error.param) == ("parameter_unknown", "nickname"), (error.code, error.param)
    passed("a missing invoice (404 resource_missing) and an unknown parameter raise stripe.InvalidRequestError")

    # --- idempotency ----------------------------------------------------------------
    key = f"python-idempotency-{time.time_ns()}"
    first = v1.customers.create({"email": "idem@example.com"}, {"idempotency_key": key})
    replay = v1.customers.create({"email": "idem@example.com"}, {"idempotency_key": key})
    assert replay.id == first.id, (first.id, replay.id)
    assert replay.last_response.headers.get("Idempotent-Replayed") == "true", dict(replay.last_response.headers)
    error = raises(stripe.IdempotencyError, lambda: v1.customers.create({"email": "other@example.com"}, {"idempotency_key": key}))
    assert error.http_status == 400, error.http_status
    passed("idempotency: the same key replays; with other params raises stripe.IdempotencyError")

    # --- reporting ------------------------------------------------------------------
    report_type_id = "balance_change_from_activity.itemized.1"
    types = v1.reporting.report_types.list()
    assert report_type_id in {t.id for t in types.data}, [t.id for t in types.data]
    assert all(t.object == "reporting.report_type" for t in types.data)
    report_type = v1.reporting.report_types.retrieve(report_type_id)
    assert isinstance(report_type, stripe.reporting.ReportType), type(report_type)
    assert report_type.data_available_start < paid.status_transitions.paid_at < report_type.data_available_end, report_type
    assert "gross" in report_type.default_columns, report_type.default_columns
    passed("reporting.report_types list / retrieve")

    columns = ["invoice_id", "currency", "gross"]
    run = v1.reporting.report_runs.create(
        {
            "report_type": report_type_id,
            "parameters": {
                "interval_start": paid.created - 10,
                "interval_end": report_type.data_available_end,
                "columns": columns,
                "timezone": "Etc/UTC",
            },
        }
    )
    assert isinstance(run, stripe.reporting.ReportRun), type(run)
    assert run.status == "pending" and run.result is None, (run.status, run.result)
    assert run.parameters.columns == columns, run.parameters
    deadline = time.monotonic() + 10
    while run.status == "pending":
        assert time.monotonic() < deadline, f"report run {run.id} still pending after 10 s"
        time.sleep(0.1)
        run = v1.reporting.report_runs.retrieve(run.id)
    assert run.status == "succeeded", f"report run {run.id} ended {run.status}: {run.error}"
    assert run.succeeded_at, run
    assert isinstance(run.result, stripe.File), type(run.result)
    assert run.result.purpose == "finance_report_run", run.result.purpose
    passed(f"reporting.report_runs.create, then retrieve until {run.status}")

    runs = v1.reporting.report_runs.list({"created": {"gte": run.created}})
    assert run.id in {r.id for r in runs.data}, [r.id for r in runs.data]
    passed("reporting.report_runs.list (created[gte])")

    file = v1.files.retrieve(run.result.id)
    assert isinstance(file, stripe.File), type(file)
    assert (file.id, file.size, file.purpose, file.url) == (run.result.id, run.result.size, "finance_report_run", run.result.url), file
    files = v1.files.list({"purpose": "finance_report_run"})
    assert file.id in {f.id for f in files.data}, [f.id for f in files.data]
    passed("files.retrieve / files.list (purpose) for the result file")

    header, rows = rows_by(download_csv(file, "report run result"), "invoice_id")
    assert header == columns, header
    expected = {"invoice_id": paid.id, "currency": "usd", "gross": major_units(paid_amount, "usd")}
    assert rows.get(paid.id) == expected, f"row for {paid.id}: {rows.get(paid.id)}, expected {expected}"
    assert lost.id not in rows and voided.id not in rows, "an unpaid invoice in the balance report"
    passed(f"report CSV downloaded: the paid invoice {paid_amount} usd reads {expected['gross']!r}")

    # --- Sigma ----------------------------------------------------------------------
    # Stripe runs scheduled queries on its own schedule and has no API to create one, so
    # the run is planted through the emulator's control endpoint (plain HTTP, no auth).
    status, _, body = http(
        "POST",
        f"{base_url}/_emulator/scheduled_query_runs",
        body=json.dumps({"title": "Python paid invoices", "sql": "select * from invoices"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    assert status == 200, status
    planted = json.loads(body)
    runs = v1.sigma.scheduled_query_runs.list()
    assert planted["id"] in {r.id for r in runs.data}, [r.id for r in runs.data]
    sigma_run = v1.sigma.scheduled_query_runs.retrieve(planted["id"])
    assert isinstance(sigma_run, stripe.sigma.ScheduledQueryRun), type(sigma_run)
    assert (sigma_run.title, sigma_run.sql, sigma_run.status) == ("Python paid invoices", "select * from invoices", "completed"), sigma_run
    assert sigma_run.file.purpose == "sigma_scheduled_query", sigma_run.file
    passed("sigma.scheduled_query_runs list / retrieve")

    sigma_file = v1.files.retrieve(sigma_run.file.id)
    assert sigma_file.size == sigma_run.file.size, (sigma_file.size, sigma_run.file.size)
    _, rows = rows_by(download_csv(sigma_file, "Sigma result"), "id")
    row = rows.get(paid.id)
    assert row, f"no row for {paid.id} in the Sigma result"
    got = (row["customer"], row["currency"], row["amount_paid"], row["status"])
    # Sigma writes amounts in minor units (Stripe's Sigma docs), unlike report runs.
    want = (customer.id, "usd", str(paid_amount), "paid")
    assert got == want, f"Sigma row {got}, expected {want}"
    error = raises(stripe.InvalidRequestError, lambda: v1.sigma.scheduled_query_runs.retrieve("sqr_missing"))
    assert error.http_status == 404, error.http_status
    passed("Sigma result file retrieved and downloaded: it holds the paid invoice")

    # --- webhook endpoints ----------------------------------------------------------
    # Port 9 (discard) on loopback: nothing is sent there while the endpoint exists.
    endpoint = v1.webhook_endpoints.create(
        {"url": "http://127.0.0.1:9/python-hook", "enabled_events": ["invoice.paid"], "description": "python crud"}
    )
    assert isinstance(endpoint, stripe.WebhookEndpoint), type(endpoint)
    assert endpoint.id.startswith("we_") and endpoint.secret.startswith("whsec_"), (endpoint.id, endpoint.secret)
    assert endpoint.status == "enabled" and list(endpoint.enabled_events) == ["invoice.paid"], endpoint
    passed("webhook_endpoints.create (secret starts with whsec_)")

    fetched = v1.webhook_endpoints.retrieve(endpoint.id)
    assert fetched.url == "http://127.0.0.1:9/python-hook" and fetched.description == "python crud", fetched
    assert "secret" not in fetched, "the secret is shown only on create"
    passed("webhook_endpoints.retrieve (no secret)")

    updated = v1.webhook_endpoints.update(endpoint.id, {"disabled": True, "enabled_events": ["*"], "description": "off"})
    assert (updated.status, list(updated.enabled_events), updated.description) == ("disabled", ["*"], "off"), updated
    passed("webhook_endpoints.update")

    listed = v1.webhook_endpoints.list()
    assert endpoint.id in {e.id for e in listed.data}, [e.id for e in listed.data]
    passed("webhook_endpoints.list")

    deleted = v1.webhook_endpoints.delete(endpoint.id)
    assert (deleted.id, deleted.deleted) == (endpoint.id, True), deleted
    error = raises(stripe.InvalidRequestError, lambda: v1.webhook_endpoints.retrieve(endpoint.id))
    assert error.http_status == 404, error.http_status
    passed("webhook_endpoints.delete (then retrieve is a 404)")

    # --- v2 core events -------------------------------------------------------------
    page = client.v2.core.events.list({"object_id": paid.id, "limit": 2})
    assert len(page.data) == 2 and page.next_page_url, (len(page.data), page.next_page_url)
    seen = list(page.auto_paging_iter())  # follows next_page_url until it is null
    ids = [e.id for e in seen]
    assert len(ids) == len(set(ids)), f"an event twice: {ids}"
    assert ids[:2] == [e.id for e in page.data], ids
    types = [e.type for e in seen]
    for wanted in ["v1.invoice.created", "v1.invoice.finalized", "v1.invoice.paid"]:
        assert wanted in types, f"{wanted} not in {types}"
    assert all(e.object == "v2.core.event" and e.related_object.id == paid.id for e in seen), seen
    passed(f"v2.core.events.list by object_id, paged through next_page_url: {len(seen)} events")

    one = client.v2.core.events.retrieve(seen[-1].id)
    assert (one.id, one.type, one.related_object.id) == (seen[-1].id, seen[-1].type, paid.id), one
    passed("v2.core.events.retrieve")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: stripe_python.py BASE_URL")
    print(f"stripe-python {stripe.VERSION} against {sys.argv[1]}", flush=True)
    main(sys.argv[1])
    print("all steps passed", flush=True)
