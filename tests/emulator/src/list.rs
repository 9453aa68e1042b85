//! Lists as Stripe pages them (`limit`, `starting_after`, `ending_before`, `created`
//! filters, `has_more`), search results (`page`, `next_page`), and `expand[]`.

use serde_json::{Value, json};
use stripe_edge::error::HttpError;

use crate::errors;
use crate::params::Params;
use crate::store::Store;

/// `limit`: 1 to 100, 10 when not given.
pub fn limit(params: &Params) -> Result<usize, HttpError> {
    match params.integer("limit")? {
        None => Ok(10),
        Some(limit @ 1..=100) => Ok(limit as usize),
        Some(_) => Err(errors::invalid(
            "parameter_invalid_integer",
            Some("limit"),
            "This value must be greater than or equal to 1 and less than or equal to 100.".into(),
        )),
    }
}

/// Whether `created` passes the `created` filter (`created=T` or `created[gt]=T`, ...).
pub fn created_filter(params: &Params) -> Result<impl Fn(&Value) -> bool + use<>, HttpError> {
    let mut bounds: Vec<(String, i64)> = Vec::new();
    // `created` is a hash of bounds or one integer: `nested` refuses an integer.
    if let Ok(Some(range)) = params.nested("created") {
        for op in ["gt", "gte", "lt", "lte"] {
            if let Some(at) = range.integer(op)? {
                bounds.push((op.into(), at));
            }
        }
        range.finish()?;
    } else if let Some(at) = params.integer("created")? {
        bounds.push(("eq".into(), at));
    }
    Ok(move |object: &Value| {
        let created = object["created"].as_i64().unwrap_or_default();
        bounds.iter().all(|(op, at)| match op.as_str() {
            "gt" => created > *at,
            "gte" => created >= *at,
            "lt" => created < *at,
            "lte" => created <= *at,
            _ => created == *at,
        })
    })
}

/// One page of `items` (newest first, already filtered) as a Stripe list at `url`.
pub fn page<'a>(
    params: &Params,
    url: &str,
    items: impl Iterator<Item = &'a Value>,
    store: &Store,
) -> Result<Value, HttpError> {
    let limit = limit(params)?;
    let starting_after = params.text("starting_after")?;
    let ending_before = params.text("ending_before")?;
    let expand = params.expand()?;
    let items: Vec<&Value> = items.collect();
    let position = |param: &str, id: &str| {
        items
            .iter()
            .position(|item| item["id"] == id)
            .ok_or_else(|| errors::missing("object", id, param))
    };
    let (data, has_more): (Vec<&Value>, bool) = match (starting_after, ending_before) {
        (Some(_), Some(_)) => {
            return Err(errors::invalid(
                "parameter_invalid",
                Some("ending_before"),
                "You may only specify one of these parameters: starting_after, ending_before."
                    .into(),
            ));
        }
        (Some(after), None) => {
            let from = position("starting_after", &after)? + 1;
            let rest = &items[from..];
            (
                rest.iter().take(limit).copied().collect(),
                rest.len() > limit,
            )
        }
        (None, Some(before)) => {
            let to = position("ending_before", &before)?;
            let rest = &items[..to];
            let start = rest.len().saturating_sub(limit);
            (rest[start..].to_vec(), start > 0)
        }
        (None, None) => (
            items.iter().take(limit).copied().collect(),
            items.len() > limit,
        ),
    };
    let data: Vec<Value> = data
        .into_iter()
        .map(|item| expanded(store, item.clone(), &expand, "data."))
        .collect::<Result<_, _>>()?;
    Ok(json!({ "object": "list", "data": data, "has_more": has_more, "url": url }))
}

/// One page of search results: `page` is the opaque cursor from `next_page`.
pub fn search_page<'a>(
    params: &Params,
    url: &str,
    items: impl Iterator<Item = &'a Value>,
    store: &Store,
) -> Result<Value, HttpError> {
    let limit = limit(params)?;
    let expand = params.expand()?;
    let offset = match params.text("page")? {
        None => 0,
        Some(page) => page
            .strip_prefix("page_")
            .and_then(|offset| offset.parse::<usize>().ok())
            .ok_or_else(|| errors::bad_value("page", "page cursor"))?,
    };
    let items: Vec<&Value> = items.collect();
    let data: Vec<Value> = items
        .iter()
        .skip(offset)
        .take(limit)
        .map(|item| expanded(store, (*item).clone(), &expand, "data."))
        .collect::<Result<_, _>>()?;
    let next = offset + data.len();
    let has_more = next < items.len();
    Ok(json!({
        "object": "search_result",
        "data": data,
        "has_more": has_more,
        "next_page": if has_more { Value::String(format!("page_{next}")) } else { Value::Null },
        "url": url,
    }))
}

/// `object` with each path of `expand` (under `prefix`, as `data.` in lists) replaced
/// by the object its id names.
pub fn expanded(
    store: &Store,
    mut object: Value,
    expand: &[String],
    prefix: &str,
) -> Result<Value, HttpError> {
    for path in expand {
        let path = match path.strip_prefix(prefix) {
            Some(path) => path,
            None if prefix.is_empty() => path,
            None => continue,
        };
        let refused = || {
            errors::invalid(
                "parameter_invalid",
                Some("expand"),
                format!("This property cannot be expanded ({path})."),
            )
        };
        let mut at = &mut object;
        for name in path.split('.') {
            replace_id(store, at)?;
            at = at.get_mut(name).ok_or_else(refused)?;
        }
        replace_id(store, at)?;
    }
    Ok(object)
}

/// Puts the object an id names in place of the id (anything else stays).
fn replace_id(store: &Store, at: &mut Value) -> Result<(), HttpError> {
    if let Some(id) = at.as_str() {
        let found = store.find(id).cloned();
        *at = found.ok_or_else(|| errors::missing("object", id, "expand"))?;
    }
    Ok(())
}
