"""The Worker's policy proxy through Stripe's official Python client (the `stripe`
package from PyPI), unmodified but for its base address, with proxy tokens as its
API keys.

    python proxy_python.py WORKER_URL CUSTOMER_TOKEN BACK_OFFICE_TOKEN OWN_IDS_JSON FOREIGN_ID

OWN_IDS_JSON is the customer's invoice ids, as the test read them from the emulator;
FOREIGN_ID another customer's invoice. Prints one line per step that passed; a failed
assertion ends the script with a traceback and a non-zero exit.
"""

import json
import sys

import stripe


def passed(step):
    print(f"ok - {step}", flush=True)


def raises(kind, call):
    try:
        call()
    except kind as error:
        return error
    raise AssertionError(f"expected {kind.__name__}, but the call returned normally")


def code_of(error):
    """The error's `code` as Stripe's body has it (stripe-python sets `code` only on
    some classes: not on PermissionError or AuthenticationError)."""
    return error.json_body["error"]["code"]


def main(worker, customer_token, office_token, own_ids, foreign_id):
    own_ids = sorted(json.loads(own_ids))

    def client(token):
        return stripe.StripeClient(token, base_addresses={"api": worker}, max_network_retries=0)

    customer = client(customer_token)
    listed = sorted(invoice.id for invoice in customer.v1.invoices.list({"limit": 2}).auto_paging_iter())
    assert listed == own_ids, (listed, own_ids)
    passed("a customer token lists exactly its own invoices, page by page")

    retrieved = customer.v1.invoices.retrieve(own_ids[0])
    assert retrieved.id == own_ids[0]
    error = raises(stripe.InvalidRequestError, lambda: customer.v1.invoices.retrieve(foreign_id))
    assert error.http_status == 404 and error.code == "resource_missing", (error.http_status, error.code)
    passed("another customer's invoice is missing (404 resource_missing)")

    error = raises(stripe.PermissionError, lambda: customer.v1.customers.list())
    assert code_of(error) == "endpoint_not_allowed", code_of(error)
    passed("an endpoint outside the scope is refused (403 endpoint_not_allowed)")

    office = client(office_token)
    made = office.v1.customers.create({"email": "proxy-python@example.com"})
    invoice = office.v1.invoices.create({"customer": made.id, "collection_method": "send_invoice", "days_until_due": 3})
    office.v1.invoice_items.create({"customer": made.id, "invoice": invoice.id, "amount": 700, "currency": "usd"})
    finalized = office.v1.invoices.finalize_invoice(invoice.id)
    assert finalized.status == "open", finalized.status
    voided = office.v1.invoices.void_invoice(invoice.id)
    assert voided.status == "void", voided.status
    passed("a back-office token creates, finalizes and voids an invoice")

    error = raises(stripe.AuthenticationError, lambda: client("no-dots-here").v1.invoices.list())
    assert code_of(error) == "token_malformed", code_of(error)
    passed("a malformed token is refused (401 token_malformed)")
    print("all steps passed", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
