//! Reading a request body without ever holding more than the cap.

use stripe_edge::error::{ErrorType, HttpError};
use stripe_edge::webhook::WebhookError;
use worker::js_sys::{Reflect, Uint8Array};
use worker::wasm_bindgen::{JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;
use worker::web_sys::{ReadableStreamDefaultReader, Request};

/// How much of a refused body is read and dropped before answering, so that a client
/// keeping the connection alive is not left with a half-sent request; beyond this the
/// stream is cancelled.
const DISCARD_BUDGET: usize = 8 << 20;

/// Reads the whole body, refusing (413) once it is known to exceed `limit` bytes: from
/// `Content-Length` before reading, or while streaming. Nothing past `limit` is kept.
pub async fn read_capped(req: &Request, limit: usize) -> Result<Vec<u8>, HttpError> {
    let too_large = |size| WebhookError::PayloadTooLarge { size, limit }.to_http();
    let declared = req
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|value| value.trim().parse::<usize>().ok());
    let Some(stream) = req.body() else {
        return Ok(Vec::new());
    };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    if let Some(size) = declared.filter(|&size| size > limit) {
        discard(&reader, 0).await;
        return Err(too_large(size));
    }
    let mut body = Vec::with_capacity(declared.unwrap_or(0).min(limit));
    while let Some(chunk) = next_chunk(&reader).await? {
        let size = body.len() + chunk.length() as usize;
        if size > limit {
            discard(&reader, size).await;
            return Err(too_large(size));
        }
        body.extend_from_slice(&chunk.to_vec());
    }
    Ok(body)
}

async fn next_chunk(reader: &ReadableStreamDefaultReader) -> Result<Option<Uint8Array>, HttpError> {
    let chunk = JsFuture::from(reader.read()).await.map_err(unreadable)?;
    if Reflect::get(&chunk, &"done".into())
        .map_err(unreadable)?
        .is_truthy()
    {
        return Ok(None);
    }
    Reflect::get(&chunk, &"value".into())
        .map_err(unreadable)?
        .dyn_into()
        .map(Some)
        .map_err(unreadable)
}

/// Reads and drops the rest of a refused body within the budget, then cancels it.
async fn discard(reader: &ReadableStreamDefaultReader, mut seen: usize) {
    while seen <= DISCARD_BUDGET {
        match next_chunk(reader).await {
            Ok(Some(chunk)) => seen += chunk.length() as usize,
            Ok(None) | Err(_) => return,
        }
    }
    // A failed cancel leaves nothing to clean up: the answer is an error either way.
    let _ = JsFuture::from(reader.cancel()).await;
}

fn unreadable(error: JsValue) -> HttpError {
    HttpError {
        status: 400,
        type_: ErrorType::InvalidRequestError,
        code: "body_unreadable",
        message: format!("The request body could not be read: {error:?}"),
        param: None,
    }
}
