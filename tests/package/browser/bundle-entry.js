// Bundled by esbuild for the browser, as an app would be.
import * as api from 'stripe-edge';
import { runChecks } from '../checks.js';

window.checkResults = runChecks(api);
