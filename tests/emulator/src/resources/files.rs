//! `/v1/files`: retrieve, list, and the contents download. Files are made by the
//! emulator itself (report run results, Sigma query results); there is no upload.

use serde_json::{Value, json};
use stripe_edge::error::HttpError;

use crate::errors;
use crate::http::Response;
use crate::list;
use crate::params::Params;
use crate::store::Store;

/// Stores a CSV file with `purpose` and returns its object, with a `url` on this
/// emulator to download it from.
pub fn create(store: &mut Store, purpose: &str, filename: &str, contents: Vec<u8>) -> Value {
    let id = store.id("file");
    let now = store.now();
    let file = json!({
        "id": id,
        "object": "file",
        "created": now,
        "expires_at": now + 365 * 86_400,
        "filename": filename,
        "links": { "object": "list", "data": [], "has_more": false, "url": format!("/v1/file_links?file={id}") },
        "purpose": purpose,
        "size": contents.len(),
        "title": null,
        "type": "csv",
        "url": format!("{}/v1/files/{id}/contents", store.base_url),
    });
    store.file_contents.insert(id, contents);
    store.files.insert(file)
}

/// `GET /v1/files/:id`
pub fn retrieve(store: &Store, params: &Params, id: &str) -> Result<Value, HttpError> {
    params.expand()?;
    params.finish()?;
    store
        .files
        .get(id)
        .cloned()
        .ok_or_else(|| errors::missing("file", id, "id"))
}

/// `GET /v1/files`: with `purpose` and `created` filters.
pub fn list(store: &Store, params: &Params) -> Result<Value, HttpError> {
    let purpose = params.text("purpose")?;
    let created = list::created_filter(params)?;
    let items = store.files.newest_first().filter(|file| {
        created(file)
            && purpose
                .as_ref()
                .is_none_or(|p| file["purpose"] == p.as_str())
    });
    let page = list::page(params, "/v1/files", items, store)?;
    params.finish()?;
    Ok(page)
}

/// `GET /v1/files/:id/contents`: the bytes, as `text/csv`.
pub fn contents(store: &Store, params: &Params, id: &str) -> Result<Response, HttpError> {
    params.finish()?;
    let bytes = store
        .file_contents
        .get(id)
        .ok_or_else(|| errors::missing("file", id, "id"))?;
    let filename = store
        .files
        .get(id)
        .and_then(|file| file["filename"].as_str())
        .unwrap_or("file.csv");
    Ok(
        Response::bytes("text/csv; charset=utf-8", bytes.clone()).with_header(
            "Content-Disposition",
            &format!("attachment; filename=\"{filename}\""),
        ),
    )
}
