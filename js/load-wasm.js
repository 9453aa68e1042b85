// How the browser entries load their wasm: fetched from beside the entry and compiled
// from its bytes, whatever Content-Type the server gives it.

/** The compiled module at `url`; a failed fetch is an Error that names the URL. */
export async function loadWasm(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`stripe-edge: failed to fetch ${url}: ${response.status} ${response.statusText}`);
  return WebAssembly.compile(await response.arrayBuffer());
}
