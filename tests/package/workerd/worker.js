// A Worker that imports the package from npm the way a user's Worker does, and reports
// the shared checks.
import * as api from 'stripe-edge';
import { runChecks } from '../checks.js';

export default {
  fetch() {
    return Response.json(runChecks(api));
  },
};
