// A user's Worker that imports stripe-edge from npm and runs the API client suite
// against the emulator named in ?emulator=, reporting the results as JSON.
import * as api from 'stripe-edge';
import { runClientSuite } from '../client-suite.js';

export default {
  async fetch(request) {
    const baseUrl = new URL(request.url).searchParams.get('emulator');
    return Response.json(await runClientSuite(api, { baseUrl }));
  },
};
