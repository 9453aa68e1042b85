//! Reading a request body without ever holding more than the cap.

use futures_util::StreamExt;
use stripe_edge::error::{ErrorType, HttpError};
use stripe_edge::webhook::WebhookError;
use worker::Request;

/// Reads the whole body, refusing (413) as soon as it is known to exceed `limit`
/// bytes: from `Content-Length` before reading, or while streaming.
pub async fn read_capped(req: &mut Request, limit: usize) -> Result<Vec<u8>, HttpError> {
    let too_large = |size| WebhookError::PayloadTooLarge { size, limit }.to_http();
    let declared = req
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|value| value.trim().parse::<usize>().ok());
    if let Some(size) = declared.filter(|&size| size > limit) {
        return Err(too_large(size));
    }
    let mut stream = req.stream().map_err(|e| unreadable(&e))?;
    let mut body = Vec::with_capacity(declared.unwrap_or(0).min(limit));
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| unreadable(&e))?;
        if body.len() + chunk.len() > limit {
            return Err(too_large(body.len() + chunk.len()));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn unreadable(error: &worker::Error) -> HttpError {
    HttpError {
        status: 400,
        type_: ErrorType::InvalidRequestError,
        code: "body_unreadable",
        message: format!("The request body could not be read: {error}"),
        param: None,
    }
}
