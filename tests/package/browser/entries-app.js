// An app that imports each capability entry, as a bundler (esbuild, Vite, webpack) or a
// browser with an import map takes it, and reports the entry checks.
import * as webhooks from 'stripe-edge/webhooks';
import * as testing from 'stripe-edge/testing';
import * as decode from 'stripe-edge/decode';
import * as search from 'stripe-edge/search';
import * as client from 'stripe-edge/client';
import { runEntryChecks } from '../entry-checks.js';

window.checkResults = runEntryChecks({ webhooks, testing, decode, search, client }, { expectedMac: 'wasm' });
