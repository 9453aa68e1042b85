// A user's Worker that imports each capability entry from npm (the `workerd` export
// condition) and reports the entry checks; `?mac=` names the MAC provider it should
// have found (node:crypto with nodejs_compat, the wasm's without).
import * as webhooks from 'stripe-edge/webhooks';
import * as testing from 'stripe-edge/testing';
import * as decode from 'stripe-edge/decode';
import * as search from 'stripe-edge/search';
import * as client from 'stripe-edge/client';
import { runEntryChecks } from '../entry-checks.js';

export default {
  fetch(request) {
    const expectedMac = new URL(request.url).searchParams.get('mac');
    return Response.json(runEntryChecks({ webhooks, testing, decode, search, client }, { expectedMac }));
  },
};
